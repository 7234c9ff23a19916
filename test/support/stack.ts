/**
 * An integration stack on loopback: the simulator on port 0, the real upstream client, and the
 * gateway listening on port 0. Every test gets its own stack.
 */
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator/index.js';
import type { GatewayServer } from '../../src/server/create-gateway-server.js';
import { createGateway, type Gateway, type GatewayDeps } from '../../src/server/create-gateway.js';
import type { GatewayConfig } from '../../src/server/config.js';
import type { ImageCache } from '../../src/loaders/image-cache.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';

/** A GraphQL response as the tests read it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** How {@link postGraphQL} sends a request; `token: null` sends no Authorization header. */
export interface PostOptions {
  token?: string | null;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A raw JSON body instead of `{ query, variables }`. */
  body?: unknown;
}

/** POSTs a GraphQL request to `<url>/graphql` and parses the answer. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  { token = null, variables, headers = {}, body }: PostOptions = {},
): Promise<GraphQLResponse<T> & { status: number; headers: Headers }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify(body ?? { query, variables }),
  });
  const parsed = (await response.json()) as GraphQLResponse<T>;
  return { ...parsed, status: response.status, headers: response.headers };
}

/** POSTs a query to one gateway and answers its body, status and headers. */
export type PostQuery = <T = Record<string, unknown>>(
  query: string,
  options?: PostOptions,
) => Promise<GraphQLResponse<T> & { status: number; headers: Headers }>;

export interface Stack {
  readonly simulator: Simulator;
  readonly gateway: GatewayServer;
  readonly url: string;
  /** JSON log lines the gateway wrote. */
  readonly logs: () => string[];
  /** POSTs a query; `token: null` sends no Authorization header. */
  readonly query: PostQuery;
  /** Upstream GETs of imagestreamimages the simulator has seen since the last reset. */
  upstreamGets(): number;
  close(): Promise<void>;
}

/**
 * A gateway built by the composition root (as main.ts builds it) over `simulator` (or `baseUrl`, a
 * proxy in front of it), listening on 127.0.0.1:0; the service credential is the simulator's admin.
 */
export async function startGatewayOver(
  simulator: Simulator,
  config: GatewayConfig,
  deps: Omit<GatewayDeps, 'upstream'> & { baseUrl?: string; serviceCredential?: ServiceCredential },
): Promise<{ built: Gateway; gateway: GatewayServer; url: string; developer: string }> {
  const { baseUrl, serviceCredential, ...rest } = deps;
  const built = await createGateway(config, {
    ...rest,
    upstream: {
      baseUrl: baseUrl ?? simulator.url,
      serviceCredential:
        serviceCredential ?? (() => Promise.resolve({ token: simulator.token('admin') })),
    },
  });
  const url = await built.listen(0, '127.0.0.1');
  return { built, gateway: built.server, url, developer: simulator.token('developer') };
}

/** A silent, untraced gateway over `simulator` with live-update timings `watch` (subscription tests). */
export function startWatchingGatewayOver(
  simulator: Simulator,
  env: Record<string, string> = {},
  watch: NonNullable<GatewayDeps['watch']> = {},
): ReturnType<typeof startGatewayOver> {
  return startGatewayOver(simulator, testConfig(env), {
    logger: captureLogs().logger,
    tracing: false,
    watch,
  });
}

/** The gateway's own credential (AUTH_MODE=service); the simulator's admin unless a test says. */
type ServiceCredential = NonNullable<GatewayDeps['upstream']>['serviceCredential'];

/** How {@link startStack} builds a stack. */
export interface StackOptions {
  /** Applied on top of the test configuration. */
  readonly env?: Record<string, string>;
  readonly simulator?: SimulatorOptions;
  readonly cache?: ImageCache;
  readonly serviceCredential?: ServiceCredential;
}

/** Starts a stack; `env` is applied on top of the test configuration. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const simulator = await startSimulator(options.simulator);
  const config = testConfig(options.env);
  const logs = captureLogs('debug');
  const { built, gateway, url, developer } = await startGatewayOver(simulator, config, {
    logger: logs.logger,
    tracing: false,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.serviceCredential === undefined
      ? {}
      : { serviceCredential: options.serviceCredential }),
  });
  return {
    simulator,
    gateway,
    url,
    logs: logs.lines,
    query: (query, options = {}) => postGraphQL(url, query, { token: developer, ...options }),
    upstreamGets: () => simulator.requests.count({ path: /\/imagestreamimages\//, method: 'GET' }),
    async close() {
      await built.close(1_000);
      await simulator.close();
    },
  };
}
