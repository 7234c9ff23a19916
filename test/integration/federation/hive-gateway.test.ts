/**
 * The gateway composed into a supergraph with a second subgraph written here (a vulnerability
 * scanner that extends `Image @key(fields: "digest")`), served by Hive Gateway
 * (`@graphql-hive/gateway-runtime`) over real HTTP, with the simulator on port 0. Composition uses
 * the gateway's own `_service { sdl }`, as a schema registry would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { DEMO } from '../../../src/simulator/index.js';
import { postGraphQL, startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const amd64 = DEMO.digests.amd64;

/** The scanner's own subgraph: it knows images only by digest. */
const SCANNER_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Image @key(fields: "digest") {
    digest: String
    "The scanner's report on this image."
    vulnerabilityReport: VulnerabilityReport!
  }

  type VulnerabilityReport {
    critical: Int!
    scanner: String!
  }

  type Query {
    "Images the scanner flagged, by digest only."
    flaggedImages: [Image!]!
  }
`;

interface Scanner {
  readonly url: string;
  /** The Authorization header of every request the scanner received. */
  readonly authorizations: (string | null)[];
  /** The digests `flaggedImages` returns. */
  readonly flagged: string[];
  close(): Promise<void>;
}

async function startScanner(): Promise<Scanner> {
  const authorizations: (string | null)[] = [];
  const flagged: string[] = [];
  const report = (digest: string) => ({ critical: digest.charCodeAt(10) % 7, scanner: 'trivy' });
  const yoga = createYoga<{ req: { headers: Record<string, string | undefined> } }>({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SCANNER_SDL),
        resolvers: {
          Query: { flaggedImages: () => flagged.map((digest) => ({ digest })) },
          Image: {
            __resolveReference: (ref: { digest: string }) => ref,
            vulnerabilityReport: ({ digest }: { digest: string }) => report(digest),
          },
        },
      },
    ]),
    logging: false,
    plugins: [
      {
        onRequest({ request }) {
          authorizations.push(request.headers.get('authorization'));
        },
      },
    ],
  });
  const server = createServer((req, res) => void yoga.requestListener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    authorizations,
    flagged,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

let stack: Stack;
let scanner: Scanner;
let hive: GatewayRuntime;
let hiveServer: Server;
let hiveUrl: string;
let supergraphSdl: string;

beforeAll(async () => {
  stack = await startStack();
  scanner = await startScanner();
  const { data } = await stack.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
  const composed = composeServices([
    { name: 'images', typeDefs: parse(data?._service.sdl ?? ''), url: `${stack.url}/graphql` },
    { name: 'scanner', typeDefs: parse(SCANNER_SDL), url: scanner.url },
  ]);
  if (composed.errors !== undefined) {
    throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  }
  supergraphSdl = composed.supergraphSdl;
  hive = createGatewayRuntime({
    supergraph: supergraphSdl,
    // What Hive Gateway would import by itself for an HTTP subgraph; given here, so it is explicit.
    transports: { http: httpTransport },
    // The line a platform team must add: Hive Gateway forwards no client header by default.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
      }),
    },
    logging: false,
  });
  hiveServer = createServer((req, res) => void hive.requestListener(req, res));
  await new Promise<void>((resolve) => hiveServer.listen(0, '127.0.0.1', resolve));
  hiveUrl = `http://127.0.0.1:${(hiveServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeServer(hiveServer);
  await hive[Symbol.asyncDispose]();
  await scanner.close();
  await stack.close();
});

beforeEach(() => {
  stack.gateway.cache.clear();
  stack.simulator.requests.reset();
  scanner.authorizations.length = 0;
});

const throughHive = <T>(query: string, user: string) =>
  postGraphQL<T>(hiveUrl, query, { token: stack.simulator.token(user) });

interface ImageWithReport {
  digest: string;
  isManifestList?: boolean;
  layerCount?: number;
  vulnerabilityReport: { critical: number; scanner: string };
}

