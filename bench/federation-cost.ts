/**
 * What the federation subgraph costs a plain client: the same cached query through two gateways
 * that differ only in FEDERATION_ENABLED, in one process, against the embedded simulator (every
 * image served from the cache after the warm-up, so the figure is the GraphQL layer's own work).
 *
 *   npx tsx bench/federation-cost.ts [--requests 1000] [--rounds 4]   (under a minute)
 *
 * Requests go through `yoga.fetch` (no sockets), sequentially; rounds alternate the order of the
 * two modes to spread drift over both. The figure is CPU µs per request of this process
 * (`process.cpuUsage()`), which resists a busy machine better than wall time. Loopback only.
 */
import { parseArgs } from 'node:util';
import { startSimulator, DEMO } from '../src/simulator/index.js';
import { loadConfig } from '../src/server/config.js';
import { createGateway, type Gateway } from '../src/server/create-gateway.js';
import { createLogger } from '../src/server/logger.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '4' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);

const simulator = await startSimulator();
const token = simulator.token('developer');
const query = `{ imageStreamImage(namespace: "${DEMO.namespaces.demo}", name: "ubuntu@${DEMO.digests.manifestList}") {
  id image { digest isManifestList layerCount dockerImageManifests { architecture image { digest layerCount } } } } }`;

async function gatewayWith(federation: boolean): Promise<Gateway> {
  return createGateway(
    loadConfig({
      LOG_LEVEL: 'silent',
      METRICS_ENABLED: 'false',
      FEDERATION_ENABLED: String(federation),
    }),
    {
      logger: createLogger('silent'),
      tracing: false,
      upstream: { baseUrl: simulator.url, serviceCredential: () => Promise.resolve({ token }) },
    },
  );
}

async function send(gateway: Gateway): Promise<void> {
  const response = await gateway.server.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
}

async function round(gateway: Gateway): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i += 1) await send(gateway);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

const modes = { plain: await gatewayWith(false), federation: await gatewayWith(true) };
for (const gateway of Object.values(modes)) for (let i = 0; i < 200; i += 1) await send(gateway);

const samples: Record<keyof typeof modes, number[]> = { plain: [], federation: [] };
for (let r = 0; r < rounds; r += 1) {
  const order: (keyof typeof modes)[] =
    r % 2 === 0 ? ['plain', 'federation'] : ['federation', 'plain'];
  for (const mode of order) samples[mode].push(await round(modes[mode]));
}
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const plain = median(samples.plain);
const federation = median(samples.federation);
console.log(
  JSON.stringify(
    {
      requests,
      rounds,
      cpuMicrosPerRequest: {
        plain: Math.round(plain),
        federation: Math.round(federation),
        samples,
      },
      federationOverPlain: `${(((federation - plain) / plain) * 100).toFixed(1)}%`,
    },
    null,
    2,
  ),
);
for (const gateway of Object.values(modes)) await gateway.close(1000);
await simulator.close();
