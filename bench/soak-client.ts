/**
 * The soak's load generator: `connections` loops POSTing GraphQL for `durationS` seconds, checking
 * every response (wrk cannot): well-formed JSON with `data` and/or `errors`, every error carrying an
 * `extensions.code`. Started by `bench/run.ts` pinned to the load CPU; prints one `SOAK_JSON {...}`
 * line at the end (and `{"progress":...}` lines every 5 s).
 *
 * Input: one JSON argument `{ url, token, connections, durationS, clientTimeoutMs, good, faulty, list }`.
 */

interface SoakInput {
  url: string;
  token: string;
  connections: number;
  durationS: number;
  /** The client gives up after this long and counts the request as hung. */
  clientTimeoutMs: number;
  /** `<stream>@<digest>` names that always succeed upstream. */
  good: string[];
  /** Names whose upstream GETs always fail (429, 503, hang, reset), with the fault kind. */
  faulty: Record<string, string>;
  /** `ubuntu@<manifest list digest>`: a 1+2 GET query that succeeds. */
  list: string;
}

/** How a response was classified. */
type Outcome = 'data' | 'data-with-errors' | 'errors' | 'malformed' | 'hung' | 'network-error';

interface Sample {
  kind: string;
  outcome: Outcome;
  codes: string[];
  ms: number;
}

const SINGLE = `query One($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) { image { digest layerCount } }
}`;
const LIST = `query List($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) {
    image { digest dockerImageManifests { image { digest layerCount } } }
  }
}`;
const MANY = `query Many($ns: String!, $names: [String!]!) {
  imageStreamImages(namespace: $ns, names: $names) { image { digest layerCount } }
}`;

function pick<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('expected a non-empty list');
  return item;
}

/** Request number `i` of the mix: 70% good single, 10% faulty single, 10% list, 10% batch of 3 with one faulty. */
function requestFor(
  input: SoakInput,
  faultyNames: readonly string[],
  i: number,
): { kind: string; body: string } {
  const slot = i % 10;
  const round = Math.floor(i / 10);
  if (slot === 0) {
    const name = pick(faultyNames, round);
    return {
      kind: `single-${input.faulty[name] ?? 'fault'}`,
      body: JSON.stringify({ query: SINGLE, variables: { ns: 'demo', name } }),
    };
  }
  if (slot === 5) {
    return {
      kind: 'list',
      body: JSON.stringify({ query: LIST, variables: { ns: 'demo', name: input.list } }),
    };
  }
  if (slot === 7) {
    const names = [
      pick(input.good, round * 3),
      pick(faultyNames, round + 3),
      pick(input.good, round * 3 + 1),
    ];
    return {
      kind: 'batch-with-fault',
      body: JSON.stringify({ query: MANY, variables: { ns: 'demo', names } }),
    };
  }
  return {
    kind: 'single-good',
    body: JSON.stringify({ query: SINGLE, variables: { ns: 'demo', name: pick(input.good, i) } }),
  };
}

/** Classifies a body; returns the error codes seen (`<missing>` for an error without one). */
function classify(text: string): { outcome: Outcome; codes: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: 'malformed', codes: [] };
  }
  if (typeof body !== 'object' || body === null) return { outcome: 'malformed', codes: [] };
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  const codes: string[] = [];
  if (errors !== undefined) {
    if (!Array.isArray(errors) || errors.length === 0) return { outcome: 'malformed', codes };
    for (const error of errors as { extensions?: { code?: unknown } }[]) {
      const code = error.extensions?.code;
      codes.push(typeof code === 'string' ? code : '<missing>');
    }
  }
  if (codes.includes('<missing>')) return { outcome: 'malformed', codes };
  const hasData = data !== undefined && data !== null;
  if (hasData && codes.length === 0) return { outcome: 'data', codes };
  if (hasData) return { outcome: 'data-with-errors', codes };
  if (codes.length > 0) return { outcome: 'errors', codes };
  return { outcome: 'malformed', codes };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as SoakInput;
  if (new URL(input.url).hostname !== '127.0.0.1') {
    throw new Error(`the soak targets only 127.0.0.1, but got: ${input.url}`);
  }
  const faultyNames = Object.keys(input.faulty);
  const endpoint = `${input.url}/graphql`;
  const started = Date.now();
  const endAt = started + input.durationS * 1000;
  const samples: Sample[] = [];
  const codes = new Map<string, number>();
  const statuses = new Map<string, number>();
  let next = 0;

  const progress = setInterval(() => {
    process.stdout.write(
      `${JSON.stringify({ progress: { t: Date.now(), elapsedS: (Date.now() - started) / 1000, requests: samples.length } })}\n`,
    );
  }, 5_000);

  const loop = async (): Promise<void> => {
    while (Date.now() < endAt) {
      const { kind, body } = requestFor(input, faultyNames, next++);
      const t0 = performance.now();
      let outcome: Outcome;
      let seen: string[] = [];
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${input.token}` },
          body,
          signal: AbortSignal.timeout(input.clientTimeoutMs),
        });
        const text = await response.text();
        statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
        const result = classify(text);
        outcome = result.outcome;
        seen = result.codes;
        for (const code of result.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
      } catch (error) {
        outcome =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
            ? 'hung'
            : 'network-error';
      }
      samples.push({ kind, outcome, codes: seen, ms: performance.now() - t0 });
    }
  };
  await Promise.all(Array.from({ length: input.connections }, loop));
  clearInterval(progress);

  const elapsedS = (Date.now() - started) / 1000;
  const byOutcome: Record<string, number> = {};
  const byKind: Record<
    string,
    { n: number; outcomes: Record<string, number>; codes: Record<string, number>; maxMs: number }
  > = {};
  for (const s of samples) {
    byOutcome[s.outcome] = (byOutcome[s.outcome] ?? 0) + 1;
    const k = (byKind[s.kind] ??= { n: 0, outcomes: {}, codes: {}, maxMs: 0 });
    k.n += 1;
    k.outcomes[s.outcome] = (k.outcomes[s.outcome] ?? 0) + 1;
    for (const code of s.codes) k.codes[code] = (k.codes[code] ?? 0) + 1;
    k.maxMs = Math.max(k.maxMs, s.ms);
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const result = {
    requests: samples.length,
    elapsedS,
    rps: samples.length / elapsedS,
    byOutcome,
    byKind,
    errorsByCode: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
    httpStatuses: Object.fromEntries(statuses),
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
  };
  process.stdout.write(`SOAK_JSON ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench/soak-client.ts: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
