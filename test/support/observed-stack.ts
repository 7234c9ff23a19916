/**
 * An integration stack wired as main.ts wires it: the simulator on port 0, the real upstream
 * client whose `onEvent` feeds the metrics, the tracing and the event log, and the gateway on
 * port 0. Optionally a recording proxy between the client and the simulator, to see the headers
 * the gateway sends upstream.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { GatewayServer } from '../../src/server/create-gateway-server.js';
import { createGatewayMetrics, type GatewayMetrics } from '../../src/server/metrics.js';
import { createTracing, type GatewayTracing } from '../../src/server/tracing.js';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/server/logger.js';
import type { GatewayConfig } from '../../src/server/config.js';
import { testConfig } from './config.js';
import { postGraphQL, startGatewayOver, type GraphQLResponse, type PostOptions } from './stack.js';

/** A recording HTTP proxy on 127.0.0.1:0 in front of `target`. */
export async function startRecordingProxy(target: string): Promise<{
  url: string;
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}> {
  const headers: IncomingHttpHeaders[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    headers.push(req.headers);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ObservedStack {
  readonly simulator: Simulator;
  readonly gateway: GatewayServer;
  readonly url: string;
  readonly metrics: GatewayMetrics;
  readonly tracing: GatewayTracing | undefined;
  /** Finished spans (tracing on). */
  readonly spans: InMemorySpanExporter;
  /** Every JSON log line, parsed. */
  readonly logs: () => Record<string, unknown>[];
  /** Every log line as written. */
  readonly rawLogs: () => string[];
  /** Headers of each upstream request (with `proxy: true`). */
  readonly upstreamHeaders: IncomingHttpHeaders[];
  query<T = Record<string, unknown>>(
    query: string,
    options?: PostOptions,
  ): Promise<GraphQLResponse<T> & { status: number; headers: Headers }>;
  /** The text served at /metrics. */
  scrape(): Promise<string>;
  close(): Promise<void>;
}

/** Starts a stack; `env` applies on top of the test configuration. */
export async function startObservedStack(
  options: {
    env?: Record<string, string>;
    /** `true`: spans kept in `spans`; an endpoint: exported over OTLP/HTTP in batches. */
    tracing?: true | { endpoint: string };
    proxy?: boolean;
    /** The logger's level (LOG_LEVEL in main.ts). @default 'debug' */
    logLevel?: GatewayConfig['logLevel'];
  } = {},
): Promise<ObservedStack> {
  const simulator = await startSimulator();
  const proxy = options.proxy === true ? await startRecordingProxy(simulator.url) : undefined;
  const config = testConfig(options.env);
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logs = {
    logger: createLogger(options.logLevel ?? 'debug', sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
  };
  const metrics = createGatewayMetrics();
  const spans = new InMemorySpanExporter();
  const tracing =
    options.tracing === undefined
      ? undefined
      : options.tracing === true
        ? createTracing({ export: { exporter: spans }, immediate: true })
        : createTracing({ export: { endpoint: options.tracing.endpoint } });
  const { built, gateway, url, developer } = await startGatewayOver(simulator, config, {
    logger: logs.logger,
    ...(proxy === undefined ? {} : { baseUrl: proxy.url }),
    metrics,
    tracing: tracing ?? false,
  });
  return {
    simulator,
    gateway,
    url,
    metrics,
    tracing,
    spans,
    rawLogs: logs.lines,
    logs: () => logs.lines().map((line) => JSON.parse(line) as Record<string, unknown>),
    upstreamHeaders: proxy?.headers ?? [],
    query: (query, queryOptions = {}) =>
      postGraphQL(url, query, { token: developer, ...queryOptions }),
    async scrape() {
      const response = await fetch(`${url}/metrics`);
      if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
      return response.text();
    },
    async close() {
      await built.close(1_000);
      await proxy?.close();
      await simulator.close();
    },
  };
}

/** A sample of the Prometheus text format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses the Prometheus text exposition format (enough of it for our own output). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (match === null) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * The value of the one sample named `name` whose labels include `labels`; 0 when none matches
 * (a counter never incremented), an error when several do (the test's labels are too vague).
 */
export function valueOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const matching = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (matching.length > 1) {
    throw new Error(`${matching.length} samples of ${name} match ${JSON.stringify(labels)}`);
  }
  return matching[0]?.value ?? 0;
}
