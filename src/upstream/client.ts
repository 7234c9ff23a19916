/**
 * The OpenShift API client contract. Implementation: `createOpenShiftClient` (undici).
 */
import type {
  ImageStreamListResource,
  ImageStreamResource,
  ImageStreamTagResource,
} from '../model/image-stream.js';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';
import type { ImageStreamImageResource } from '../model/resources.js';

/** The credential one upstream request is made with. `token: undefined` sends no Authorization header. */
export interface RequestCredential {
  readonly token: string | undefined;
}

/** Per-call options. */
export interface UpstreamCallOptions {
  /**
   * Aborts the call (the client going away). Optional and best left out on the hot path: without
   * it the client adds no listener, and `deadline` still bounds the call.
   */
  signal?: AbortSignal;
  /** Correlation id, sent upstream as `Audit-Id`-style `X-Request-Id`. */
  requestId?: string;
  /** Called once per HTTP attempt actually sent (retries included), for per-request stats. */
  onAttempt?: () => void;
  /**
   * Absolute deadline (ms since the epoch, the client's clock) of this call, retries included.
   * Lets the client skip a retry that could not finish in time, which a signal cannot tell it.
   * The call also ends at UPSTREAM_TIMEOUT_MS, whichever comes first.
   */
  deadline?: number;
  /**
   * Key of the per-caller concurrency cap (UPSTREAM_MAX_CONCURRENCY_PER_CALLER) when it is not the
   * credential: in AUTH_MODE=service every caller sends the gateway's credential, so the server
   * passes the caller's own identity here. @default a hash of the credential
   */
  callerKey?: string;
}

/** What the gateway needs from the OpenShift API. Every method throws only `GatewayError`. */
export interface OpenShiftClient {
  /** One GET of an ImageStreamImage. */
  getImageStreamImage(
    ref: ImageStreamImageRef,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<ImageStreamImageResource>;
  /** One page of the image streams of a namespace (410 Expired becomes CURSOR_EXPIRED). */
  listImageStreams(
    query: ImageStreamListQuery,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<ImageStreamListResource>;
  /** One GET of an ImageStream. */
  getImageStream(
    ref: ImageStreamRef,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<ImageStreamResource>;
  /** One GET of an ImageStreamTag. */
  getImageStreamTag(
    ref: ImageStreamTagRef,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<ImageStreamTagResource>;
  /**
   * One SelfSubjectAccessReview (./access-review.ts): whether the credential may `get
   * imagestreamimages` in `namespace`. False for any answer that does not say so; rejects (a
   * GatewayError) when no answer arrived. Absent on a client that cannot ask.
   */
  reviewImageStreamImages?(
    namespace: string,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ): Promise<boolean>;
  /** Readiness: the API server answers (`GET /readyz` or `/version`) and the circuit is closed. */
  probe(options?: UpstreamCallOptions): Promise<void>;
  /**
   * Closes the connection pool and aborts any upstream request still in flight: the server calls
   * it after draining, when whatever is left belongs to requests it already gave up on.
   */
  close(): Promise<void>;
}
