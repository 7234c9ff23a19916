/**
 * Starting a listener: one place for the two listeners of the gateway (the GraphQL server and
 * the METRICS_PORT listener), so both report their base URL the same way.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on `port` (0 for an ephemeral one) and `host`, and resolves to the base URL, e.g.
 * `http://127.0.0.1:4000`. A wildcard bind (`0.0.0.0`) is shown as `127.0.0.1`, which a client
 * on the same machine can reach; IPv6 addresses are bracketed. Rejects when binding fails.
 */
export function listenOn(httpServer: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      const address = httpServer.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`);
    });
  });
}
