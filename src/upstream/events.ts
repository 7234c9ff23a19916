/**
 * What the upstream client tells the rest of the gateway about its work: events for logs, metrics
 * and traces, and the counters behind readiness. Types only; none of them carries a URL, a
 * credential or a body.
 */
import type { ErrorCode } from '../errors/codes.js';
import type { CircuitState } from './circuit-breaker.js';

/**
 * Why one attempt ended without a usable HTTP answer. Bounded: used as a metric label.
 * - `transport`: the connection failed or broke (refused, reset, DNS, TLS, truncated body).
 * - `timeout`: the call's deadline passed while the attempt waited.
 * - `aborted`: the caller's signal aborted (its request ended).
 * - `bad-response`: a complete answer that is not the documented shape (or too large).
 */
export type FailureKind = 'transport' | 'timeout' | 'aborted' | 'bad-response';

/** Resource label of an upstream call: bounded, fit for metric labels. */
export type UpstreamResourceName =
  'imagestreamimages' | 'imagestreams' | 'imagestreamtags' | 'selfsubjectaccessreviews' | 'readyz';

/**
 * The end of one HTTP attempt (for metrics and traces). `resource` and `status` are bounded, fit
 * for metric labels; `namespace` is not (traces only). No URL, credential or body.
 */
export interface UpstreamResponseEvent {
  readonly type: 'response';
  /** The API resource, or `readyz` for the readiness probe. */
  readonly resource: UpstreamResourceName;
  readonly namespace: string | undefined;
  /** 0 for the first attempt, n for the n-th retry. */
  readonly retry: number;
  /** The HTTP status, or undefined when no answer arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a usable answer. */
  readonly failure: FailureKind | undefined;
  /** Time from sending to the whole body (or the failure), on the client's clock. */
  readonly durationMs: number;
}

/** Something that happened in the client; for logs and metrics. Carries no secrets. */
export type UpstreamEvent =
  | { readonly type: 'attempt'; readonly retry: number }
  | UpstreamResponseEvent
  | { readonly type: 'retry'; readonly delayMs: number; readonly code: ErrorCode }
  | { readonly type: 'circuit'; readonly state: CircuitState }
  | { readonly type: 'rejected-by-circuit' };

/** Counters and state for readiness and metrics. */
export interface UpstreamStats {
  /** HTTP attempts sent (retries included). */
  readonly attempts: number;
  /** Attempts that were retries. */
  readonly retries: number;
  /** Attempts that failed because of the server (transport, timeout, 5xx). */
  readonly serverFailures: number;
  /** Calls refused without a request because the circuit was open. */
  readonly rejectedByCircuit: number;
  /** The circuit now. */
  readonly circuit: CircuitState;
}
