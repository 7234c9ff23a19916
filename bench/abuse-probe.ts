/**
 * The probes of issue #16, replayed in one process on 127.0.0.1 (bounded: about 20 s): the embedded
 * simulator with latency, the gateway wired by createGateway, and the upstream GETs counted by the
 * simulator. Prints one line per probe. Never part of `npm test`.
 *
 *   npx tsx bench/abuse-probe.ts [--latency-ms 20]
 */
import { parseArgs } from 'node:util';
import { createGateway } from '../src/server/create-gateway.js';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { startSimulator, DEMO } from '../src/simulator/index.js';

const { values } = parseArgs({ options: { 'latency-ms': { type: 'string', default: '20' } } });
const latencyMs = Number(values['latency-ms']);
const demo = DEMO.namespaces.demo;

const batch = (offset: number) =>
  JSON.stringify(
    Array.from({ length: 10 }, (_, op) => ({
      query: `query($n: [String!]!) { imageStreamImages(namespace: "${demo}", names: $n) { image { digest } } }`,
      variables: {
        n: Array.from(
          { length: 100 },
          (_, i) => `python@${(offset + op * 100 + i).toString(16).padStart(5, '0')}`,
        ),
      },
    })),
  );

async function main(): Promise<void> {
  const simulator = await startSimulator({ latencyMs });
  const gets = () => simulator.requests.count({ path: /\/imagestreamimages\//, method: 'GET' });
  const start = async (env: Record<string, string>) => {
    const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
    const gateway = await createGateway(config, {
      logger: createLogger('silent'),
      tracing: false,
      upstream: {
        baseUrl: simulator.url,
        serviceCredential: () => Promise.resolve({ token: simulator.token('admin') }),
      },
    });
    return { gateway, url: await gateway.listen(0, '127.0.0.1') };
  };
  const post = (url: string, body: string, headers: Record<string, string>) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }).then((r) => r.text());

  // The defaults, with the cost limit out of the way as in the probe.
  const { gateway, url } = await start({ MAX_QUERY_COST: '1000000' });
  let before = gets();
  await post(url, batch(0), { authorization: 'Bearer sha256~made-up-1' });
  console.log(
    `batch 10 x 100 names, made-up token: ${gets() - before} upstream GETs (issue: 1000)`,
  );
  before = gets();
  await post(url, batch(0), { authorization: 'Bearer sha256~made-up-1' });
  console.log(`same again within AUTH_NEGATIVE_TTL_SECONDS: ${gets() - before} upstream GETs`);
  before = gets();
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      post(url, batch(0), { authorization: `Bearer sha256~made-up-rotated-${i}` }),
    ),
  );
  console.log(`six batches, six made-up tokens: ${gets() - before} upstream GETs (issue: 6000)`);
  before = gets();
  await post(url, batch(0), { authorization: `Bearer ${simulator.token('developer')}` });
  console.log(
    `batch 10 x 100 names, valid token: ${gets() - before} upstream GETs (one request's budget: 100)`,
  );
  await gateway.close(0);

  // Service mode: a victim's single lookup while three tokenless batches of another caller run,
  // with the callers told apart by the front proxy's header, and without it (one shared key).
  for (const identityHeader of [true, false]) {
    const service = await start({
      AUTH_MODE: 'service',
      MAX_QUERY_COST: '1000000',
      ...(identityHeader ? { SERVICE_IDENTITY_HEADER: 'x-forwarded-user' } : {}),
      // Every lookup of the victim goes upstream: a cache hit would say nothing about fairness.
      CACHE_ACCESS_TTL_SECONDS: '0',
    });
    const lookup = `{ imageStreamImage(namespace: "${demo}", name: "python@${DEMO.digests.python}") { image { digest } } }`;
    const victim = async () => {
      const started = performance.now();
      await post(service.url, JSON.stringify({ query: lookup }), { 'x-forwarded-user': 'alice' });
      return performance.now() - started;
    };
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) quiet.push(await victim());
    const load = Array.from({ length: 3 }, (_, i) =>
      post(service.url, batch(10_000 * (i + 1)), { 'x-forwarded-user': 'mallory' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const loaded: number[] = [];
    for (let i = 0; i < 5; i++) loaded.push(await victim());
    await Promise.all(load);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    console.log(
      `service mode${identityHeader ? ', SERVICE_IDENTITY_HEADER' : ', no identity header'}: victim lookup median of 5: ${median(quiet).toFixed(0)} ms quiet, ${median(loaded).toFixed(0)} ms during 3 tokenless batches of another caller (issue: 163 -> 950 ms)`,
    );
    await service.gateway.close(0);
  }
  await simulator.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
