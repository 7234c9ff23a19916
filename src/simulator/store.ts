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
  SimulatorUser,
} from './types.js';
import {
  orderImage,
  orderImageStream,
  orderImageStreamImage,
  orderImageStreamTag,
  orderStatus,
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

/** The mutable cluster state behind one simulator. */
export class Store {
  readonly #images = new Map<string, ImageResource>();
  readonly #streams = new Map<string, ImageStreamResource>();
  readonly #users = new Map<
    string,
    { name: string; token: string; namespaces: Set<string> | '*' }
  >();
  readonly #tokens = new Map<string, string>();
  readonly #revoked = new Set<string>();
  readonly #candidates = new Map<string, string[]>();
  readonly #replies = new Map<string, Reply>();
  #resourceVersion = 900_000;

  constructor(dataset: Dataset) {
    for (const image of dataset.images) this.#images.set(image.metadata.name ?? '', image);
    for (const stream of dataset.streams) {
      this.#streams.set(`${stream.metadata.namespace ?? ''}/${stream.metadata.name ?? ''}`, stream);
    }
    for (const user of dataset.users) this.addUser(user);
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
      }));
  }

  /** Adds (or replaces) a user. */
  addUser(user: SimulatorUser): void {
    this.#users.set(user.name, {
      name: user.name,
      token: user.token,
      namespaces: user.namespaces === '*' ? '*' : new Set(user.namespaces),
    });
    this.#tokens.set(user.token, user.name);
    this.#revoked.delete(user.token);
  }

  /** The current token of a user; throws for an unknown user. */
  token(userName: string): string {
    const user = this.#users.get(userName);
    if (!user) {
      throw new Error(
        `unknown simulator user: expected one of ${[...this.#users.keys()].join(', ')}, but got: '${userName}'`,
      );
    }
    return user.token;
  }

  /** Grants `get` in a namespace. */
  grant(userName: string, namespace: string): void {
    const user = this.#users.get(userName);
    if (!user) throw new Error(`unknown simulator user: '${userName}'`);
    if (user.namespaces !== '*') user.namespaces.add(namespace);
  }

  /** Withdraws `get` in a namespace (no effect on a user with every namespace). */
  ungrant(userName: string, namespace: string): void {
    const user = this.#users.get(userName);
    if (!user) throw new Error(`unknown simulator user: '${userName}'`);
    if (user.namespaces !== '*') user.namespaces.delete(namespace);
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

  /** Whether a user may `get` in a namespace. */
  canGet(userName: string, namespace: string): boolean {
    const user = this.#users.get(userName);
    if (!user) return false;
    return user.namespaces === '*' || user.namespaces.has(namespace);
  }

  // ---------------------------------------------------------------- data access and mutations

  /** The stored Image object (not a copy; do not mutate, use the mutation methods). */
  image(digest: string): ImageResource | undefined {
    return this.#images.get(digest);
  }

  /** The stored ImageStream (not a copy). */
  stream(namespace: string, name: string): ImageStreamResource | undefined {
    return this.#streams.get(`${namespace}/${name}`);
  }

  #changed(): void {
    this.#candidates.clear();
    this.#replies.clear();
  }

  #bump(meta: { resourceVersion?: string }): void {
    this.#resourceVersion += 1;
    meta.resourceVersion = String(this.#resourceVersion);
  }

  /** Adds or replaces an Image object. */
  putImage(image: ImageResource): void {
    this.#images.set(image.metadata.name ?? '', structuredClone(image));
    this.#changed();
  }

  /** Adds or replaces an ImageStream. */
  putStream(stream: ImageStreamResource): void {
    this.#streams.set(
      `${stream.metadata.namespace ?? ''}/${stream.metadata.name ?? ''}`,
      structuredClone(stream),
    );
    this.#changed();
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

  /** Replaces a stream's annotations (what every ImageStreamImage of it echoes) and bumps its resourceVersion. */
  setStreamAnnotations(namespace: string, name: string, annotations: Record<string, string>): void {
    const stream = this.#mustStream(namespace, name);
    stream.metadata.annotations = { ...annotations };
    this.#bump(stream.metadata);
    this.#changed();
  }

  /**
   * Records a new tag event (an import or push): `digest` becomes the tag's current image, the
   * previous history moves down (a re-tag of the current image does nothing). Creates the tag
   * (status only) if needed. The stream must exist; the Image should (else it is "pruned").
   */
  tagImage(namespace: string, name: string, tag: string, digest: string, created?: string): void {
    const stream = this.#mustStream(namespace, name);
    const tags = (stream.status.tags ??= []);
    let entry = tags.find((t) => t.tag === tag);
    if (!entry) {
      entry = { tag, items: [] };
      tags.push(entry);
    }
    const items = (entry.items ??= []);
    if (items[0]?.image === digest) return;
    const reference =
      this.#images.get(digest)?.dockerImageReference ??
      `${stream.status.dockerImageRepository}@${digest}`;
    items.unshift({
      created: created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      dockerImageReference: reference,
      image: digest,
      generation: stream.metadata.generation ?? 1,
    });
    this.#bump(stream.metadata);
    this.#changed();
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
