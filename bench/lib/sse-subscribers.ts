/**
 * The subscribers of bench/subscriptions.ts, in their own process so that the gateway's heap and
 * event loop are measured alone. Reads one JSON config from argv[2]: `{ url, subscribers: [{ token,
 * stream }] }`; opens every subscription over yoga's SSE; prints `{"ready":n}` when all answered,
 * then one `{"digest","stream","count","lastAt"}` line each time every subscriber of a stream has
 * received the event for a digest (`lastAt`: performance.timeOrigin + now(), ms).
 */
import { Agent, request } from 'undici';

interface Config {
  readonly url: string;
  readonly namespace: string;
  readonly subscribers: readonly { readonly token: string; readonly stream: string }[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
// One connection per subscription: SSE holds it for the subscription's life.
const agent = new Agent({ connections: null, pipelining: 0, keepAliveTimeout: 60_000 });
const perStream = new Map<string, number>();
for (const s of config.subscribers) perStream.set(s.stream, (perStream.get(s.stream) ?? 0) + 1);
const received = new Map<string, { count: number; stream: string }>();
const now = (): number => performance.timeOrigin + performance.now();

async function subscribe(token: string, stream: string): Promise<void> {
  const query = `subscription { imageStreamChanged(namespace: "${config.namespace}", name: "${stream}") { __typename ... on TagUpdated { image } } }`;
  const response = await request(`${config.url}/graphql`, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query }),
    bodyTimeout: 0,
    headersTimeout: 60_000,
  });
  if (response.statusCode !== 200) throw new Error(`subscription answered ${response.statusCode}`);
  void (async () => {
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += (chunk as Buffer).toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.startsWith('event: next')) continue;
        const data = block.slice(block.indexOf('data:') + 5);
        const parsed = JSON.parse(data) as {
          data?: { imageStreamChanged?: { image?: string } };
          errors?: unknown;
        };
        const digest = parsed.data?.imageStreamChanged?.image;
        if (digest === undefined) {
          process.stdout.write(`${JSON.stringify({ error: parsed.errors })}\n`);
          continue;
        }
        const seen = received.get(digest) ?? { count: 0, stream };
        seen.count += 1;
        received.set(digest, seen);
        if (seen.count === perStream.get(stream)) {
          process.stdout.write(
            `${JSON.stringify({ digest, stream, count: seen.count, lastAt: now() })}\n`,
          );
        }
      }
    }
  })();
}

// Opened in waves so that the accept queue and the access-check GETs are not one burst.
const WAVE = 50;
for (let i = 0; i < config.subscribers.length; i += WAVE) {
  await Promise.all(
    config.subscribers.slice(i, i + WAVE).map(({ token, stream }) => subscribe(token, stream)),
  );
}
process.stdout.write(`${JSON.stringify({ ready: config.subscribers.length })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