describe('a supergraph in Hive Gateway', () => {
  it('composes the gateway with a subgraph that extends Image by digest', () => {
    expect(supergraphSdl).toContain('@join__type(graph: IMAGES, key: "digest")');
    expect(supergraphSdl).toContain('@join__type(graph: SCANNER, key: "digest")');
  });

  it("answers one query with both subgraphs' fields, forwarding the caller's token to each", async () => {
    const { data, errors } = await throughHive<{
      imageStreamImage: { image: ImageWithReport };
    }>(
      `{ imageStreamImage(namespace: "${demo}", name: "ubuntu@${amd64}") {
           image { digest isManifestList vulnerabilityReport { critical scanner } } } }`,
      'developer',
    );
    expect(errors).toBeUndefined();
    expect(data?.imageStreamImage.image).toMatchObject({
      digest: amd64,
      isManifestList: false,
      vulnerabilityReport: { scanner: 'trivy' },
    });
    // The gateway read the image upstream as the caller, once; the scanner got the same token.
    expect(
      stack.simulator.requests.count({ path: /\/imagestreamimages\//, user: 'developer' }),
    ).toBe(1);
    expect(stack.upstreamGets()).toBe(1);
    expect(scanner.authorizations).toEqual([`Bearer ${stack.simulator.token('developer')}`]);
  });

  it('gives a caller without access FORBIDDEN through the federation, not data', async () => {
    const { data, errors } = await throughHive<{ imageStreamImage: unknown }>(
      `{ imageStreamImage(namespace: "${demo}", name: "ubuntu@${amd64}") {
           image { digest vulnerabilityReport { critical } } } }`,
      'teamb',
    );
    expect(data?.imageStreamImage ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.simulator.requests.count({ user: 'teamb', status: 403 })).toBe(1);
  });

  it("resolves the other subgraph's Image references through the caller's own reads only", async () => {
    // A digest no other test of this file reads (the gateway remembers reads per caller).
    const digest = DEMO.digests.python;
    scanner.flagged.splice(0, scanner.flagged.length, digest);
    const flagged = `{ flaggedImages { digest layerCount vulnerabilityReport { critical } } }`;

    // Never read by this caller: the gateway refuses to resolve the digest, and asks no one.
    const before = await throughHive<{ flaggedImages: ImageWithReport[] | null }>(
      flagged,
      'developer',
    );
    expect(before.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.upstreamGets()).toBe(0);

    // After the caller read it through its stream, the same query resolves, from the cache.
    await throughHive(
      `{ imageStreamImage(namespace: "${demo}", name: "python@${digest}") { image { digest } } }`,
      'developer',
    );
    const after = await throughHive<{ flaggedImages: ImageWithReport[] }>(flagged, 'developer');
    expect(after.errors).toBeUndefined();
    expect(after.data?.flaggedImages[0]).toMatchObject({ digest });
    expect(after.data?.flaggedImages[0]?.layerCount).toBeGreaterThan(0);
    expect(stack.upstreamGets()).toBe(1);

    // Another caller's read proves nothing for teamb.
    const other = await throughHive<{ flaggedImages: unknown }>(flagged, 'teamb');
    expect(other.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.upstreamGets()).toBe(1);
  });
});

describe('Hive Gateway without propagateHeaders', () => {
  it('forwards no Authorization, so pass-through auth fails as UNAUTHENTICATED (why the README line matters)', async () => {
    const bare = createGatewayRuntime({
      supergraph: supergraphSdl,
      transports: { http: httpTransport },
      logging: false,
    });
    try {
      const response = await bare.fetch('http://hive/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${stack.simulator.token('developer')}`,
        },
        body: JSON.stringify({
          query: `{ imageStreamImage(namespace: "${demo}", name: "ubuntu@${amd64}") { image { digest } } }`,
        }),
      });
      const body = (await response.json()) as {
        errors?: { extensions?: Record<string, unknown> }[];
      };
      expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(stack.upstreamGets()).toBe(0);
    } finally {
      await bare[Symbol.asyncDispose]();
    }
  });
});
