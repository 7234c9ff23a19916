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
