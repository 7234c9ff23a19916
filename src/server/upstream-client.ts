/**
 * Maps the gateway's configuration onto the upstream client's options, in one place for
 * `main.ts`, the tests and the benchmarks.
 */
import {
  createOpenShiftClient,
  type OpenShiftClientOptions,
  type OpenShiftHttpClient,
} from '../upstream/openshift-client.js';
import type { GatewayConfig } from './config.js';

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
