/**
 * The error scenarios of the gateway against the simulator, shared by errors.test.ts (which asserts
 * code, message, path, healthy siblings and upstream GETs) and no-leaks.test.ts (which runs them
 * all with recognisable tokens and searches every response and log line for secrets).
 *
 * GET counts assume {@link SCENARIO_ENV}: UPSTREAM_RETRIES=2 and no cross-request cache.
 */
import { DEMO, type FaultRule } from '../../src/simulator/index.js';
import { startStack, type GraphQLResponse, type Stack } from './stack.js';
import { imageStreamImagePath } from './simulator-reads.js';

const { demo, teamB } = DEMO.namespaces;
const d = DEMO.digests;

/** Who sends the query. */
export type Caller = 'reader' | 'teamb' | 'unknown' | 'revoked' | 'none';

/** The tokens of the callers (`none` sends no Authorization header). */
export type CallerTokens = Readonly<Record<Exclude<Caller, 'none'>, string>>;

/** One expected error. */
export interface ExpectedError {
  readonly path: readonly (string | number)[];
  readonly code: string;
  /** The whole message, written by the gateway. */
  readonly message: string | RegExp;
  /** Safe details expected in `extensions` besides `code`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** One scenario: a query, what is injected first, and what must come back. */
export interface ErrorScenario {
  readonly title: string;
  readonly code: string;
  readonly caller: Caller;
  /** Config on top of the test defaults; a scenario with env gets its own stack. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Whether the scenario needs a stack of its own: server failures count towards the circuit
   * breaker, which would make a later scenario on a shared stack fail fast without a GET.
   */
  readonly ownStack: boolean;
  readonly faults?: readonly FaultRule[];
  readonly query: string;
  /** The whole `data`, healthy siblings included. */
  readonly data: unknown;
  readonly errors: readonly ExpectedError[];
  /** Exact GETs per `namespace/name`; the total must equal their sum. */
  readonly gets: Readonly<Record<string, number>>;
  /** Lower and upper bound of the response time, when it matters. */
  readonly elapsedMs?: { readonly min: number; readonly max: number };
}

const quoted = (value: string): string => JSON.stringify(value);

/** `alias: imageStreamImage(namespace, name) { image { digest } }`. */
const isi = (alias: string, namespace: string, name: string): string =>
  `${alias}: imageStreamImage(namespace: ${quoted(namespace)}, name: ${quoted(name)}) { image { digest } }`;

const digestOf = (digest: string) => ({ image: { digest } });

const python = `python@${d.python}`;
const pythonApp = `python-app@${d.ociPushed}`;
const list = `ubuntu@${d.manifestList}`;
const healthy = isi('healthy', demo, python);
const healthyData = digestOf(d.python);

/** A fault on exactly one ImageStreamImage, on every attempt. */
const alwaysOn = (namespace: string, name: string, fault: FaultRule['fault']): FaultRule => ({
  path: imageStreamImagePath(namespace, name),
  times: Infinity,
  fault,
});

const isiMessage = (namespace: string, name: string): string =>
  `ImageStreamImage ${quoted(name)} in namespace ${quoted(namespace)}`;

const UNAVAILABLE = 'The OpenShift image API is currently unavailable; try again later.';

const CREDENTIAL_REJECTED =
  'The API server rejected the credential: it is missing, invalid or expired.';

const badName = (name: string): RegExp =>
  new RegExp(
    `^ImageStreamImage name must be <stream>@<id> with exactly one '@' and both sides non-empty, but got: ${quoted(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
  );

const missingStream = `nosuch@${d.python}`;
const notInStream = `ubuntu@${d.python}`;
const pruned = `pruned@${d.pruned}`;

/** What differs between the scenarios where one name in `demo` fails beside the healthy sibling. */
interface FailingBesideHealthy {
  readonly title: string;
  readonly code: string;
  /** The failing name. @default python-app, whose every attempt gets `fault` */
  readonly name?: string;
  readonly fault?: FaultRule['fault'];
  readonly ownStack?: boolean;
  readonly env?: Readonly<Record<string, string>>;
  readonly message: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** GETs of the failing name. @default 1 */
  readonly failingGets?: number;
  readonly elapsedMs?: { readonly min: number; readonly max: number };
}

/**
 * A scenario of the reader: `failing` (one name in demo) is null with exactly one error at its
 * path, `healthy` resolves with its one GET.
 */
function failingBesideHealthy(scenario: FailingBesideHealthy): ErrorScenario {
  const name = scenario.name ?? pythonApp;
  return {
    title: scenario.title,
    code: scenario.code,
    caller: 'reader',
    ownStack: scenario.ownStack ?? false,
    ...(scenario.env === undefined ? {} : { env: scenario.env }),
    ...(scenario.fault === undefined ? {} : { faults: [alwaysOn(demo, name, scenario.fault)] }),
    query: `{ ${isi('failing', demo, name)} ${healthy} }`,
    data: { failing: null, healthy: healthyData },
    errors: [
      {
        path: ['failing'],
        code: scenario.code,
        message: scenario.message,
        ...(scenario.extensions === undefined ? {} : { extensions: scenario.extensions }),
      },
    ],
    gets: { [`${demo}/${name}`]: scenario.failingGets ?? 1, [`${demo}/${python}`]: 1 },
    ...(scenario.elapsedMs === undefined ? {} : { elapsedMs: scenario.elapsedMs }),
  };
}

/** A server failure beside the healthy sibling, on a stack of its own (it counts towards the circuit). */
const unavailableBesideHealthy = (
  title: string,
  fault: FaultRule['fault'],
  extensions: Readonly<Record<string, unknown>>,
  retried: Pick<FailingBesideHealthy, 'failingGets' | 'elapsedMs'> = {},
): ErrorScenario =>
  failingBesideHealthy({
    title,
    code: 'UPSTREAM_UNAVAILABLE',
    ownStack: true,
    fault,
    message: UNAVAILABLE,
    extensions,
    ...retried,
  });

/** A scenario where both names the caller asks for (`first`, `second`) fail UNAUTHENTICATED. */
function bothUnauthenticated(
  title: string,
  caller: Caller,
  error: Pick<ExpectedError, 'message' | 'extensions'>,
  gets: ErrorScenario['gets'],
): ErrorScenario {
  return {
    title,
    code: 'UNAUTHENTICATED',
    caller,
    ownStack: false,
    query: `{ ${isi('first', demo, python)} ${isi('second', demo, list)} }`,
    data: { first: null, second: null },
    errors: ['first', 'second'].map((alias) => ({
      path: [alias],
      code: 'UNAUTHENTICATED',
      ...error,
    })),
    gets,
  };
}

/** The scenarios; one per code, and more where the API has several ways to answer it. */
export const ERROR_SCENARIOS: readonly ErrorScenario[] = [
  failingBesideHealthy({
    title: 'returns NOT_FOUND for a missing image stream without failing its sibling',
    code: 'NOT_FOUND',
    name: missingStream,
    message: `Image stream "nosuch" was not found in namespace "demo".`,
    extensions: { httpStatus: 404, resource: 'imagestreams' },
  }),
  failingBesideHealthy({
    title: 'returns NOT_FOUND for a digest that is not in the stream without failing its sibling',
    code: 'NOT_FOUND',
    name: notInStream,
    message: `${isiMessage(demo, notInStream)} was not found.`,
    extensions: { httpStatus: 404, resource: 'imagestreamimage' },
  }),
  failingBesideHealthy({
    title: 'returns NOT_FOUND for an image the stream references but that was pruned',
    code: 'NOT_FOUND',
    name: pruned,
    message: `${isiMessage(demo, pruned)} refers to an image that no longer exists (it may have been pruned).`,
    extensions: { httpStatus: 404, resource: 'images' },
  }),
  {
    title: 'returns FORBIDDEN when teamb reads namespace demo, while its own namespace resolves',
    code: 'FORBIDDEN',
    caller: 'teamb',
    ownStack: false,
    query: `{ ${isi('failing', demo, python)} ${isi('healthy', teamB, `shared@${d.python}`)} }`,
    data: { failing: null, healthy: healthyData },
    errors: [
      {
        path: ['failing'],
        code: 'FORBIDDEN',
        message: `The caller may not read ${isiMessage(demo, python)}.`,
        extensions: { httpStatus: 403 },
      },
    ],
    gets: { [`${demo}/${python}`]: 1, [`${teamB}/shared@${d.python}`]: 1 },
  },
  bothUnauthenticated(
    'returns UNAUTHENTICATED without a GET when no token is sent',
    'none',
    {
      message:
        /^This gateway forwards your OpenShift credential: send an `Authorization: Bearer <token>` header/,
    },
    {},
  ),
  bothUnauthenticated(
    "returns UNAUTHENTICATED for an unknown token, from the API's 401",
    'unknown',
    { message: CREDENTIAL_REJECTED, extensions: { httpStatus: 401 } },
    { [`${demo}/${python}`]: 1, [`${demo}/${list}`]: 1 },
  ),
  {
    title: "returns UNAUTHENTICATED for a revoked token, from the API's 401",
    code: 'UNAUTHENTICATED',
    caller: 'revoked',
    ownStack: false,
    query: `{ ${isi('only', demo, python)} }`,
    data: { only: null },
    errors: [
      {
        path: ['only'],
        code: 'UNAUTHENTICATED',
        message: CREDENTIAL_REJECTED,
        extensions: { httpStatus: 401 },
      },
    ],
    gets: { [`${demo}/${python}`]: 1 },
  },
  {
    title: 'returns BAD_USER_INPUT without a GET for names that are not <stream>@<id>',
    code: 'BAD_USER_INPUT',
    caller: 'reader',
    ownStack: false,
    query: `{ ${isi('twoAts', demo, 'a@b@c')} ${isi('noAt', demo, 'ruby')} ${isi('noStream', demo, '@id')} ${isi('noId', demo, 'name@')} ${healthy} }`,
    data: { twoAts: null, noAt: null, noStream: null, noId: null, healthy: healthyData },
    errors: (
      [
        ['twoAts', 'a@b@c'],
        ['noAt', 'ruby'],
        ['noStream', '@id'],
        ['noId', 'name@'],
      ] as const
    ).map(([alias, name]) => ({
      path: [alias],
      code: 'BAD_USER_INPUT',
      message: badName(name),
      extensions: { argument: 'name' },
    })),
    gets: { [`${demo}/${python}`]: 1 },
  },
  failingBesideHealthy({
    title:
      'returns RATE_LIMITED for a repeating plain-text 429 once the retries (after Retry-After) are exhausted',
    code: 'RATE_LIMITED',
    fault: { kind: 'too-many-requests' },
    message: 'The API server is throttling requests; try again later.',
    extensions: { httpStatus: 429 },
    // The first attempt and 2 retries, each after the 1 s Retry-After the API asked for.
    failingGets: 3,
    elapsedMs: { min: 1900, max: 6000 },
  }),
  unavailableBesideHealthy(
    'returns UPSTREAM_UNAVAILABLE for a plain-text 503 of the aggregator, with one GET (no Retry-After, no retry)',
    { kind: 'service-unavailable' },
    { httpStatus: 503 },
  ),
  unavailableBesideHealthy(
    'returns UPSTREAM_UNAVAILABLE for a 500 InternalError Status, with one GET (no Retry-After, no retry)',
    { kind: 'internal-error' },
    { httpStatus: 500, reason: 'InternalError' },
  ),
  unavailableBesideHealthy(
    'returns UPSTREAM_UNAVAILABLE for a repeating 500 ServerTimeout once its Retry-After retries are exhausted',
    { kind: 'server-timeout', retryAfterSeconds: 1 },
    { httpStatus: 500, reason: 'ServerTimeout' },
    { failingGets: 3, elapsedMs: { min: 1900, max: 6000 } },
  ),
  failingBesideHealthy({
    title: 'returns UPSTREAM_TIMEOUT for a hanging API server within UPSTREAM_TIMEOUT_MS',
    code: 'UPSTREAM_TIMEOUT',
    // 600 ms for the whole call, all of it for the one attempt; an attempt that timed out is not
    // retried (the server accepted it and may still be working on it): exactly 1 GET.
    env: { UPSTREAM_TIMEOUT_MS: '600' },
    ownStack: true,
    fault: { kind: 'hang' },
    message: 'The OpenShift API server did not answer in time.',
    // Never before the deadline: the attempt may use all of it (undici's coarse timer once fired it
    // after 532 ms; the deadline has its own timer now).
    elapsedMs: { min: 600, max: 2000 },
  }),
  failingBesideHealthy({
    title:
      'returns UPSTREAM_BAD_RESPONSE for a truncated body without a retry (the server had answered)',
    code: 'UPSTREAM_BAD_RESPONSE',
    ownStack: true,
    fault: { kind: 'truncated' },
    message: 'The OpenShift API server answered with something that is not the documented shape.',
    extensions: { httpStatus: 200, problem: 'the body was truncated' },
    // A body cut short after the headers: client-go retries only a connection refused or reset
    // before any response, so this is reported at once.
  }),
  {
    title:
      'nulls one failing manifest-list child with an error at its index while the list and the other child resolve',
    code: 'UPSTREAM_UNAVAILABLE',
    caller: 'reader',
    ownStack: true,
    faults: [alwaysOn(demo, `ubuntu@${d.arm64}`, { kind: 'service-unavailable' })],
    query: `{ list: imageStreamImage(namespace: "${demo}", name: "${list}") {
      image { digest dockerImageManifests { digest architecture image { digest } } } } }`,
    data: {
      list: {
        image: {
          digest: d.manifestList,
          dockerImageManifests: [
            { digest: d.amd64, architecture: 'amd64', image: { digest: d.amd64 } },
            { digest: d.arm64, architecture: 'arm64', image: null },
          ],
        },
      },
    },
    errors: [
      {
        path: ['list', 'image', 'dockerImageManifests', 1, 'image'],
        code: 'UPSTREAM_UNAVAILABLE',
        message: UNAVAILABLE,
        extensions: { httpStatus: 503, name: `ubuntu@${d.arm64}` },
      },
    ],
    gets: {
      [`${demo}/${list}`]: 1,
      [`${demo}/ubuntu@${d.amd64}`]: 1,
      [`${demo}/ubuntu@${d.arm64}`]: 1,
    },
  },
  {
    title:
      'nulls the failing names of imageStreamImages with an error at each index while the good names resolve',
    code: 'NOT_FOUND',
    caller: 'reader',
    ownStack: false,
    query: `{ imageStreamImages(namespace: "${demo}", names: ${JSON.stringify([python, missingStream, list, 'ruby'])}) { image { digest } } }`,
    data: {
      imageStreamImages: [digestOf(d.python), null, digestOf(d.manifestList), null],
    },
    errors: [
      {
        path: ['imageStreamImages', 1],
        code: 'NOT_FOUND',
        message: `Image stream "nosuch" was not found in namespace "demo".`,
      },
      {
        path: ['imageStreamImages', 3],
        code: 'BAD_USER_INPUT',
        message: badName('ruby'),
      },
    ],
    gets: {
      [`${demo}/${python}`]: 1,
      [`${demo}/${missingStream}`]: 1,
      [`${demo}/${list}`]: 1,
    },
  },
];

/**
 * The configuration every scenario runs with (a scenario's own `env` goes on top): 2 retries, set
 * explicitly so the GET counts do not depend on a default, and TTL 0 so that no answer is served
 * from the cross-request cache.
 */
export const SCENARIO_ENV: Readonly<Record<string, string>> = {
  UPSTREAM_RETRIES: '2',
  CACHE_ACCESS_TTL_SECONDS: '0',
};

/** The identities of the callers in one stack. */
export interface CallerIdentities {
  readonly reader: { readonly name: string; readonly token: string };
  readonly unknownToken: string;
  readonly revoked: { readonly name: string; readonly token: string };
}

/** Starts a stack for scenarios, with the callers' users added; returns it with their tokens. */
export async function startScenarioStack(
  identities: CallerIdentities,
  env: Readonly<Record<string, string>> = {},
): Promise<{ stack: Stack; tokens: CallerTokens }> {
  const stack = await startStack({ env: { ...SCENARIO_ENV, ...env } });
  const tokens = prepareCallers(
    stack,
    identities.reader,
    identities.unknownToken,
    identities.revoked,
  );
  return { stack, tokens };
}

/** Users the scenarios need, added to a fresh simulator; returns the callers' tokens. */
function prepareCallers(
  stack: Stack,
  reader: { name: string; token: string },
  unknownToken: string,
  revoked: { name: string; token: string },
): CallerTokens {
  stack.simulator.addUser({ name: reader.name, token: reader.token, namespaces: [demo] });
  stack.simulator.addUser({ name: revoked.name, token: revoked.token, namespaces: [demo] });
  stack.simulator.revokeToken(revoked.token);
  return {
    reader: reader.token,
    teamb: stack.simulator.token(DEMO.users.teamB),
    unknown: unknownToken,
    revoked: revoked.token,
  };
}

/** The response of one run, with its timing. */
export interface ScenarioRun {
  readonly result: GraphQLResponse & { status: number; headers: Headers };
  readonly bodyText: string;
  readonly elapsedMs: number;
}

/** Injects the scenario's faults on a clean simulator log, sends the query, and times it. */
export async function runScenario(
  stack: Stack,
  scenario: ErrorScenario,
  tokens: CallerTokens,
): Promise<ScenarioRun> {
  stack.simulator.clearFaults();
  stack.simulator.requests.reset();
  for (const fault of scenario.faults ?? []) stack.simulator.injectFault(fault);
  const started = performance.now();
  const result = await stack.query(scenario.query, {
    token: scenario.caller === 'none' ? null : tokens[scenario.caller],
  });
  const elapsedMs = performance.now() - started;
  stack.simulator.clearFaults();
  const { status: _status, headers: _headers, ...body } = result;
  return { result, bodyText: JSON.stringify(body), elapsedMs };
}
