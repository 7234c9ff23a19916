/**
 * Structured JSON logs (pino). Credentials never reach a log line: the logger redacts every
 * header and field that can carry one, and nothing logs upstream bodies.
 */
import { pino } from 'pino';
import type { GatewayConfig } from './config.js';

export type Logger = pino.Logger;

/** Paths pino censors wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'authorization',
  'token',
  'cookie',
  'credential',
  '*.authorization',
  '*.token',
  '*.cookie',
  '*.credential',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'upstream.token',
  'config.upstream.token',
];

/**
 * Creates the process logger writing JSON lines to `destination` (stdout by default), at
 * LOG_LEVEL. The access log (./access-log.ts) writes one line per request through it.
 */
export function createLogger(
  level: GatewayConfig['logLevel'],
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'openshift-image-graphql' },
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
