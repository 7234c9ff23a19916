/**
 * `/metrics` on its own port (METRICS_PORT): what the cache and upstream counters reveal (for
 * instance whether anyone has read a digest) is for the cluster's monitoring, not for whoever can
 * reach the public Route. With METRICS_PORT set the main port no longer serves `/metrics`, and
 * this listener serves nothing else.
 */
import { createServer, type Server } from 'node:http';
import { listenOn } from './listen.js';
import type { Logger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';

/** A running or runnable metrics listener. */
export interface MetricsServer {
  readonly httpServer: Server;
  /** Listens and resolves to the base URL (e.g. `http://127.0.0.1:9090`). */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** Creates the listener; only `GET|HEAD /metrics` is answered, anything else is 404. */
export function createMetricsServer(metrics: GatewayMetrics, logger: Logger): MetricsServer {
  const httpServer = createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'metrics rendering failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      },
    );
  });
  httpServer.keepAliveTimeout = 5_000;
  return {
    httpServer,
    listen: (port, host) => listenOn(httpServer, port, host),
    close: () =>
      new Promise((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
