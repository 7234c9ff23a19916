/**
 * The Redis connection of the shared cache tier: node-redis (`@redis/client`) for one server,
 * a Cluster or a Sentinel-managed master, adapted to the tier's small `KeyValueBackend`.
 *
 * Chosen deliberately (docs/scale-out.md): RESP pinned to 3; short command timeouts (the 5 s
 * default is far too long for a cache); no offline queue, so that commands fail at once while the
 * client reconnects instead of piling up; reconnection with capped, jittered backoff forever; the
 * gateway starts without Redis (the first connection is made in the background).
 */
import {
  createClient,
  createCluster,
  createSentinel,
  RESP_TYPES,
  type RedisClientOptions,
} from '@redis/client';
import type { KeyValueBackend } from '../loaders/shared-tier.js';
import type { SharedCacheSettings } from './config.js';
import type { Logger } from './logger.js';

/** Reconnect delay: 50 ms doubling to 2 s, with jitter, never giving up. */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 10), 2000) + Math.floor(Math.random() * 100);
}

/**
 * `promise`, or a rejection after `ms`. node-redis' own command timeout stops counting once the
 * command is written to the socket, so a Redis that accepts connections but does not answer
 * (frozen, overloaded) would hold a query forever without this.
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The commands the backend uses, as every node-redis flavour offers them with Buffer replies. */
interface BufferCommands {
  get(key: string): Promise<Buffer | null>;
  set(
    key: string,
    value: Buffer,
    options: { expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

interface Connection {
  withCommandOptions(options: {
    timeout: number;
    typeMapping: { [RESP_TYPES.BLOB_STRING]: BufferConstructor };
  }): unknown;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready' | 'end' | 'reconnecting', listener: () => void): unknown;
}

/** Creates the backend and starts connecting in the background; never throws for Redis being down. */
export function createRedisBackend(settings: SharedCacheSettings, logger: Logger): KeyValueBackend {
  const first = settings.hosts[0] ?? { host: '127.0.0.1', port: 6379 };
  const socket = {
    connectTimeout: Math.max(settings.commandTimeoutMs * 4, 1000),
    reconnectStrategy: reconnectDelay,
    ...(settings.tls ? { tls: true as const } : {}),
  };
  const auth = {
    ...(settings.username === undefined ? {} : { username: settings.username }),
    ...(settings.password === undefined ? {} : { password: settings.password }),
  };
  const common = {
    RESP: 3 as const,
    disableOfflineQueue: true,
    ...auth,
  } satisfies Partial<RedisClientOptions>;

  let connection: Connection;
  switch (settings.mode) {
    case 'standalone':
      connection = createClient({
        ...common,
        socket: { ...socket, host: first.host, port: first.port },
        ...(settings.database === undefined ? {} : { database: settings.database }),
      });
      break;
    case 'cluster':
      connection = createCluster({
        rootNodes: settings.hosts.map((node) => ({ socket: { host: node.host, port: node.port } })),
        defaults: { ...common, socket },
        RESP: 3,
      });
      break;
    case 'sentinel':
      connection = createSentinel({
        name: settings.sentinelMaster ?? 'mymaster',
        sentinelRootNodes: settings.hosts,
        nodeClientOptions: { ...common, socket },
        sentinelClientOptions: { ...common, socket },
        RESP: 3,
      });
      break;
  }

  // Without an 'error' listener node-redis would crash the process; state changes are logged once.
  let up = false;
  let markConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  connection.on('error', (error) => {
    if (up) {
      up = false;
      logger.warn(
        { tier: 'redis', err: error.message },
        'shared cache connection lost; reconnecting',
      );
    }
  });
  connection.on('ready', () => {
    if (!up) logger.info({ tier: 'redis', mode: settings.mode }, 'shared cache connected');
    up = true;
    markConnected();
  });
  connection.connect().catch((error: unknown) => {
    logger.warn(
      { tier: 'redis', err: error instanceof Error ? error.message : String(error) },
      'shared cache not reachable at start; serving without it until it is',
    );
  });

  const typeMapping = { [RESP_TYPES.BLOB_STRING]: Buffer };
  const readTimeout = settings.commandTimeoutMs;
  const writeTimeout = Math.max(settings.commandTimeoutMs, 500);
  const reads = connection.withCommandOptions({
    timeout: readTimeout,
    typeMapping,
  }) as BufferCommands;
  const writes = connection.withCommandOptions({
    timeout: writeTimeout,
    typeMapping,
  }) as BufferCommands;

  return {
    connected,
    get: (key) => within(reads.get(key), readTimeout),
    set: async (key, value, ttlMs) => {
      await within(
        writes.set(key, value, { expiration: { type: 'PX', value: ttlMs } }),
        writeTimeout,
      );
    },
    del: async (key) => {
      await within(writes.del(key), writeTimeout);
    },
    async close() {
      try {
        // A polite QUIT, bounded: a Redis that does not answer must not hold the shutdown.
        await within(connection.close(), 1_000);
      } catch {
        connection.destroy();
      }
    },
  };
}
