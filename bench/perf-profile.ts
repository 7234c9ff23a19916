/**
 * Where a warm request's CPU goes, kernel included (issue #11): `perf record` of one server under
 * the warm single-image load, as `compare.ts` runs it (server on CPU 0, simulator and wrk on CPU 1,
 * c=10). V8's own profiler (`compare.ts profile`) sees only JavaScript and counts the wall time
 * of a syscall as the syscall's own; perf samples the CPU, the kernel's TCP stack and V8's
 * builtins and GC included (`--perf-basic-prof` names the JIT's code).
 *
 *   npx tsx bench/perf-profile.ts [--role gateway|apollo] [--duration 5] [--top 30]
 *
 * Needs `perf` (Debian: `apt-get install -y linux-perf`) and permission to attach to a process of
 * the same user. Prints the share of samples by object (node, JIT code, kernel, libc), the top
 * symbols, and the share of samples whose stack passes through `tcp_v4_rcv`: in the server's own
 * context that is loopback delivery to wrk (its responses and its ACKs), where the kernel wakes
 * wrk's thread on the other CPU. wrk's requests are delivered in wrk's context, not counted here.
 * Loopback only; never part of `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildren, requireTools, startServe } from './lib/processes.js';
import { WARM_BODY, expectData, postOnce, warmServeArgs } from './lib/queries.js';
import { runWrk } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'gateway' },
    duration: { type: 'string', default: '5' },
    top: { type: 'string', default: '30' },
  },
});
const role = values.role;
if (role !== 'gateway' && role !== 'apollo') {
  throw new Error(`--role must be gateway or apollo, but got: ${role}`);
}
const durationS = Number(values.duration);
requireTools();
if (spawnSync('perf', ['--version'], { stdio: 'ignore' }).error !== undefined) {
  throw new Error('missing perf: install with `apt-get update && apt-get install -y linux-perf`');
}

const dir = mkdtempSync(join(tmpdir(), 'perf-profile-'));
const data = join(dir, 'perf.data');
try {
  const simulator = await startServe(1, 'simulator', []);
  const token = String(simulator.ready.developerToken);
  const server = await startServe(
    0,
    role,
    warmServeArgs(role, simulator),
    {},
    {
      nodeArgs: ['--perf-basic-prof'],
    },
  );
  const sentToken = role === 'gateway' ? token : undefined;
  expectData(role, await postOnce(server.url, WARM_BODY, sentToken));
  const load = {
    url: server.url,
    bodies: [WARM_BODY],
    connections: 10,
    cpu: 1,
    ...(sentToken === undefined ? {} : { token: sentToken }),
  };
  await runWrk({ ...load, durationS: 3 });
  const recorder = spawn(
    'perf',
    [
      'record',
      '-q',
      '-F',
      '1999',
      '-g',
      '-p',
      String(server.pid),
      '-o',
      data,
      '--',
      'sleep',
      `${durationS}`,
    ],
    { stdio: 'ignore' },
  );
  const recorded = new Promise<number | null>((resolve) => recorder.on('exit', resolve));
  const result = await runWrk({ ...load, durationS: durationS + 1 });
  const code = await recorded;
  if (code !== 0) throw new Error(`perf record exited with ${code}`);
  await server.stop();
  await simulator.stop();

  const report = (...args: string[]): string[] =>
    spawnSync('perf', ['report', '-i', data, '--stdio', '--no-children', ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .stdout.split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  console.log(
    `${role}, warm single image, c=10: ${result.requests} requests in ${durationS + 1} s of load`,
  );
  console.log('\nsamples by object:');
  for (const line of report('--sort', 'dso', '-g', 'none').slice(0, 6)) console.log(line);
  console.log(`\ntop ${values.top} symbols:`);
  for (const line of report('--sort', 'sym', '-g', 'none').slice(0, Number(values.top))) {
    console.log(line);
  }
  // Samples whose stack passes through the loopback delivery to the receiving socket.
  const delivery = report('--sort', 'parent', '--parent', 'tcp_v4_rcv', '-g', 'none');
  const share = delivery
    .find((line) => line.includes('tcp_v4_rcv'))
    ?.trim()
    .split(/\s+/)[0];
  console.log(
    `\nloopback delivery to wrk (tcp_v4_rcv in this server's context: responses and ACKs, wrk's wake-up included): ${share ?? '0%'} of the samples`,
  );
} finally {
  killAllChildren();
  rmSync(dir, { recursive: true, force: true });
}
