/**
 * Same-run A/B of the upstream client alone (issue #11): the built client (`dist/`) of two work
 * trees, GETting the same ImageStreamImages from one simulator in this process (0 ms latency), in
 * alternating rounds (A B, B A, ...). It isolates a change to src/upstream from the rest of the
 * gateway, whose cold-path A/B (`compare.ts ab --scenario cold`) varies by ±20% between rounds.
 *
 *   npm run build && (cd /path/to/worktree-A && npm run build)
 *   taskset -c 0 npx tsx bench/client-ab.ts --a /path/to/worktree-A [--b .] [--rounds 16] [--gets 5000]
 *
 * CPU per GET is this process's `process.cpuUsage()` over a round divided by its GETs: the
 * simulator's share is in both sides alike, so only the difference between A and B means anything.
 * Loopback only; never part of `npm test`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO, createDataset, startSimulator } from '../src/simulator/index.js';
import type { createOpenShiftClient as CreateClient } from '../src/upstream/openshift-client.js';
import { ROOT } from './lib/processes.js';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: ROOT },
    rounds: { type: 'string', default: '16' },
    gets: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '10' },
  },
});
if (values.a === undefined) throw new Error('--a /path/to/worktree-A is required');
const rounds = Number(values.rounds);
const gets = Number(values.gets);
const concurrency = Number(values.concurrency);

const simulator = await startSimulator({
  host: '127.0.0.1',
  port: 0,
  latencyMs: 0,
  dataset: createDataset(),
});
const credential = { token: simulator.token(DEMO.users.developer) };
const refs = DEMO.manyTagsDigests.map((id) => ({
  namespace: DEMO.namespaces.demo,
  stream: DEMO.streams.manyTags,
  id,
}));

type Client = ReturnType<typeof CreateClient>;
async function clientOf(tree: string): Promise<Client> {
  const file = pathToFileURL(resolve(tree, 'dist/upstream/openshift-client.js')).href;
  const { createOpenShiftClient } = (await import(file)) as {
    createOpenShiftClient: typeof CreateClient;
  };
  return createOpenShiftClient({ baseUrl: simulator.url, onEvent: () => undefined });
}
const clients = { A: await clientOf(values.a), B: await clientOf(values.b) };

/** CPU µs per GET of `count` GETs at `concurrency`, as the loaders call the client. */
async function round(client: Client, count: number): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const ref = refs[next++ % refs.length]!;
        const resource = await client.getImageStreamImage(ref, credential, {
          requestId: 'bench',
          deadline: Date.now() + 30_000,
        });
        if (resource.kind !== 'ImageStreamImage') throw new Error('not an ImageStreamImage');
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

await round(clients.A, 2_000);
await round(clients.B, 2_000);
const samples = { A: [] as number[], B: [] as number[] };
for (let r = 0; r < rounds; r++) {
  for (const side of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
    samples[side].push(await round(clients[side], gets));
  }
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? 0;
const ratios = samples.B.map((b, i) => b / (samples.A[i] ?? b));
for (const side of ['A', 'B'] as const) {
  const list = samples[side].map((x) => x.toFixed(0)).join(' ');
  console.log(`${side}: ${median(samples[side]).toFixed(1)} µs per GET (median; rounds: ${list})`);
}
console.log(
  `B/A per round: median ${median(ratios).toFixed(2)}x, ${ratios.filter((x) => x > 1).length} of ${rounds} rounds above 1`,
);
await Promise.all([clients.A.close(), clients.B.close(), simulator.close()]);
