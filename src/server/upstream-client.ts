/**
 * Maps the gateway's configuration onto the upstream client's options, in one place for
 * `main.ts`, the tests and the benchmarks.
 */
import {
  createOpenShiftClient,
  type OpenShiftClientOptions,
  type OpenShiftHttpClient,
} from '../upstream/openshift-client.js';
import type { UpstreamEvent } from '../upstream/openshift-client.js';
import { logUpstreamEvent } from './access-log.js';
import type { GatewayConfig } from './config.js';
import type { Logger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';
import type { GatewayTracing } from './tracing.js';

/** Where the API server is and anything extra (a dispatcher in tests, an event hook for metrics). */
export type UpstreamEndpoint = Pick<OpenShiftClientOptions, 'baseUrl'> &
  Partial<Pick<OpenShiftClientOptions, 'tls' | 'dispatcher' | 'onEvent'>>;

/** Creates the upstream client from the configuration's timeouts, retries, circuit and caps. */
export function createUpstreamClient(
  config: GatewayConfig,
  endpoint: UpstreamEndpoint,
): OpenShiftHttpClient {
  return createOpenShiftClient({
    ...endpoint,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    circuitFailureThreshold: config.circuitFailureThreshold,
    circuitHalfOpenAfterMs: config.circuitHalfOpenAfterMs,
    maxConcurrencyPerCaller: config.upstreamMaxConcurrencyPerCaller,
  });
}

/** Who hears the client's events: the log always, metrics and tracing when enabled. */
export interface UpstreamEventListeners {
  readonly logger: Logger;
  readonly metrics?: GatewayMetrics | undefined;
  readonly tracing?: GatewayTracing | undefined;
}

/** The client's `onEvent`: one event fans out to the metrics, the tracing and the log. */
export function createUpstreamEventSink({
  logger,
  metrics,
  tracing,
}: UpstreamEventListeners): (event: UpstreamEvent) => void {
  const log = logUpstreamEvent(logger);
  return (event) => {
    metrics?.onUpstreamEvent(event);
    tracing?.onUpstreamEvent(event);
    log(event);
  };
}
