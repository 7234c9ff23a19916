/**
 * A real redis-server for tests (Debian's package, installed by scripts/install-system-deps.sh):
 * started on a free loopback port with no persistence, stopped (and restartable on the same port)
 * by the test. Never a mock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient, RESP_TYPES } from '@redis/client';

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Runs one command on a fresh connection (e.g. `['KEYS', '*']`). */
  command(...args: string[]): Promise<unknown>;
  /** Every key and its raw value. */
  dump(): Promise<Map<string, Buffer>>;
  /** Writes a raw value in place, keeping the key's TTL. */
  overwrite(key: string, value: Buffer): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Unfreezes it (SIGCONT). */
  resume(): void;
  /** Kills the server (SIGKILL: as abrupt as a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = createClient({ socket: { port, host: '127.0.0.1', reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.close();
      return;
    } catch (error) {
      client.destroy();
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Starts redis-server; `extraArgs` e.g. `['--maxmemory', '1mb']`. */
export async function startRedisServer(extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const started = spawn('redis-server', [...args, ...extraArgs], { stdio: 'ignore' });
    child = started;
    await waitForPing(port);
  };
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    running.kill('SIGCONT');
    const exited = once(running, 'exit');
    running.kill(signal);
    await exited;
  };

  const withClient = async <T>(
    run: (client: ReturnType<typeof bufferClient>) => Promise<T>,
  ): Promise<T> => {
    const client = bufferClient(port);
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.close();
    }
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    command: (...args) => withClient((client) => client.sendCommand(args)),
    dump: () =>
      withClient(async (client) => {
        const keys = (await client.keys('*')).map(String);
        const values = new Map<string, Buffer>();
        for (const key of keys) {
          const value = await client.get(key);
          if (value !== null) values.set(key, value);
        }
        return values;
      }),
    overwrite: (key, value) =>
      withClient(async (client) => {
        await client.set(key, value, { KEEPTTL: true });
      }),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    kill: () => halt('SIGKILL'),
    restart: start,
    stop: () => halt('SIGTERM'),
  };
}

function bufferClient(port: number) {
  return createClient({
    socket: { port, host: '127.0.0.1', reconnectStrategy: false },
  }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
}
