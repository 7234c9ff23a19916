/**
 * The process entry point, and the only file that touches `process`: environment, signals, exit.
 */
import { ConfigError, loadConfig, redactConfig } from './server/config.js';
import { createGatewayServer } from './server/create-gateway-server.js';
import { createLogger } from './server/logger.js';
import { startSimulator, DEMO, type Simulator } from './simulator/index.js';
import { resolveUpstreamTarget } from './upstream/credentials.js';
import type { OpenShiftClientOptions } from './upstream/openshift-client.js';
import { createUpstreamClient, createUpstreamEventSink } from './server/upstream-client.js';
import type { RequestCredential } from './upstream/client.js';
import { createGatewayMetrics } from './server/metrics.js';
import { tracingFromConfig } from './server/tracing.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  logger.info({ config: redactConfig(config) }, 'configuration loaded');

  // Signals are handled from the start: one that arrives while starting up stops the gateway
  // as soon as it is listening, through the same drain.
  let stopRequested: NodeJS.Signals | undefined;
  let stop = (signal: NodeJS.Signals): void => {
    stopRequested ??= signal;
  };
  process.on('SIGTERM', (signal) => stop(signal));
  process.on('SIGINT', (signal) => stop(signal));
  /** Exits once pino has written every buffered line (its stdout writer is asynchronous). */
  const exit = (code: number): void => {
    logger.flush(() => process.exit(code));
  };

  const target = await resolveUpstreamTarget(config.upstream);
  let simulator: Simulator | undefined;
  let demoCredential: RequestCredential | undefined;
  let serviceToken: () => Promise<string | undefined>;
  let upstream: Pick<OpenShiftClientOptions, 'baseUrl' | 'tls'>;
  if (target.kind === 'simulator') {
    simulator = await startSimulator();
    demoCredential = { token: simulator.token(DEMO.users.developer) };
    const adminToken = simulator.token(DEMO.users.admin);
    serviceToken = () => Promise.resolve(adminToken);
    upstream = { baseUrl: simulator.url };
    logger.warn(
      {
        simulator: simulator.url,
        users: simulator.users.map((user) => ({ name: user.name, namespaces: user.namespaces })),
      },
      [
        '',
        '**********************************************************************************',
        '*  NO CLUSTER CONFIGURED: serving the EMBEDDED OPENSHIFT SIMULATOR with DEMO DATA  *',
        '*  (no OPENSHIFT_API_URL, no kubeconfig, not in a pod). Callers without a token   *',
        `*  are served as the demo user "${DEMO.users.developer}". Do not use this in production.      *`,
        '**********************************************************************************',
      ].join('\n'),
    );
  } else {
    serviceToken = target.tokenProvider;
    upstream = { baseUrl: target.baseUrl, tls: target.tls };
  }

  // Built before the client so that its events feed them.
  const metrics = config.metrics ? createGatewayMetrics({ processMetrics: true }) : undefined;
  const tracing = tracingFromConfig(config);
  if (tracing !== undefined) {
    logger.info(
      { otlpEndpoint: config.otlpEndpoint },
      'tracing enabled: spans exported over OTLP/HTTP',
    );
  }
  const client = createUpstreamClient(config, {
    ...upstream,
    onEvent: createUpstreamEventSink({ logger, metrics, tracing }),
  });
  const server = createGatewayServer({
    config,
    client,
    logger,
    ...(metrics === undefined ? {} : { metrics }),
    ...(tracing === undefined ? {} : { tracing }),
    serviceCredential: async () => ({ token: await serviceToken() }),
    ...(demoCredential === undefined ? {} : { demoCredential }),
  });
  const url = await server.listen(config.port, config.host);
  logger.info(
    { graphql: `${url}/graphql`, upstream: target.description, authMode: config.authMode },
    `openshift-image-graphql listening: GraphiQL at ${url}/graphql`,
  );

  let stopping = false;
  stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, graceMs: config.shutdownGraceMs },
      'shutting down: draining in-flight requests',
    );
    server
      .close(config.shutdownGraceMs)
      .then(() => simulator?.close())
      .then(() => tracing?.shutdown())
      .then(() => {
        logger.info('stopped');
        exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      });
  };
  if (stopRequested !== undefined) stop(stopRequested);
}

main().catch((error: unknown) => {
  // Config and credential errors carry no secrets (they name variables and files, never tokens).
  process.stderr.write(
    `openshift-image-graphql failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
