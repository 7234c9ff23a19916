/**
 * Several gateway replicas sharing one Redis: one simulator on port 0 counting requests, and N
 * `createGateway` instances in this process. Each has its own process cache, its own upstream
 * client and its own Redis connection; they share nothing but the Redis server, exactly as pods
 * behind a Service do.
 */
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createGateway, type Gateway } from '../../src/server/create-gateway.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';
import { postGraphQL, type PostQuery } from './stack.js';

/** A 32+ character secret for tests. */
export const TEST_SHARED_SECRET = 'test-shared-secret-0123456789abcdef';

export interface Replica {
  readonly gateway: Gateway;
  readonly url: string;
  readonly logs: () => string[];
  readonly query: PostQuery;
  close(): Promise<void>;
}

export interface ReplicaSet {
  readonly simulator: Simulator;
  readonly replicas: Replica[];
  /** Starts one more replica on the same Redis (a new pod). */
  add(env?: Record<string, string>): Promise<Replica>;
  /** imagestreamimages GETs the simulator has seen. */
  upstreamGets(): number;
  /** Every request the simulator has seen (GETs, reviews). */
  upstreamRequests(): number;
  close(): Promise<void>;
}

/** Starts `count` replicas on `redisUrl` (env on top of the test configuration). */
export async function startReplicas(
  redisUrl: string,
  count: number,
  env: Record<string, string> = {},
  cacheClock?: { now(): number },
): Promise<ReplicaSet> {
  const simulator = await startSimulator();
  const developer = simulator.token('developer');
  const replicas: Replica[] = [];
  const add = async (extra: Record<string, string> = {}): Promise<Replica> => {
    const config = testConfig({
      REDIS_URL: redisUrl,
      CACHE_SHARED_SECRET: TEST_SHARED_SECRET,
      ...env,
      ...extra,
    });
    const logs = captureLogs('debug');
    const gateway = await createGateway(config, {
      logger: logs.logger,
      tracing: false,
      upstream: { baseUrl: simulator.url },
      ...(cacheClock === undefined ? {} : { cacheClock }),
    });
    const url = await gateway.listen(0, '127.0.0.1');
    const replica: Replica = {
      gateway,
      url,
      logs: logs.lines,
      query: (query, options = {}) => postGraphQL(url, query, { token: developer, ...options }),
      close: () => gateway.close(1_000),
    };
    replicas.push(replica);
    return replica;
  };
  for (let i = 0; i < count; i += 1) await add();
  return {
    simulator,
    replicas,
    add,
    upstreamGets: () => simulator.requests.count({ path: /\/imagestreamimages\//, method: 'GET' }),
    upstreamRequests: () => simulator.requests.count(),
    async close() {
      await Promise.all(replicas.map((replica) => replica.close()));
      await simulator.close();
    },
  };
}

/** Waits until the fire-and-forget writes of every replica have reached Redis. */
export async function settled(set: ReplicaSet): Promise<void> {
  await Promise.all(set.replicas.map((replica) => replica.gateway.server.cache.flush()));
}
