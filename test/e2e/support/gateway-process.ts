/**
 * The built gateway (`node dist/main.js`) as a child process with a clean environment: no
 * OPENSHIFT_*, KUBECONFIG or KUBERNETES_* variables and HOME in an empty temp directory (so no
 * `~/.kube/config` is found), which makes it start the embedded simulator with demo data. It
 * listens on 127.0.0.1 port 0; the URL is read from its JSON "listening" log line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MAIN_JS, TEST_RESULTS_DIR } from './paths.js';

/** One JSON log line of the gateway (pino). */
export interface LogLine {
  readonly level?: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** How the process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `performance.now()` when the exit was observed. */
  readonly at: number;
}

/** A running gateway process. */
export interface GatewayProcess {
  readonly pid: number;
  /** e.g. `http://127.0.0.1:39127` */
  readonly baseUrl: string;
  /** `${baseUrl}/graphql`, as logged. */
  readonly graphqlUrl: string;
  readonly port: number;
  /** Raw stdout lines so far. */
  readonly stdout: readonly string[];
  /** Raw stderr lines so far. */
  readonly stderr: readonly string[];
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  /** stdout lines parsed as JSON; a line that is not a JSON object fails the caller. */
  logs(): LogLine[];
  /** Resolves to the first log line (past or future) matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends `signal` to the gateway process itself. */
  signal(signal: NodeJS.Signals): void;
  /** The last lines of stdout and stderr, for failure messages. */
  tail(lines?: number): string;
  /**
   * Kills the whole process group (SIGKILL) if it is still running, writes the logs to
   * `test-results/e2e/<label>.log` and removes the temp HOME. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/** Options of {@link startGateway}. */
export interface StartGatewayOptions {
  /** Names the log artifact. */
  readonly label: string;
  /** Extra environment variables (on top of the clean base). */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 60000 (start-up on a loaded 2-core machine takes several seconds) */
  readonly readyTimeoutMs?: number;
}

const LISTENING = 'openshift-image-graphql listening';

/** Process groups still running, killed if the test worker exits without `stop()`. */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function parseLine(line: string): LogLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`expected a JSON log line on stdout, but got: ${line}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object log line, but got: ${line}`);
  }
  return value as LogLine;
}

/**
 * Starts `node dist/main.js` (built by the e2e globalSetup) and resolves once it logged its URL and
 * `/readyz` answered 200. On any failure the process group is killed before rejecting.
 */
export async function startGateway(options: StartGatewayOptions): Promise<GatewayProcess> {
  const home = mkdtempSync(path.join(tmpdir(), 'oig-e2e-home-'));
  // Built from nothing, not from process.env: no OPENSHIFT_*, KUBECONFIG, KUBERNETES_*, NODE_OPTIONS.
  const env: Record<string, string> = {
    HOME: home,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], {
    cwd: home,
    env,
    // Its own process group, so stop() can kill it and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(home, { recursive: true, force: true });
    throw new Error(`could not start ${process.execPath} ${MAIN_JS}`);
  }
  running.add(pid);

  const stdout: string[] = [];
  const stderr: string[] = [];
  const lineListeners = new Set<() => void>();
  const onLine = (): void => {
    for (const listener of lineListeners) listener();
  };
  const stdoutDone = new Promise<void>((resolve) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      stdout.push(line);
      onLine();
    });
    rl.once('close', resolve);
  });
  const stderrDone = new Promise<void>((resolve) => {
    const rl = createInterface({ input: child.stderr! });
    rl.on('line', (line) => {
      stderr.push(line);
      onLine();
    });
    rl.once('close', resolve);
  });
  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal, at: performance.now() };
      running.delete(pid);
      // All output is in once the pipes close; the 'exit' event can come first.
      void Promise.all([stdoutDone, stderrDone]).then(() => {
        onLine();
        resolve(exit!);
      });
    });
  });

  const logs = (): LogLine[] => stdout.map(parseLine);
  const tail = (count = 20): string =>
    [
      `--- stdout (last ${count} lines) ---`,
      ...stdout.slice(-count),
      `--- stderr (last ${count} lines) ---`,
      ...stderr.slice(-count),
    ].join('\n');

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 30_000) =>
    new Promise<LogLine>((resolve, reject) => {
      let checked = 0;
      const check = (): void => {
        try {
          for (; checked < stdout.length; checked += 1) {
            const line = parseLine(stdout[checked]!);
            if (predicate(line)) return done(() => resolve(line));
          }
        } catch (error) {
          // A line that is not JSON: the gateway broke its log format.
          return done(() => reject(error instanceof Error ? error : new Error(String(error))));
        }
        if (exit !== undefined) {
          done(() =>
            reject(
              new Error(
                `gateway exited (code ${String(exit?.code)}, signal ${String(exit?.signal)}) before the expected log line\n${tail()}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          done(() => reject(new Error(`no matching log line within ${timeoutMs} ms\n${tail()}`))),
        timeoutMs,
      );
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        lineListeners.delete(check);
        settle();
      };
      lineListeners.add(check);
      check();
    });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (exit === undefined) {
        killGroup(pid);
        await exited;
      } else {
        // The gateway is gone; anything left in its group is not.
        killGroup(pid);
      }
      running.delete(pid);
      const dir = path.join(TEST_RESULTS_DIR, 'e2e');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, `${options.label}.log`),
        [...stdout, '--- stderr ---', ...stderr, ''].join('\n'),
      );
      rmSync(home, { recursive: true, force: true });
    })());

  try {
    const listening = await waitForLog(
      (line) => line.msg?.startsWith(LISTENING) === true,
      options.readyTimeoutMs ?? 60_000,
    );
    if (typeof listening.graphql !== 'string') {
      throw new Error(`the listening log line has no 'graphql' URL: ${JSON.stringify(listening)}`);
    }
    const graphqlUrl = listening.graphql;
    const url = new URL(graphqlUrl);
    if (url.hostname !== '127.0.0.1' || url.pathname !== '/graphql' || url.port === '') {
      throw new Error(
        `expected http://127.0.0.1:<port>/graphql, but the gateway logged ${graphqlUrl}`,
      );
    }
    const ready = await fetch(`${url.origin}/readyz`);
    if (ready.status !== 200) {
      throw new Error(`/readyz answered ${ready.status}: ${await ready.text()}\n${tail()}`);
    }
    return {
      pid,
      baseUrl: url.origin,
      graphqlUrl,
      port: Number(url.port),
      stdout,
      stderr,
      exited,
      logs,
      waitForLog,
      signal: (signal) => {
        process.kill(pid, signal);
      },
      tail,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
