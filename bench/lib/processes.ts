/**
 * Child processes of the benchmark: started pinned with taskset, tracked, and all killed when the
 * runner exits for any reason (normal end, error, Ctrl-C, SIGTERM). Also /proc readers for CPU time
 * and resident memory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { loadAll } from 'js-yaml';

/** The repository root (bench/lib/../..). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const children = new Set<ChildProcess>();
let cleanupInstalled = false;

/** Kills every tracked child (SIGKILL: the runner is going away, there is nothing to drain). */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, killing ${children.size} child process(es)\n`);
      killAllChildren();
      process.exit(130);
    });
  }
}

/** Spawns a tracked child pinned to `cpu` with taskset. */
export function spawnPinned(
  cpu: number,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore'; cwd?: string } = {},
): ChildProcess {
  installCleanup();
  const child = spawn('taskset', ['-c', String(cpu), command, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Fails with an installation hint when a required tool is missing. */
export function requireTools(): void {
  const missing: string[] = [];
  for (const [tool, probe] of [
    ['wrk', ['--version']],
    ['taskset', ['--version']],
  ] as const) {
    const result = spawnSync(tool, probe, { stdio: 'ignore' });
    if (result.error !== undefined) missing.push(tool);
  }
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(' and ')}: install with \`apt-get update && apt-get install -y ${missing
        .map((t) => (t === 'taskset' ? 'util-linux' : t))
        .join(' ')}\` (Debian/Ubuntu), then re-run \`npm run bench\``,
    );
  }
  const cpus = spawnSync('nproc', [], { encoding: 'utf8' });
  if (Number(cpus.stdout.trim()) < 2) {
    throw new Error(
      `the benchmark pins the server on CPU 0 and the load on CPU 1: expected 2+ CPUs, but nproc says ${cpus.stdout.trim()}`,
    );
  }
}

/** A line-protocol handle on a `bench/serve.ts` process. */
export interface ServeProcess {
  readonly role: string;
  readonly pid: number;
  readonly url: string;
  /** The ready line (url, pid, and role-specific fields such as `names`). */
  readonly ready: Record<string, unknown>;
  /** Memory lines printed since the start or the last `takeMemLines()`. */
  takeMemLines(): MemLine[];
  /** Sends a command, resolves with its reply. */
  command(cmd: 'count' | 'mem' | 'gc' | 'reset'): Promise<Record<string, unknown>>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
  stop(): Promise<void>;
  /** stderr so far (for error reports). */
  stderr(): string;
}

/** A periodic `process.memoryUsage()` line from `bench/serve.ts` (plus cache stats for the gateway). */
export interface MemLine {
  t: number;
  mem: { rss: number; heapUsed: number; heapTotal: number; external: number };
  cache?: Record<string, number>;
}

/**
 * The node flags the deployment gives the gateway: `NODE_OPTIONS` of the gateway container in
 * deploy/base/deployment.yaml (its V8 heap cap). The soak runs the gateway with them, so it measures
 * the memory of the gateway as deployed. Throws if the manifest no longer sets them.
 */
export function deploymentNodeOptions(): string[] {
  const file = `${ROOT}deploy/base/deployment.yaml`;
  type Container = { env?: { name?: unknown; value?: unknown }[] };
  type Manifest = { kind?: unknown; spec?: { template?: { spec?: { containers?: Container[] } } } };
  for (const doc of loadAll(readFileSync(file, 'utf8')) as Manifest[]) {
    if (doc?.kind !== 'Deployment') continue;
    for (const container of doc.spec?.template?.spec?.containers ?? []) {
      const value = container.env?.find((e) => e.name === 'NODE_OPTIONS')?.value;
      if (typeof value === 'string') return value.split(' ').filter(Boolean);
    }
  }
  throw new Error(`${file}: no container of the Deployment sets NODE_OPTIONS`);
}

/** Work trees whose dist/ this run has built. */
const built = new Set<string>();

/**
 * Builds dist/ of the work tree `cwd` (once per run): a benchmarked gateway runs tsc's build, as
 * `npm start` does (bench/serve.ts, BENCH_GATEWAY), unless BENCH_GATEWAY=src asks for tsx.
 */
function ensureBuilt(cwd: string): void {
  if (built.has(cwd)) return;
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run build failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  built.add(cwd);
}

/** Work trees whose bench/serve.ts this run has bundled, and where. */
const bundles = new Map<string, string>();

/**
 * bench/serve.ts of the work tree `cwd` bundled by esbuild into `<cwd>/.cache/serve.mjs` (once per
 * run), for plain `node`: a benchmarked server then runs as `npm start` runs the gateway, without
 * tsx's loader. That loader keeps a worker thread with its own V8 heap beside the server, ~18 MB of
 * RSS that it gives back at some point 30 to 70 s in (measured: 165 -> 149 MB at 40 s under load;
 * `node dist/main.js` under the same load stayed at 130-132 MB), which a soak would read as the
 * gateway's memory moving. The bundle holds serve.ts and its relative imports; packages stay
 * imports of node_modules, and the gateway's own modules are still read from `<cwd>/dist` at run
 * time (serve.ts imports them by URL), so the gateway's code is tsc's build either way.
 */
function serveBundle(cwd: string): string {
  let outfile = bundles.get(cwd);
  if (outfile === undefined) {
    outfile = join(cwd, '.cache', 'serve.mjs');
    buildSync({
      entryPoints: [join(cwd, 'bench', 'serve.ts')],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
    });
    bundles.set(cwd, outfile);
  }
  return outfile;
}

