/**
 * wrk driver: writes a Lua script that POSTs GraphQL bodies (cycling through several when given)
 * with an Authorization header, runs wrk pinned to the load CPU, and parses the JSON line its
 * `done` hook prints. Only 127.0.0.1 targets are accepted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { spawnPinned } from './processes.js';

/** What one wrk run measured. */
export interface WrkResult {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  bytes: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { min: number; mean: number; max: number; p50: number; p90: number; p99: number };
}

/** One wrk run. */
export interface WrkOptions {
  /** Base URL of the target; must be http://127.0.0.1:PORT. */
  url: string;
  /** GraphQL request bodies (JSON strings); more than one are sent round-robin per connection. */
  bodies: readonly string[];
  /** Bearer token for the Authorization header, if any. */
  token?: string;
  /** Further request headers (e.g. `Origin`). */
  headers?: Readonly<Record<string, string>>;
  connections: number;
  durationS: number;
  cpu: number;
}

/** A Lua long-bracket string literal that cannot be closed by its content. */
function luaString(value: string): string {
  let level = 0;
  while (value.includes(`]${'='.repeat(level)}]`)) level += 1;
  const eq = '='.repeat(level);
  return `[${eq}[${value}]${eq}]`;
}

function luaScript(options: WrkOptions): string {
  const headers = [
    `wrk.headers["Content-Type"] = "application/json"`,
    ...(options.token === undefined
      ? []
      : [`wrk.headers["Authorization"] = ${luaString(`Bearer ${options.token}`)}`]),
    ...Object.entries(options.headers ?? {}).map(
      ([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`,
    ),
  ];
  const body =
    options.bodies.length === 1
      ? `wrk.body = ${luaString(options.bodies[0] ?? '')}`
      : [
          `local bodies = {`,
          ...options.bodies.map((b) => `  ${luaString(b)},`),
          `}`,
          `local n = #bodies`,
          `local i = 0`,
          `init = function(args) i = math.random(0, n - 1) end`,
          `request = function()`,
          `  i = i % n + 1`,
          `  return wrk.format(nil, nil, nil, bodies[i])`,
          `end`,
        ].join('\n');
  return `wrk.method = "POST"
wrk.path = "/graphql"
${headers.join('\n')}
${body}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d}}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
`;
}

/** Runs wrk once; rejects on a non-loopback URL, a wrk failure, or a missing summary. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const target = new URL(options.url);
  if (target.hostname !== '127.0.0.1' || target.protocol !== 'http:') {
    throw new Error(`wrk targets only http://127.0.0.1, but got: ${options.url}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const script = join(dir, 'post.lua');
  writeFileSync(script, luaScript(options));
  try {
    const child = spawnPinned(options.cpu, 'wrk', [
      '-t1',
      `-c${options.connections}`,
      `-d${options.durationS}s`,
      '--timeout',
      '10s',
      '-s',
      script,
      `${target.origin}/graphql`,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
    if (code !== 0 || line === undefined) {
      throw new Error(`wrk failed (exit ${code ?? 'signal'}):\n${stdout}\n${stderr}`);
    }
    const raw = JSON.parse(line.slice('WRK_JSON '.length)) as {
      requests: number;
      duration_us: number;
      bytes: number;
      errors: WrkResult['errors'];
      latency_us: WrkResult['latencyUs'];
    };
    const durationS = raw.duration_us / 1e6;
    return {
      connections: options.connections,
      durationS,
      requests: raw.requests,
      rps: raw.requests / durationS,
      bytes: raw.bytes,
      errors: raw.errors,
      latencyUs: raw.latency_us,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
