/**
 * Instructions per request of two work trees' gateways (issue #11): an A/B that the noise of this
 * VM does not reach. `compare.ts ab` reads CPU time, whose per-round spread here is ±10-20%, so a
 * change worth 2-5% cannot be told from noise in any number of rounds an hour holds. Valgrind's
 * callgrind counts the instructions the process executes (every thread, user space only: not the
 * kernel's share, nor cache misses). Measured here, a tree's count repeated within 1-1.5% from the
 * second round of a run on in one session, and the first round read ~13% higher for both trees;
 * in the next (bench/README.md, tenth pass) one tree's rounds spread up to 16% (355,076 to 413,738),
 * some rounds of either tree reading high. So compare rounds, and take medians of three or more.
 *
 *   npx tsx bench/instructions.ts --a <treeA> --b <treeB> [--env-a K=V,...] [--env-b K=V,...]
 *     [--scenario warm|cold] [--rounds 2] [--requests 3000] [--warmup 3000]
 *
 * Each round starts every tree's gateway anew (`bench/serve.ts gateway`, as compare.ts runs it:
 * tsc's dist/ of that tree, the serve bundle, logs on) under `valgrind --tool=callgrind
 * --instr-atstart=no` on CPU 0, against one simulator on CPU 1. The runner (CPU 1) sends the
 * warm-up at c=10, switches instrumentation on (`callgrind_control -i on`), sends the measured
 * requests at c=10, and dumps the counts (`callgrind_control -d`); every answer is checked.
 * `warm` is the single-image query from the cache; `cold` cycles through 50 images with
 * CACHE_ACCESS_TTL_SECONDS=0, one upstream GET per query. Under valgrind the gateway runs ~30-50x
 * slower, so this says nothing of time, only of work: confirm a speed claim with `compare.ts ab`.
 * Needs valgrind (Debian package valgrind). Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

import { envOf, startServe, type ServeProcess } from './lib/processes.js';
import { DISTINCT_BODIES, WARM_BODY } from './lib/queries.js';

const SUT_CPU = 0;
const LOAD_CPU = 1;
const CONNECTIONS = 10;

const { values } = parseArgs({
  options: {
    a: { type: 'string', default: '.' },
    b: { type: 'string', default: '.' },
    'env-a': { type: 'string', default: '' },
    'env-b': { type: 'string', default: '' },
    scenario: { type: 'string', default: 'warm' },
    rounds: { type: 'string', default: '2' },
    requests: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '3000' },
  },
});

const count = (name: string, raw: string | undefined): number => {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number >= 1, but got: '${raw ?? ''}'`);
  }
  return value;
};
const rounds = count('rounds', values.rounds);
const requests = count('requests', values.requests);
const warmup = count('warmup', values.warmup);
if (values.scenario !== 'warm' && values.scenario !== 'cold') {
  throw new Error(`--scenario must be warm or cold, but got: '${values.scenario ?? ''}'`);
}
const cold = values.scenario === 'cold';
const bodies = cold ? DISTINCT_BODIES : [WARM_BODY];
const trees = { A: resolve(values.a), B: resolve(values.b) };
const envs = { A: envOf(values['env-a']), B: envOf(values['env-b']) };

if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).error !== undefined) {
  throw new Error('valgrind is missing: `apt-get update && apt-get install -y valgrind`');
}

/** `total` requests at c=10 from one pool, each answer checked (HTTP 200, data, no errors). */
async function send(url: string, token: string, total: number): Promise<void> {
  const pool = new Pool(url, { connections: CONNECTIONS });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < total) {
          const payload = bodies[next++ % bodies.length]!;
          const res = await pool.request({
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: payload,
          });
          const text = await res.body.text();
          if (res.statusCode !== 200 || !text.startsWith('{"data":') || text.includes('"errors"')) {
            throw new Error(
              `expected HTTP 200 with data and no errors, got ${res.statusCode}: ${text}`,
            );
          }
        }
      }),
    );
  } finally {
    await pool.close();
  }
}

/**
 * callgrind_control on the gateway. vgdb finds a valgrind process by the USER and HOST of its
 * environment: the gateway's are this process's (startServe passes them on), and so are these.
 */
function control(pid: number, ...args: string[]): void {
  const result = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `callgrind_control ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Instructions per measured request of one fresh gateway of `tree`. */
async function measure(
  tree: string,
  env: Record<string, string>,
  simulator: ServeProcess,
  token: string,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-callgrind-'));
  try {
    const gateway = await startServe(
      SUT_CPU,
      'gateway',
      ['--upstream', simulator.url],
      { ...(cold ? { CACHE_ACCESS_TTL_SECONDS: '0' } : {}), ...env },
      {
        cwd: tree,
        wrapper: [
          'valgrind',
          '--tool=callgrind',
          '--instr-atstart=no',
          `--callgrind-out-file=${join(dir, 'callgrind.%p')}`,
        ],
      },
    );
    try {
      await send(gateway.url, token, warmup);
      control(gateway.pid, '-i', 'on');
      await send(gateway.url, token, requests);
      control(gateway.pid, '-d');
    } finally {
      await gateway.stop();
    }
    // The dump on demand is callgrind.<pid>.1; the one written at exit (callgrind.<pid>) holds
    // what ran after it, the shutdown: left out.
    const dumped = readdirSync(dir).filter((file) => file.endsWith('.1'));
    if (dumped.length !== 1)
      throw new Error(`expected one callgrind dump in ${dir}, found ${dumped.length}`);
    const totals = /^totals: (\d+)$/m.exec(readFileSync(join(dir, dumped[0]!), 'utf8'));
    if (totals === null) throw new Error(`no totals line in ${dumped[0]!}`);
    return Number(totals[1]) / requests;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  console.log(
    `instructions per request, ${values.scenario} scenario, ${rounds} rounds, ${warmup} warm-up + ${requests} measured requests at c=${CONNECTIONS}\nA: ${trees.A}\nB: ${trees.B}`,
  );
  const simulator = await startServe(LOAD_CPU, 'simulator', ['--mem-interval-ms', '5000']);
  const token = String(simulator.ready.developerToken);
  const counts: Record<'A' | 'B', number[]> = { A: [], B: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const perRequest = await measure(trees[name], envs[name], simulator, token);
        counts[name].push(perRequest);
        console.log(`round ${round + 1} ${name}: ${fmt(perRequest)} instructions per request`);
      }
    }
  } finally {
    await simulator.stop();
  }
  const a = median(counts.A);
  const b = median(counts.B);
  const ratios = counts.B.map((value, i) => value / counts.A[i]!);
  console.log('\n| tree | instructions per request (median) | rounds | B vs A (per round) |');
  console.log('|---|---:|---|---:|');
  console.log(`| A | ${fmt(a)} | ${counts.A.map(fmt).join(', ')} | |`);
  console.log(
    `| B | ${fmt(b)} | ${counts.B.map(fmt).join(', ')} | ${(b / a).toFixed(3)}x (${ratios.map((r) => r.toFixed(3)).join(', ')}) |`,
  );
  console.log(
    JSON.stringify({
      instructions: { scenario: values.scenario, requests, warmup, A: counts.A, B: counts.B },
    }),
  );
}

await main();