/** Starts `bench/serve.ts <role> ...args` pinned to `cpu`; resolves when it prints its ready line. */
export async function startServe(
  cpu: number,
  role: 'simulator' | 'gateway' | 'hello' | 'apollo' | 'mercurius' | 'floor',
  args: readonly string[],
  env: Record<string, string> = {},
  /**
   * Another work tree's bench/serve.ts (an A/B against an older commit), extra node flags, and a
   * command that runs node (`['valgrind', '--tool=callgrind', ...]`: bench/instructions.ts).
   */
  from: { cwd?: string; nodeArgs?: readonly string[]; wrapper?: readonly string[] } = {},
): Promise<ServeProcess> {
  const gatewayFrom = process.env.BENCH_GATEWAY === 'src' ? 'src' : 'dist';
  // Node flags for the gateway alone (e.g. V8 heap settings to compare), space-separated.
  const gatewayFlags =
    role === 'gateway'
      ? (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean)
      : [];
  if (role === 'gateway' && gatewayFrom === 'dist') ensureBuilt(from.cwd ?? ROOT);
  // node itself, or node behind the wrapper.
  const [command = process.execPath, ...launcherArgs] = [...(from.wrapper ?? []), process.execPath];
  const child = spawnPinned(
    cpu,
    command,
    [
      ...launcherArgs,
      '--expose-gc',
      ...gatewayFlags,
      ...(from.nodeArgs ?? []),
      // BENCH_GATEWAY=src runs src/ through tsx, so serve.ts does too.
      ...(gatewayFrom === 'dist'
        ? [serveBundle(from.cwd ?? ROOT)]
        : ['--import', 'tsx', 'bench/serve.ts']),
      role,
      ...args,
    ],
    {
      env: { ...process.env, NODE_ENV: 'production', BENCH_GATEWAY: gatewayFrom, ...env },
      stdin: 'pipe',
      ...(from.cwd === undefined ? {} : { cwd: from.cwd }),
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  let memLines: MemLine[] = [];
  let nextId = 1;
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  const lines = createInterface({ input: child.stdout! });

  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${role} did not become ready in 60 s; stderr:\n${stderr}`)),
      60_000,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${role} exited (${code ?? signal}) before it was ready; stderr:\n${stderr}`),
      );
    });
    lines.on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // a stray log line
      }
      if (parsed.ready === true) {
        clearTimeout(timer);
        resolve(parsed);
      } else if (typeof parsed.id === 'number') {
        pending.get(parsed.id)?.(parsed);
        pending.delete(parsed.id);
      } else if (parsed.mem !== undefined && typeof parsed.t === 'number') {
        memLines.push(parsed as unknown as MemLine);
      }
    });
  });

  const url = String(ready.url);
  if (new URL(url).hostname !== '127.0.0.1') {
    child.kill('SIGKILL');
    throw new Error(`${role} must listen on 127.0.0.1 only, but reported: ${url}`);
  }
  const pid = Number(ready.pid);
  if (pid !== child.pid) {
    child.kill('SIGKILL');
    throw new Error(`expected ${role} pid ${child.pid ?? '?'}, but it reported ${pid}`);
  }

  return {
    role,
    pid,
    url,
    ready,
    takeMemLines() {
      const taken = memLines;
      memLines = [];
      return taken;
    },
    command(cmd) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${role} did not answer '${cmd}'`)),
          10_000,
        );
        pending.set(id, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        child.stdin?.write(`${JSON.stringify({ id, cmd })}\n`);
      });
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
    stderr: () => stderr,
  };
}

const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** User + system CPU time of a process so far, in microseconds (from /proc/<pid>/stat). */
export function cpuMicros(pid: number): number {
  const { user, kernel } = cpuSplitMicros(pid);
  return user + kernel;
}

/** User and kernel CPU time of a process so far, in microseconds (utime and stime). */
export function cpuSplitMicros(pid: number): { user: number; kernel: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const toMicros = (ticks: string | undefined): number => (Number(ticks) * 1_000_000) / CLOCK_TICKS;
  return { user: toMicros(fields[11]), kernel: toMicros(fields[12]) };
}

/**
 * Busy time of one CPU so far, in microseconds (from /proc/stat: everything but idle and iowait).
 * Minus the system under test's own CPU time, it shows what else ran on that CPU.
 */
export function cpuBusyMicros(cpu: number): number {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${cpu} `));
  if (line === undefined) throw new Error(`expected a cpu${cpu} line in /proc/stat`);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1_000_000) / CLOCK_TICKS;
}

/** Resident set size of a process, in bytes (VmRSS of /proc/<pid>/status); undefined once gone. */
export function vmRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples VmRSS of `pid` every `intervalMs` until `stop()`; returns the samples. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): { t: number; rss: number }[] } {
  const samples: { t: number; rss: number }[] = [];
  const take = (): void => {
    const rss = vmRssBytes(pid);
    if (rss !== undefined) samples.push({ t: Date.now(), rss });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** The 1, 5 and 15 minute load averages. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [a, b, c];
}

/** The environment of a `K=V,K2=V2` flag (`--env-a`, `--env-b`). */
export function envOf(list: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of list.split(',').filter(Boolean)) {
    const [key, ...rest] = pair.split('=');
    if (key !== undefined) env[key] = rest.join('=');
  }
  return env;
}
