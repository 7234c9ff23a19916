/**
 * The OpenShift image API simulator: a stand-in for openshift-apiserver (image.openshift.io/v1
 * ImageStreamImage, ImageStream and ImageStreamTag GETs) that answers byte for byte like the real
 * server, for the gateway's tests, benchmarks and `npm start` without a cluster.
 *
 * Public contract of the simulator; it imports no gateway code (only the model's wire types).
 */

import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { createDataset, demoToken } from './demo-dataset.js';
import { buildImage, buildSignature } from './builders.js';
import { ContinueTokens } from './list.js';
import { WatchHub } from './watch.js';
import { FaultTable, type FaultRule } from './faults.js';
import { RequestLog, type RequestLogEntry, type RequestLogFilter } from './request-log.js';
import { handleRequest, type HandlerContext } from './server.js';
import { Store } from './store.js';
import { createSelfSignedPair } from './tls.js';
import type {
  Dataset,
  ImageResource,
  ImageSignatureResource,
  ImageStreamResource,
  SimulatorResource,
  SimulatorUser,
} from './types.js';

export type { FaultRule, SimulatorFault } from './faults.js';
export type { RequestLogEntry, RequestLogFilter } from './request-log.js';
export type * from './types.js';
export { SIMULATOR_RESOURCES } from './types.js';
export { SIMULATED_VERSION } from './server.js';
export { DEMO, DEMO_USERS, createDataset, demoToken } from './demo-dataset.js';
export {
  buildImage,
  buildImageStream,
  buildManifestList,
  buildSignature,
  generateImages,
  seededUid,
  sha256Digest,
  type BuildImageOptions,
  type BuildImageStreamOptions,
  type BuildManifestListOptions,
  type BuildTagOptions,
  type BuiltImage,
  type GenerateImagesOptions,
  type Platform,
} from './builders.js';

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks an ephemeral one. @default 0 */
  port?: number;
  /** Serve HTTPS with a freshly generated self-signed certificate (see `caPem`). @default false */
  tls?: boolean;
  /** Delay before every response, in milliseconds. @default 0 */
  latencyMs?: number;
  /**
   * Answer `latencyMs` after each request's arrival to within ~0.1 ms, not when a timer of
   * `latencyMs` fires: node's timers count whole milliseconds of a loop clock and fire up to ~1 ms
   * late. The last 2 ms are polled on the event loop (`setImmediate`), which costs the
   * simulator's CPU. A request without a fault whose token is accepted is also routed on arrival
   * (its answer reflects the state then), so that the simulator's own work is inside the latency
   * and parallel requests do not queue behind it, as they would not on a real API server. For
   * latency measurements at low concurrency (bench/upstream-cost.ts).
   * @default false
   */
  exactLatency?: boolean;
  /** The data to serve; the simulator takes ownership and mutates it. @default createDataset() */
  dataset?: Dataset;
  /** How many recent entries `requests.entries()` keeps (counts stay exact). @default 100000 */
  maxLogEntries?: number;
  /**
   * How many ImageStream changes the event history keeps. A watch from an older
   * resourceVersion gets 410 Expired, and so do continue tokens and exact list reads at one.
   * @default 1000
   */
  historyWindow?: number;
  /** Continue tokens older than this expire (410 Expired with a fresh token). @default 300000 (5 min) */
  continueTokenTtlMs?: number;
  /** The clock (ms) for token ages and tag-event times; tests pass a fake one. @default Date.now */
  clock?: () => number;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** PEM of the self-signed certificate (its own CA) with `tls: true`, else `undefined`. */
  readonly caPem: string | undefined;
  /** Current users (revoked tokens excluded). */
  readonly users: readonly SimulatorUser[];
  /** The current token of a user; throws on an unknown user. */
  token(userName: string): string;
  /** The request log. */
  readonly requests: {
    /** Number of requests matching the filter (all requests without one). */
    count(filter?: RequestLogFilter): number;
    /** Recent requests, oldest first. */
    entries(): readonly RequestLogEntry[];
    /** Forgets all logged requests. */
    reset(): void;
  };
  /** Sets the delay before every response (0 = none). */
  setLatency(ms: number): void;
  /** Adds a fault rule (consumed in injection order; `times` defaults to 1). */
  injectFault(rule: FaultRule): void;
  /** Removes every fault rule. */
  clearFaults(): void;

  /** Appends a signature to an Image (as the signature import controller does); bumps its resourceVersion. */
  addSignature(digest: string, signature: ImageSignatureResource): void;
  /** Builds and appends an unverified signature of `text` named `<digest>@<sha256(text)>`; returns it. */
  addSignatureText(digest: string, text: string): ImageSignatureResource;
  /** Removes every signature of an Image; bumps its resourceVersion. */
  removeSignatures(digest: string): void;
  /** Replaces an Image's annotations; bumps its resourceVersion. */
  setImageAnnotations(digest: string, annotations: Record<string, string>): void;
  /** Replaces an ImageStream's annotations (echoed by every ImageStreamImage of it). */
  setStreamAnnotations(
    namespace: string,
    stream: string,
    annotations: Record<string, string>,
  ): void;
  /** Deletes an Image object, as pruning does; streams keep referencing it (then 404 `images`). */
  deleteImage(digest: string): boolean;
  /** Adds or replaces an Image object (e.g. `buildImage().image`). */
  putImage(image: ImageResource): void;
  /** Adds or replaces an ImageStream (e.g. `buildImageStream(...)`). */
  putStream(stream: ImageStreamResource): void;
  /** Records a new current image for a tag (history moves down); creates the tag if needed. */
  tagImage(namespace: string, stream: string, tag: string, digest: string, created?: string): void;
  /**
   * Makes a token invalid: every later request is 401. Watches it opened keep streaming, as
   * the real server only authenticates a watch when it starts (`docs/watch.md`); end them with
   * `dropWatches({ user })` to play a gateway-side cut.
   */
  revokeToken(token: string): void;
  /** Adds (or replaces) a user; `token` defaults to `demoToken(name)`. Returns the user. */
  addUser(user: {
    name: string;
    token?: string;
    namespaces: readonly string[] | '*';
    resources?: readonly SimulatorResource[];
    clusterImages?: boolean;
  }): SimulatorUser;
  /** Grants a user `get` in a namespace. */
  grant(userName: string, namespace: string): void;
  /** Withdraws a user's `get` in a namespace. */
  ungrant(userName: string, namespace: string): void;
  /** Replaces the namespaced resources a user may read (e.g. `['imagestreams']`). */
  setResources(userName: string, resources: readonly SimulatorResource[]): void;

  // ------------------------------------------------------------ stream mutations (watch events)
  /** The current global resourceVersion (every stream write bumps it). */
  readonly resourceVersion: string;
  /**
   * Pushes an image to a tag: stores the Image (built from a seed when not given) and records it
   * at the head of the tag's history. One MODIFIED event. Returns the image's digest.
   */
  pushImage(
    namespace: string,
    stream: string,
    tag: string,
    image?: ImageResource,
    created?: string,
  ): string;
  /** Deletes a tag from spec and status (MODIFIED); returns whether it existed. */
  removeTag(namespace: string, stream: string, tag: string): boolean;
  /** Deletes an ImageStream (DELETED); returns whether it existed. */
  deleteStream(namespace: string, stream: string): boolean;
  /** A failed import of a tag: `ImportSuccess=False` with the message, history unchanged (MODIFIED). */
  failImport(
    namespace: string,
    stream: string,
    tag: string,
    message: string,
    options?: { reason?: string; at?: string },
  ): void;

  // ------------------------------------------------------------ knobs: continue tokens, history, watches
  /** Expires every continue token handed out so far (the next use is 410 with a fresh token). */
  expireContinueTokens(): void;
  /** Drops the event history (as etcd compaction does): older watches and continue tokens get 410. */
  compact(): void;
  /** The next watch request (any user) gets a 410 Expired: as an ERROR event, or with `http` as an HTTP 410. */
  forceWatchExpired(options?: { http?: boolean }): void;
  /** Ends open watches (all, or one user's) mid-stream with an ERROR event (410 Expired); returns how many. */
  expireOpenWatches(filter?: { user?: string }): number;
  /** Sends a BOOKMARK with the current resourceVersion on every open watch that allowed bookmarks. */
  sendBookmark(): void;
  /** Resets the connections of open watches (all, or one user's); returns how many were dropped. */
  dropWatches(filter?: { user?: string }): number;
  /** Number of open watches (all, or one user's). */
  openWatches(filter?: { user?: string }): number;

  /** Stops listening, ends hung and in-flight requests, and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Starts a simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const store = new Store(options.dataset ?? createDataset(), {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.historyWindow === undefined ? {} : { historyWindow: options.historyWindow }),
  });
  const continueTokens = new ContinueTokens(store.clock, {
    ...(options.continueTokenTtlMs === undefined ? {} : { ttlMs: options.continueTokenTtlMs }),
  });
  const watches = new WatchHub(store);
  const log = new RequestLog(options.maxLogEntries ?? 100_000);
  const faults = new FaultTable();
  const ctx: HandlerContext = {
    store,
    log,
    faults,
    latencyMs: options.latencyMs ?? 0,
    exactLatency: options.exactLatency ?? false,
    timers: new Set(),
    continueTokens,
    watches,
    closed: false,
  };
  let pushes = 0;
  const pair = options.tls === true ? await createSelfSignedPair(host) : undefined;
  const handler = (
    req: Parameters<typeof handleRequest>[1],
    res: Parameters<typeof handleRequest>[2],
  ): void => handleRequest(ctx, req, res);
  const server: Server = pair
    ? createHttpsServer({ key: pair.key, cert: pair.cert }, handler)
    : createHttpServer(handler);
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : host;
  const url = `${pair ? 'https' : 'http'}://${hostPart}:${address.port}`;

  return {
    url,
    caPem: pair?.cert,
    get users() {
      return store.users();
    },
    token: (name) => store.token(name),
    requests: {
      count: (filter) => log.count(filter),
      entries: () => log.entries(),
      reset: () => log.reset(),
    },
    setLatency(ms) {
      if (!(ms >= 0))
        throw new Error(`latency must be a number of milliseconds >= 0, but got: ${ms}`);
      ctx.latencyMs = ms;
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    addSignature: (digest, signature) => store.addSignature(digest, signature),
    addSignatureText(digest, text) {
      const signature = buildSignature(digest, text, {
        created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      store.addSignature(digest, signature);
      return signature;
    },
    removeSignatures: (digest) => store.removeSignatures(digest),
    setImageAnnotations: (digest, annotations) => store.setImageAnnotations(digest, annotations),
    setStreamAnnotations: (namespace, stream, annotations) =>
      store.setStreamAnnotations(namespace, stream, annotations),
    deleteImage: (digest) => store.deleteImage(digest),
    putImage: (image) => store.putImage(image),
    putStream: (stream) => store.putStream(stream),
    tagImage: (namespace, stream, tag, digest, created) =>
      store.tagImage(namespace, stream, tag, digest, created),
    revokeToken: (token) => store.revokeToken(token),
    addUser(user) {
      const created: SimulatorUser = {
        name: user.name,
        token: user.token ?? demoToken(user.name),
        namespaces: user.namespaces === '*' ? '*' : [...user.namespaces],
        ...(user.resources === undefined ? {} : { resources: [...user.resources] }),
        ...(user.clusterImages === undefined ? {} : { clusterImages: user.clusterImages }),
      };
      store.addUser(created);
      return created;
    },
    grant: (userName, namespace) => store.grant(userName, namespace),
    ungrant: (userName, namespace) => store.ungrant(userName, namespace),
    setResources: (userName, resources) => store.setResources(userName, resources),
    get resourceVersion() {
      return String(store.resourceVersion);
    },
    pushImage(namespace, stream, tag, image, created) {
      pushes += 1;
      const stored =
        image ??
        buildImage({
          seed: `push ${pushes} ${namespace}/${stream}:${tag} at ${store.resourceVersion}`,
          created: new Date(store.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }).image;
      const digest = stored.metadata.name ?? '';
      store.putImage(stored);
      store.tagImage(namespace, stream, tag, digest, created);
      return digest;
    },
    removeTag: (namespace, stream, tag) => store.removeTag(namespace, stream, tag),
    deleteStream: (namespace, stream) => store.deleteStream(namespace, stream),
    failImport: (namespace, stream, tag, message, opts) =>
      store.failImport(namespace, stream, tag, message, opts),
    expireContinueTokens: () => continueTokens.expireAll(),
    compact: () => store.compact(),
    forceWatchExpired: (opts) => watches.forceExpired(opts?.http === true),
    sendBookmark: () => watches.bookmark(),
    expireOpenWatches: (filter) => watches.expireOpen(filter?.user),
    dropWatches: (filter) => watches.drop(filter?.user),
    openWatches: (filter) => watches.count(filter?.user),
    close() {
      ctx.closed = true;
      watches.closeAll();
      for (const timer of ctx.timers) clearTimeout(timer);
      ctx.timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
