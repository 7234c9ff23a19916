/**
 * The cheaper log lines of issue #11: the access log's flat-line logger writes what the process
 * logger writes for a flat line, secrets censored, without walking the nested redaction paths;
 * the timestamp is pino's isoTime, formatted once per millisecond.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLogger,
  flatLineLogger,
  isoTimeOncePerMs,
  type FlatLine,
} from '../../../src/server/logger.js';

/** A logger at `info` whose lines land in `lines`, with the time of each line blanked. */
function collecting(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => lines.push(line.replace(/"time":"[^"]+"/, '"time":"T"')),
  });
  return { lines, logger };
}

/** Every field an access line has, plus each key the redaction censors. */
const LINE: FlatLine = {
  requestId: 'client-trace.42:abc',
  method: 'POST',
  path: '/graphql',
  status: 200,
  durationMs: 1.234,
  operationNames: ['One', 'Two'],
  upstreamRequests: 3,
  cacheHits: 1,
  errorCodes: ['NOT_FOUND'],
  lane: 'fast',
  aborted: true,
  authorization: 'Bearer sha256~secret-a',
  token: 'sha256~secret-b',
  cookie: 'session=secret-c',
  credential: 'secret-d',
  operationName: undefined,
};

describe('flatLineLogger', () => {
  it('writes a flat line byte for byte as the process logger does, secrets censored', () => {
    const { lines, logger } = collecting();
    logger.info(LINE, 'request completed');
    flatLineLogger(logger).info(LINE, 'request completed');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(lines[0]);
    expect(lines[1]).not.toMatch(/secret/);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      authorization: '[REDACTED]',
      token: '[REDACTED]',
      cookie: '[REDACTED]',
      credential: '[REDACTED]',
      service: 'openshift-image-graphql',
      msg: 'request completed',
    });
  });

  it('keeps the level of each method', () => {
    const { lines, logger } = collecting();
    const flat = flatLineLogger(logger);
    flat.error({ status: 500 }, 'request completed');
    flat.debug({ status: 200 }, 'request completed');
    flat.info({ status: 200 }, 'request completed');
    expect(lines.map((line) => (JSON.parse(line) as { level: number }).level)).toEqual([50, 30]);
  });
});

describe('isoTimeOncePerMs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives pino's isoTime text, formatted again only when the millisecond changes", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const time = isoTimeOncePerMs();
    vi.setSystemTime(Date.UTC(2026, 11, 2, 7, 4, 5, 678));
    const first = time();
    expect(first).toBe(pino.stdTimeFunctions.isoTime());
    expect(first).toBe(',"time":"2026-12-02T07:04:05.678Z"');
    const toISOString = vi.spyOn(Date.prototype, 'toISOString');
    expect(time()).toBe(first);
    expect(toISOString).not.toHaveBeenCalled();
    vi.setSystemTime(Date.UTC(2026, 11, 2, 7, 4, 5, 679));
    expect(time()).toBe(',"time":"2026-12-02T07:04:05.679Z"');
    expect(time()).toBe(pino.stdTimeFunctions.isoTime());
    expect(toISOString).toHaveBeenCalledTimes(2);
  });
});
