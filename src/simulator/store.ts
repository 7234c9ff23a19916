/**
 * The simulator's state and the GET handlers of image.openshift.io/v1. Handlers return
 * pre-serialised replies that are cached per (resource, namespace, name, pretty) and dropped on
 * every mutation, so the hot path does no JSON work.
 */

import { createHash } from 'node:crypto';

import { goJson } from './go-json.js';
import {
  parseImageStreamImageName,
  parseImageStreamTagName,
  resolveImageId,
  streamCandidates,
} from './lookup.js';
import { badRequest, notFound, type StatusBody } from './status.js';
import type {
  Dataset,
  ImageResource,
  ImageSignatureResource,
  ImageStreamResource,
  SimulatorResource,
  SimulatorUser,
} from './types.js';
import { SIMULATOR_RESOURCES } from './types.js';
import {
  orderImage,
  orderImageStream,
  orderImageStreamImage,
  orderImageStreamTag,
  orderObjectMeta,
  orderStatus,
  sortedMap,
} from './wire-order.js';

/** A serialised response (without the per-request headers Audit-Id and Cache-Control). */
export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** Extra headers, e.g. Retry-After, X-Content-Type-Options. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The resources the simulator serves under /apis/image.openshift.io/v1/namespaces/{ns}/. */
export type ImageApiResource = 'imagestreamimages' | 'imagestreams' | 'imagestreamtags';

/** Serialises a Status into a reply (`Retry-After` when `details.retryAfterSeconds > 0`, nosniff on 403). */
export function statusReply(body: StatusBody, pretty: boolean): Reply {
  const headers: Record<string, string> = {};
  const retry = body.details?.retryAfterSeconds;
  if (retry !== undefined && retry > 0) headers['Retry-After'] = String(retry);
  if (body.code === 403) headers['X-Content-Type-Options'] = 'nosniff';
  return {
    status: body.code,
    contentType: 'application/json',
    body: Buffer.from(goJson(orderStatus(body), pretty)),
    headers,
  };
}

function okReply(ordered: unknown, pretty: boolean): Reply {
  return {
    status: 200,
    contentType: 'application/json',
    body: Buffer.from(goJson(ordered, pretty)),
  };
}

/** Removes what ImageStreamImage/ImageStreamTag never return: TypeMeta and the raw blobs. */
function nestedImage(image: ImageResource): ImageResource {
  const {
    kind: _kind,
    apiVersion: _apiVersion,
    dockerImageManifest: _manifest,
    dockerImageConfig: _config,
    ...rest
  } = image;
  return rest;
}

const REPLY_CACHE_LIMIT = 50_000;

/** A verb the simulator authorizes (it serves reads only, so every user lacks the others). */
export type SimulatorVerb = 'get' | 'list' | 'watch';

/** One change to an ImageStream, as the watch delivers it (`docs/watch.md`). */
export interface StreamEvent {
  /** The resourceVersion the change was written at (the global counter after the bump). */
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly namespace: string;
  readonly name: string;
  /** The state before the change (`undefined` for ADDED). Never mutated afterwards. */
  readonly prev: ImageStreamResource | undefined;
  /** The state after the change; for DELETED the last state, carrying the deletion's resourceVersion. */
  readonly object: ImageStreamResource;
  /** Store clock when the change happened. */
  readonly at: number;
}

/** Options of the store's history (what a watch or a continue token can still reach). */
export interface StoreOptions {
  /** Clock in milliseconds. @default Date.now */
  clock?: () => number;
  /** How many stream changes the event history keeps; older resourceVersions are "compacted". @default 1000 */
  historyWindow?: number;
}

interface StoredUser {
  name: string;
  token: string;
  namespaces: Set<string> | '*';
  resources: Set<SimulatorResource>;
  clusterImages: boolean;
}

const streamKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** The highest numeric resourceVersion in the dataset (the store's counter starts there). */
function maxResourceVersion(dataset: Dataset): number {
  let max = 0;
  for (const o of [...dataset.images, ...dataset.streams]) {
    const rv = Number(o.metadata.resourceVersion ?? '0');
    if (Number.isSafeInteger(rv) && rv > max) max = rv;
  }
  return max;
}

/** The mutable cluster state behind one simulator. */
export class Store {
  readonly #images = new Map<string, ImageResource>();
  readonly #streams = new Map<string, ImageStreamResource>();
  readonly #users = new Map<string, StoredUser>();
  readonly #tokens = new Map<string, string>();
  readonly #revoked = new Set<string>();
  readonly #candidates = new Map<string, string[]>();
  readonly #replies = new Map<string, Reply>();
  readonly #listeners = new Set<(event: StreamEvent) => void>();
  #history: StreamEvent[] = [];
  #resourceVersion: number;
  #compactedRv: number;
  readonly #historyWindow: number;
  /** The store's clock (milliseconds). */
  readonly clock: () => number;

  constructor(dataset: Dataset, options: StoreOptions = {}) {
    for (const image of dataset.images) this.#images.set(image.metadata.name ?? '', image);
    for (const stream of dataset.streams) {
      this.#streams.set(
        streamKey(stream.metadata.namespace ?? '', stream.metadata.name ?? ''),
        stream,
      );
    }
    for (const user of dataset.users) this.addUser(user);
    this.#resourceVersion = Math.max(900_000, maxResourceVersion(dataset));
    // The history notionally reaches back to the oldest stream of the dataset (nothing changed
    // since it was loaded), so a watch from a GET's resourceVersion works on fresh data; after
    // compact() or once the window overflows, older resourceVersions are 410 (docs/watch.md).
    this.#compactedRv = Math.min(
      this.#resourceVersion,
      ...dataset.streams
        .map((s) => Number(s.metadata.resourceVersion ?? '0') - 1)
        .filter((n) => Number.isSafeInteger(n) && n >= 0),
    );
    this.#historyWindow = options.historyWindow ?? 1000;
    if (!(this.#historyWindow >= 1)) {
      throw new Error(`historyWindow must be a number >= 1, but got: ${this.#historyWindow}`);
    }
    this.clock = options.clock ?? Date.now;
  }

  // ---------------------------------------------------------------- users

  /** Users as a snapshot. */
  users(): SimulatorUser[] {
    return [...this.#users.values()]
      .filter((u) => !this.#revoked.has(u.token))
      .map((u) => ({
        name: u.name,
        token: u.token,
        namespaces: u.namespaces === '*' ? '*' : [...u.namespaces],
        resources: [...u.resources],
        clusterImages: u.clusterImages,
      }));
  }

  /** Adds (or replaces) a user. */
  addUser(user: SimulatorUser): void {
    this.#users.set(user.name, {
      name: user.name,
      token: user.token,
      namespaces: user.namespaces === '*' ? '*' : new Set(user.namespaces),
      resources: new Set(user.resources ?? SIMULATOR_RESOURCES),
      clusterImages: user.clusterImages ?? false,
    });
    this.#tokens.set(user.token, user.name);
    this.#revoked.delete(user.token);
  }

  /** The current token of a user; throws for an unknown user. */
  token(userName: string): string {
    return this.#mustUser(userName).token;
  }

  #mustUser(userName: string): StoredUser {
    const user = this.#users.get(userName);
    if (!user) {
      throw new Error(
        `unknown simulator user: expected one of ${[...this.#users.keys()].join(', ')}, but got: '${userName}'`,
      );
    }
    return user;
  }

  /** Grants the user's resources in a namespace. */
  grant(userName: string, namespace: string): void {
    const user = this.#mustUser(userName);
    if (user.namespaces !== '*') user.namespaces.add(namespace);
  }

  /** Withdraws every right in a namespace (no effect on a user with every namespace). */
  ungrant(userName: string, namespace: string): void {
    const user = this.#mustUser(userName);
    if (user.namespaces !== '*') user.namespaces.delete(namespace);
  }

  /** Replaces the namespaced resources a user may read (in every namespace it has). */
  setResources(userName: string, resources: readonly SimulatorResource[]): void {
    this.#mustUser(userName).resources = new Set(resources);
  }

  /** Makes a token invalid: requests with it get 401. */
  revokeToken(token: string): void {
    this.#revoked.add(token);
  }

  /**
   * Who a bearer token is: `{ user }` for a valid token, `{ invalid, user? }` for an unknown or
   * revoked one (`user` names a revoked token's owner, for the request log).
   */
  authenticate(
    token: string,
  ): { user: string; invalid: false } | { user: string | undefined; invalid: true } {
    const user = this.#tokens.get(token);
    if (user === undefined) return { user: undefined, invalid: true };
    if (this.#revoked.has(token)) return { user, invalid: true };
    return { user, invalid: false };
  }

  /** Whether a user may `get` in a namespace (any of its resources). */
  canGet(userName: string, namespace: string): boolean {
    const user = this.#users.get(userName);
    if (!user) return false;
    return user.namespaces === '*' || user.namespaces.has(namespace);
  }

  /**
   * Whether a user may do `verb` on a resource: a namespaced one in `namespace`, or the
   * cluster-scoped `images` (namespace `undefined`). Only reads are ever allowed.
   */
  can(
    userName: string,
    verb: string,
    resource: SimulatorResource | 'images',
    namespace: string | undefined,
  ): boolean {
    const user = this.#users.get(userName);
    if (!user || (verb !== 'get' && verb !== 'list' && verb !== 'watch')) return false;
    if (resource === 'images')
      return namespace === undefined && user.clusterImages && verb === 'get';
    if (namespace === undefined) return false;
    // imagestreamimages and the layers view are get-only; list/watch exist on imagestreams and istags.
    if (
      verb !== 'get' &&
      (resource === 'imagestreamimages' || resource === 'imagestreams/layers')
    ) {
      return false;
    }
    if (user.namespaces !== '*' && !user.namespaces.has(namespace)) return false;
    return user.resources.has(resource);
  }

  // ---------------------------------------------------------------- resourceVersion and history

  /** The current (global) resourceVersion: every write bumps it. */
  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  /** The highest resourceVersion the history no longer covers (older reads are 410). */
  get compactedResourceVersion(): number {
    return this.#compactedRv;
  }

  /** Drops the whole event history, as an etcd compaction at the current revision does. */
  compact(): void {
    this.#history = [];
    this.#compactedRv = this.#resourceVersion;
  }

  /** Stream changes with `rv > since`, oldest first (the caller checks `since >= compactedResourceVersion`). */
  eventsSince(since: number): StreamEvent[] {
    return this.#history.filter((e) => e.rv > since);
  }

  /** Subscribes to stream changes; returns the unsubscribe function. */
  onEvent(listener: (event: StreamEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The streams of a namespace as they were at resourceVersion `rv` (current state when `rv` is
   * undefined or current), sorted by name as etcd keys are; `undefined` when `rv` was compacted.
   */
  streamsAt(namespace: string, rv?: number): ImageStreamResource[] | undefined {
    const byName = new Map<string, ImageStreamResource>();
    for (const stream of this.#streams.values()) {
      if (stream.metadata.namespace === namespace) byName.set(stream.metadata.name ?? '', stream);
    }
    if (rv !== undefined && rv < this.#resourceVersion) {
      if (rv < this.#compactedRv) return undefined;
      for (let i = this.#history.length - 1; i >= 0; i -= 1) {
        const event = this.#history[i];
        if (!event || event.rv <= rv) break;
        if (event.namespace !== namespace) continue;
        if (event.prev) byName.set(event.name, event.prev);
        else byName.delete(event.name);
      }
    }
    return [...byName.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => byName.get(name) as ImageStreamResource);
  }

  // ---------------------------------------------------------------- data access and mutations

  /** The stored Image object (not a copy; do not mutate, use the mutation methods). */
  image(digest: string): ImageResource | undefined {
    return this.#images.get(digest);
  }

  /** The stored ImageStream (not a copy). */
  stream(namespace: string, name: string): ImageStreamResource | undefined {
    return this.#streams.get(streamKey(namespace, name));
  }

  #changed(): void {
    this.#candidates.clear();
    this.#replies.clear();
  }

  #bump(meta: { resourceVersion?: string }): void {
    this.#resourceVersion += 1;
    meta.resourceVersion = String(this.#resourceVersion);
  }

  /**
   * Writes (or with `next === undefined` deletes) one stream: bumps the global resourceVersion,
   * stamps it on the object, records the event in the bounded history and tells the watchers.
   * `next` must be a fresh object: stored states are never mutated in place, because the history
   * and consistent list pages still read them.
   */
  #writeStream(namespace: string, name: string, next: ImageStreamResource | undefined): void {
    const key = streamKey(namespace, name);
    const prev = this.#streams.get(key);
    if (!prev && !next) return;
    this.#resourceVersion += 1;
    const rv = String(this.#resourceVersion);
    let object: ImageStreamResource;
    if (next) {
      next.metadata.resourceVersion = rv;
      this.#streams.set(key, next);
      object = next;
    } else {
      const last = prev as ImageStreamResource;
      object = { ...last, metadata: { ...last.metadata, resourceVersion: rv } };
      this.#streams.delete(key);
    }
    const event: StreamEvent = {
      rv: this.#resourceVersion,
      type: next === undefined ? 'DELETED' : prev ? 'MODIFIED' : 'ADDED',
      namespace,
      name,
      prev,
      object,
      at: this.clock(),
    };
    this.#history.push(event);
    if (this.#history.length > this.#historyWindow) {
      const dropped = this.#history.splice(0, this.#history.length - this.#historyWindow);
      this.#compactedRv = dropped[dropped.length - 1]?.rv ?? this.#compactedRv;
    }
    this.#changed();
    for (const listener of this.#listeners) listener(event);
  }

  /** A deep copy of a stored stream to change and write back. */
  #editStream(namespace: string, name: string): ImageStreamResource {
    return structuredClone(this.#mustStream(namespace, name));
  }

  /** Adds or replaces an Image object. */
  putImage(image: ImageResource): void {
    this.#images.set(image.metadata.name ?? '', structuredClone(image));
    this.#changed();
  }

  /** Adds or replaces an ImageStream (ADDED or MODIFIED; the store assigns its resourceVersion). */
  putStream(stream: ImageStreamResource): void {
    this.#writeStream(
      stream.metadata.namespace ?? '',
      stream.metadata.name ?? '',
      structuredClone(stream),
    );
  }

  /** Deletes an ImageStream (DELETED). Returns whether it existed. */
  deleteStream(namespace: string, name: string): boolean {
    if (!this.stream(namespace, name)) return false;
    this.#writeStream(namespace, name, undefined);
    return true;
  }

  /** Deletes an Image object (as pruning does); streams keep referencing it. Returns whether it existed. */
  deleteImage(digest: string): boolean {
    const existed = this.#images.delete(digest);
    this.#changed();
    return existed;
  }

  /** Appends a signature to an image and bumps its resourceVersion. */
  addSignature(digest: string, signature: ImageSignatureResource): void {
    const image = this.#mustImage(digest);
    image.signatures = [...(image.signatures ?? []), structuredClone(signature)];
    this.#bump(image.metadata);
    this.#changed();
  }

  /** Removes every signature of an image (`oc adm verify-image-signature --remove-all`). */
  removeSignatures(digest: string): void {
    const image = this.#mustImage(digest);
    delete image.signatures;
    this.#bump(image.metadata);
    this.#changed();
  }

  /** Replaces an image's annotations and bumps its resourceVersion. */
  setImageAnnotations(digest: string, annotations: Record<string, string>): void {
    const image = this.#mustImage(digest);
    image.metadata.annotations = { ...annotations };
    this.#bump(image.metadata);
    this.#changed();
  }

  /** Replaces a stream's annotations (what every ImageStreamImage of it echoes): MODIFIED, no tag moves. */
  setStreamAnnotations(namespace: string, name: string, annotations: Record<string, string>): void {
    const stream = this.#editStream(namespace, name);
    stream.metadata.annotations = { ...annotations };
    this.#writeStream(namespace, name, stream);
  }

  /**
   * Records a new tag event (an import or push): `digest` becomes the tag's current image, the
   * previous history moves down (a re-tag of the current image does nothing). Creates the tag
   * (status only) if needed. The stream must exist; the Image should (else it is "pruned").
   */
  tagImage(namespace: string, name: string, tag: string, digest: string, created?: string): void {
    const stream = this.#editStream(namespace, name);
    const tags = (stream.status.tags ??= []);
    let entry = tags.find((t) => t.tag === tag);
    if (!entry) {
      entry = { tag, items: [] };
      tags.push(entry);
    }
    const items = (entry.items ??= []);
    if (items[0]?.image === digest) return;
    // Moving back to an image the tag had before prepends a new event; the old one stays
    // (library-go imageutil AddTagEventToImageStream; docs/watch.md).
    const reference =
      this.#images.get(digest)?.dockerImageReference ??
      `${stream.status.dockerImageRepository}@${digest}`;
    items.unshift({
      created: created ?? new Date(this.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      dockerImageReference: reference,
      image: digest,
      generation:
        stream.spec.tags?.find((t) => t.name === tag)?.generation ??
        stream.metadata.generation ??
        1,
    });
    // A successful import clears the tag's failure condition.
    delete entry.conditions;
    this.#writeStream(namespace, name, stream);
  }

  /** Removes a tag from spec and status (`oc tag -d`); returns whether it existed. */
  removeTag(namespace: string, name: string, tag: string): boolean {
    const stream = this.#editStream(namespace, name);
    const before = (stream.spec.tags?.length ?? 0) + (stream.status.tags?.length ?? 0);
    if (stream.spec.tags) stream.spec.tags = stream.spec.tags.filter((t) => t.name !== tag);
    if (stream.status.tags) stream.status.tags = stream.status.tags.filter((t) => t.tag !== tag);
    const after = (stream.spec.tags?.length ?? 0) + (stream.status.tags?.length ?? 0);
    if (before === after) return false;
    stream.metadata.generation = (stream.metadata.generation ?? 1) + 1;
    this.#writeStream(namespace, name, stream);
    return true;
  }

  /**
   * Records a failed import of a tag, as the import controller does: the tag's status gets an
   * `ImportSuccess=False` condition (its history is unchanged; a tag without status gets
   * `items: null`) and the stream's `openshift.io/image.dockerRepositoryCheck` annotation is
   * rewritten.
   */
  failImport(
    namespace: string,
    name: string,
    tag: string,
    message: string,
    options: { reason?: string; at?: string } = {},
  ): void {
    const stream = this.#editStream(namespace, name);
    const now = options.at ?? new Date(this.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const tags = (stream.status.tags ??= []);
    let entry = tags.find((t) => t.tag === tag);
    if (!entry) {
      entry = { tag, items: null };
      tags.push(entry);
    }
    entry.conditions = [
      {
        type: 'ImportSuccess',
        status: 'False',
        lastTransitionTime: now,
        reason: options.reason ?? 'NotFound',
        message,
        generation:
          stream.spec.tags?.find((t) => t.name === tag)?.generation ??
          stream.metadata.generation ??
          1,
      },
    ];
    stream.metadata.annotations = {
      ...stream.metadata.annotations,
      'openshift.io/image.dockerRepositoryCheck': now,
    };
    this.#writeStream(namespace, name, stream);
  }

  #mustImage(digest: string): ImageResource {
    const image = this.#images.get(digest);
    if (!image) throw new Error(`no image ${digest} in the simulator`);
    return image;
  }

  #mustStream(namespace: string, name: string): ImageStreamResource {
    const stream = this.stream(namespace, name);
    if (!stream) throw new Error(`no image stream ${namespace}/${name} in the simulator`);
    return stream;
  }

  // ---------------------------------------------------------------- GET handlers

  /** The reply to `GET .../namespaces/{ns}/{resource}/{name}`, from cache when possible. */
  get(resource: ImageApiResource, namespace: string, name: string, pretty: boolean): Reply {
    const key = `${pretty ? 'p' : 'c'} ${resource} ${namespace} ${name}`;
    const cached = this.#replies.get(key);
    if (cached) return cached;
    const reply = this.#compute(resource, namespace, name, pretty);
    if (this.#replies.size >= REPLY_CACHE_LIMIT) this.#replies.clear();
    this.#replies.set(key, reply);
    return reply;
  }

  #compute(resource: ImageApiResource, namespace: string, name: string, pretty: boolean): Reply {
    switch (resource) {
      case 'imagestreams': {
        const stream = this.stream(namespace, name);
        if (!stream) return statusReply(notFound('imagestreams', name), pretty);
        return okReply(
          orderImageStream({ ...stream, kind: 'ImageStream', apiVersion: 'image.openshift.io/v1' }),
          pretty,
        );
      }
      case 'imagestreamimages':
        return this.#imageStreamImage(namespace, name, pretty);
      case 'imagestreamtags':
        return this.#imageStreamTag(namespace, name, pretty);
    }
  }

  #candidatesOf(namespace: string, stream: ImageStreamResource): string[] {
    const key = `${namespace}/${stream.metadata.name ?? ''}`;
    let list = this.#candidates.get(key);
    if (!list) {
      list = streamCandidates(stream, (d) => this.#images.get(d));
      this.#candidates.set(key, list);
    }
    return list;
  }

  /**
   * `GET imagestreams/{name}/layers` (ImageStreamLayers): every image the stream reaches (tag
   * history, then manifest-list children) with its layers and config, and every blob with its
   * size (`docs/lists-and-discovery.md`, "Layers"). Maps are written with sorted keys, as Go does.
   */
  layers(namespace: string, name: string, pretty: boolean): Reply {
    const key = `${pretty ? 'p' : 'c'} layers ${namespace} ${name}`;
    const cached = this.#replies.get(key);
    if (cached) return cached;
    const stream = this.stream(namespace, name);
    const computed = stream
      ? okReply(this.#layersOf(namespace, stream), pretty)
      : statusReply(notFound('imagestreams', name), pretty);
    this.#replies.set(key, computed);
    return computed;
  }

  #layersOf(namespace: string, stream: ImageStreamResource): Record<string, unknown> {
    const blobs: Record<string, { size: number | null; mediaType: string }> = {};
    const images: Record<string, Record<string, unknown>> = {};
    for (const digest of this.#candidatesOf(namespace, stream)) {
      const image = this.#images.get(digest);
      if (!image) {
        images[digest] = { imageMissing: true, layers: null, config: null };
        continue;
      }
      const mediaType = image.dockerImageManifestMediaType ?? '';
      blobs[digest] = { size: null, mediaType };
      const children = image.dockerImageManifests ?? [];
      if (children.length > 0) {
        images[digest] = {
          imageMissing: false,
          layers: null,
          config: null,
          manifests: children.map((c) => c.digest),
        };
        continue;
      }
      const layers = image.dockerImageLayers ?? [];
      for (const layer of layers)
        blobs[layer.name] = { size: layer.size, mediaType: layer.mediaType };
      const configDigest = image.dockerImageMetadata?.Id;
      let config: string | null = null;
      if (
        configDigest !== undefined &&
        configDigest.startsWith('sha256:') &&
        configDigest !== digest
      ) {
        config = configDigest;
        // Size = config bytes + unique layer bytes (API.md), so the config size is what remains.
        const unique = new Map(layers.map((l) => [l.name, l.size]));
        const layerBytes = [...unique.values()].reduce((a, b) => a + b, 0);
        const size = image.dockerImageMetadata?.Size;
        blobs[configDigest] = {
          size: size === undefined ? null : size - layerBytes,
          mediaType: mediaType.includes('oci')
            ? 'application/vnd.oci.image.config.v1+json'
            : 'application/vnd.docker.container.image.v1+json',
        };
      }
      images[digest] = { imageMissing: false, layers: layers.map((l) => l.name), config };
    }
    return {
      kind: 'ImageStreamLayers',
      apiVersion: 'image.openshift.io/v1',
      metadata: orderObjectMeta({
        ...stream.metadata,
      }),
      blobs: sortedMap(blobs),
      images: sortedMap(images),
    };
  }

  /** `GET /apis/image.openshift.io/v1/images/{digest}`: the stored Image as it is (kind, apiVersion, blobs kept). */
  clusterImage(digest: string, pretty: boolean): Reply {
    const key = `${pretty ? 'p' : 'c'} image ${digest}`;
    const cached = this.#replies.get(key);
    if (cached) return cached;
    const image = this.#images.get(digest);
    const computed = image
      ? okReply(
          orderImage({ ...image, kind: 'Image', apiVersion: 'image.openshift.io/v1' }),
          pretty,
        )
      : statusReply(notFound('images', digest), pretty);
    this.#replies.set(key, computed);
    return computed;
  }

  #imageStreamImage(namespace: string, name: string, pretty: boolean): Reply {
    const parsed = parseImageStreamImageName(name);
    if (!parsed) {
      return statusReply(
        badRequest('ImageStreamImages must be retrieved with <name>@<id>'),
        pretty,
      );
    }
    const stream = this.stream(namespace, parsed.stream);
    if (!stream) return statusReply(notFound('imagestreams', parsed.stream), pretty);
    const digest = resolveImageId(this.#candidatesOf(namespace, stream), parsed.id);
    if (digest === undefined) return statusReply(notFound('imagestreamimage', name), pretty);
    const image = this.#images.get(digest);
    if (!image) return statusReply(notFound('images', digest), pretty);
    return okReply(
      orderImageStreamImage({
        kind: 'ImageStreamImage',
        apiVersion: 'image.openshift.io/v1',
        metadata: {
          name,
          namespace,
          creationTimestamp: image.metadata.creationTimestamp ?? null,
          annotations: stream.metadata.annotations ?? null,
        },
        image: orderImage(nestedImage(image)),
      }),
      pretty,
    );
  }

  #imageStreamTag(namespace: string, name: string, pretty: boolean): Reply {
    const parsed = parseImageStreamTagName(name);
    if (!parsed) {
      return statusReply(badRequest('ImageStreamTags must be retrieved with <name>:<tag>'), pretty);
    }
    const stream = this.stream(namespace, parsed.stream);
    if (!stream) return statusReply(notFound('imagestreams', parsed.stream), pretty);
    const statusTag = stream.status.tags?.find((t) => t.tag === parsed.tag);
    const event = statusTag?.items?.[0];
    if (!statusTag || !event) return statusReply(notFound('imagestreamtags', name), pretty);
    const image = this.#images.get(event.image);
    if (!image) return statusReply(notFound('images', event.image), pretty);
    const specTag = stream.spec.tags?.find((t) => t.name === parsed.tag);
    const tagAnnotations = specTag?.annotations ?? undefined;
    const nested = nestedImage(image);
    const mergedAnnotations = { ...nested.metadata.annotations, ...tagAnnotations };
    const local =
      specTag?.referencePolicy?.type === 'Local' && stream.status.dockerImageRepository !== '';
    return okReply(
      orderImageStreamTag({
        kind: 'ImageStreamTag',
        apiVersion: 'image.openshift.io/v1',
        metadata: {
          name,
          namespace,
          uid: stream.metadata.uid,
          resourceVersion: stream.metadata.resourceVersion,
          creationTimestamp: event.created,
          labels: stream.metadata.labels ?? null,
          annotations: tagAnnotations ?? null,
        },
        tag: specTag ?? null,
        generation: event.generation,
        lookupPolicy: stream.spec.lookupPolicy ?? { local: false },
        conditions: statusTag.conditions ?? [],
        image: orderImage({
          ...nested,
          metadata: { ...nested.metadata, annotations: mergedAnnotations },
          dockerImageReference: local
            ? `${stream.status.dockerImageRepository}@${event.image}`
            : event.dockerImageReference,
        }),
      }),
      pretty,
    );
  }
}

/** First 16 hex chars of sha256(token): identifies a token in logs without revealing it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
