/**
 * The process entry point, and the only file that touches `process`: environment, signals, exit.
 * Everything else is built by `createGateway` (src/server/create-gateway.ts).
 */
import { ConfigError, loadConfig, redactConfig } from './server/config.js';
import { createGateway } from './server/create-gateway.js';
import { createStdoutDestination } from './server/log-destination.js';
import { createLogger } from './server/logger.js';

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
  const destination = createStdoutDestination();
  const logger = createLogger(config.logLevel, destination);
  // The lines of the turn the process exits in (src/server/log-destination.ts).
  process.on('exit', () => destination.flushSync());
  logger.info({ config: redactConfig(config) }, 'configuration loaded');

  // Signals are handled from the start: one that arrives while starting up stops the gateway
  // as soon as it is listening, through the same drain.
  let stopRequested: NodeJS.Signals | undefined;
  let stop = (signal: NodeJS.Signals): void => {
    stopRequested ??= signal;
  };
  process.on('SIGTERM', (signal) => stop(signal));
  process.on('SIGINT', (signal) => stop(signal));
  /** Exits once the destination has written the pending lines (src/server/log-destination.ts). */
  const exit = (code: number): void => {
    logger.flush(() => process.exit(code));
  };

  const gateway = await createGateway(config, { logger, processMetrics: true });
  const url = await gateway.listen();
  logger.info(
    {
      graphql: `${url}/graphql`,
      upstream: gateway.upstreamDescription,
      authMode: config.authMode,
      ...(gateway.metricsUrl() === undefined ? {} : { metrics: `${gateway.metricsUrl()}/metrics` }),
    },
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
    gateway
      .close(config.shutdownGraceMs)
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
