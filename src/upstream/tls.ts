import type { buildConnector } from 'undici';

/** TLS settings of the connection to one API server. */
export interface UpstreamTlsOptions {
  /** PEM bundle that signs the API server's certificate; the system roots when absent. */
  readonly ca?: string;
  /** PEM client certificate (kubeconfig `client-certificate(-data)`). */
  readonly cert?: string;
  /** PEM client key (kubeconfig `client-key(-data)`). Secret. */
  readonly key?: string;
  /** False only for kubeconfig `insecure-skip-tls-verify: true`. @default true */
  readonly rejectUnauthorized: boolean;
  /** SNI and certificate name to check (kubeconfig `tls-server-name`). */
  readonly servername?: string;
}

/**
 * The `connect` options of an undici dispatcher to the API server: the connect timeout and, when
 * given, the TLS settings (only the ones set, so that undici's defaults hold for the rest).
 */
export function connectOptions(
  tls: UpstreamTlsOptions | undefined,
  timeoutMs: number,
): buildConnector.BuildOptions {
  if (tls === undefined) return { timeout: timeoutMs };
  return {
    timeout: timeoutMs,
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
  };
}
