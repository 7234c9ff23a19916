import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPersistedOperations, sha256Hex } from '../../../src/server/persisted-operations.js';
import { digestOf } from '../../support/factories.js';
import { createClientGateway, imageClient } from '../../support/fake-gateway.js';

const digest = digestOf('persisted-test');
const LISTED = `query Listed { imageStreamImage(namespace: "demo", name: "ubuntu@${digest}") { image { digest } } }`;
const OTHER = `query Other { imageStreamImage(namespace: "demo", name: "other@${digest}") { metadata { name } } }`;

const dir = mkdtempSync(join(tmpdir(), 'persisted-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** Writes `content` (a string as is, anything else as JSON) to a fresh file and returns its path. */
function file(content: unknown): string {
  const path = join(dir, `operations-${(files += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function gateway(env: Record<string, string>) {
  let upstreamCalls = 0;
  const server = await createClientGateway(
    imageClient(digest, () => {
      upstreamCalls += 1;
    }),
    { env },
  );
  const post = async (payload: Record<string, unknown>) => {
    const response = await server.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~alice' },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };
  const persisted = (hash: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });
  return { post, persisted, upstreamCalls: () => upstreamCalls };
}

describe('automatic persisted queries (PERSISTED_OPERATIONS_MODE=apq)', () => {
  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers the document sent with it, then runs it by hash', async () => {
    const { post, persisted, upstreamCalls } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const hash = sha256Hex(LISTED);

    const miss = await post(persisted(hash));
    expect(miss.body.data).toBeUndefined();
    expect(miss.body.errors).toEqual([
      { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    expect(upstreamCalls()).toBe(0);

    const register = await post({ query: LISTED, ...persisted(hash) });
    expect(register.body).toEqual({ data: { imageStreamImage: { image: { digest } } } });

    const hit = await post(persisted(hash));
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual({ data: { imageStreamImage: { image: { digest } } } });
  });

  it('accepts the hash in upper case, as the same operation', async () => {
    const { post, persisted } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const hash = sha256Hex(LISTED);
    await post({ query: LISTED, ...persisted(hash.toUpperCase()) });
    expect((await post(persisted(hash))).body.errors).toBeUndefined();
  });

  it('rejects a document whose sha256 is not the hash sent, and does not register it', async () => {
    const { post, persisted, upstreamCalls } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const hash = sha256Hex(LISTED);
    const mismatch = await post({ query: OTHER, ...persisted(hash) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(upstreamCalls()).toBe(0);
    const after = await post(persisted(hash));
    expect(after.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('rejects an unsupported protocol version with BAD_REQUEST', async () => {
    const { post } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const { body } = await post({
      query: LISTED,
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256Hex(LISTED) } },
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('does not register a document that fails validation', async () => {
    const { post, persisted } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const invalid = '{ imageStreamImage(namespace: "demo", name: "x@y") { noSuchField } }';
    const hash = sha256Hex(invalid);
    const first = await post({ query: invalid, ...persisted(hash) });
    expect(first.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const again = await post(persisted(hash));
    expect(again.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still runs arbitrary documents sent without a hash', async () => {
    const { post } = await gateway({ PERSISTED_OPERATIONS_MODE: 'apq' });
    const { body } = await post({ query: LISTED });
    expect(body).toEqual({ data: { imageStreamImage: { image: { digest } } } });
  });

  it('serves operations pre-registered from PERSISTED_OPERATIONS_FILE by hash', async () => {
    const hash = sha256Hex(LISTED);
    const { post, persisted } = await gateway({
      PERSISTED_OPERATIONS_MODE: 'apq',
      PERSISTED_OPERATIONS_FILE: file({ [hash]: LISTED }),
    });
    expect((await post(persisted(hash))).body.errors).toBeUndefined();
  });

  it('is the default mode', async () => {
    const { post, persisted } = await gateway({});
    const hash = sha256Hex(LISTED);
    const miss = await post(persisted(hash));
    expect(miss.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post({ query: LISTED, ...persisted(hash) });
    expect((await post(persisted(hash))).body).toEqual({
      data: { imageStreamImage: { image: { digest } } },
    });
  });
});

describe('persisted queries off (PERSISTED_OPERATIONS_MODE=off)', () => {
  it('answers a hash-only request with PersistedQueryNotSupported, so Apollo clients fall back', async () => {
    const { post, persisted, upstreamCalls } = await gateway({ PERSISTED_OPERATIONS_MODE: 'off' });
    const hashOnly = await post(persisted(sha256Hex(LISTED)));
    expect(hashOnly.status).toBe(400);
    expect(hashOnly.body).toEqual({
      errors: [
        {
          message: 'PersistedQueryNotSupported',
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
        },
      ],
    });
    expect(upstreamCalls()).toBe(0);
  });

  it('runs a document sent with any hash as a plain document, and never registers it', async () => {
    const { post, persisted } = await gateway({ PERSISTED_OPERATIONS_MODE: 'off' });
    const mismatch = await post({ query: LISTED, ...persisted(sha256Hex(OTHER)) });
    expect(mismatch.body.errors).toBeUndefined();
    await post({ query: LISTED, ...persisted(sha256Hex(LISTED)) });
    const again = await post(persisted(sha256Hex(LISTED)));
    expect(again.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});

describe('safelist (PERSISTED_OPERATIONS_MODE=safelist)', () => {
  const hash = sha256Hex(LISTED);
  const safelist = () =>
    gateway({
      PERSISTED_OPERATIONS_MODE: 'safelist',
      PERSISTED_OPERATIONS_FILE: file({ [hash]: LISTED }),
    });

  it('runs a listed operation by hash', async () => {
    const { post, persisted } = await safelist();
    const { body } = await post(persisted(hash));
    expect(body).toEqual({ data: { imageStreamImage: { image: { digest } } } });
  });

  it('rejects an arbitrary document with PERSISTED_QUERY_NOT_ALLOWED before any upstream call', async () => {
    const { post, upstreamCalls } = await safelist();
    const { status, body } = await post({ query: OTHER });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(upstreamCalls()).toBe(0);
  });

  it('rejects the listed document itself when sent without its hash', async () => {
    const { post } = await safelist();
    const { body } = await post({ query: LISTED });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('runs a listed document sent in full with its hash (clients that always send both)', async () => {
    const { post, persisted } = await safelist();
    const { body } = await post({ query: LISTED, ...persisted(hash) });
    expect(body.errors).toBeUndefined();
  });

  it('never registers: an unlisted document sent with its own hash stays rejected', async () => {
    const { post, persisted, upstreamCalls } = await safelist();
    const otherHash = sha256Hex(OTHER);
    const register = await post({ query: OTHER, ...persisted(otherHash) });
    expect(register.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const byHash = await post(persisted(otherHash));
    expect(byHash.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(upstreamCalls()).toBe(0);
  });

  it('answers a request with neither a document nor a hash with BAD_REQUEST', async () => {
    const { post } = await safelist();
    const { body } = await post({ variables: {} });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('fails start-up when the file is invalid', async () => {
    await expect(
      gateway({
        PERSISTED_OPERATIONS_MODE: 'safelist',
        PERSISTED_OPERATIONS_FILE: file({ [sha256Hex(OTHER)]: LISTED }),
      }),
    ).rejects.toThrow(/is not the sha256 of its document/);
  });
});

describe('loadPersistedOperations', () => {
  it('returns the map, keyed by lower-case hash', () => {
    const operations = loadPersistedOperations(
      file({ [sha256Hex(LISTED).toUpperCase()]: LISTED, [sha256Hex(OTHER)]: OTHER }),
    );
    expect([...operations]).toEqual([
      [sha256Hex(LISTED), LISTED],
      [sha256Hex(OTHER), OTHER],
    ]);
  });

  it('lists every bad entry in one INVALID_CONFIGURATION error', () => {
    const path = file({
      [sha256Hex(LISTED)]: LISTED,
      [sha256Hex(OTHER)]: LISTED,
      'not-a-hash': OTHER,
      [sha256Hex('{ broken')]: '{ broken',
      [sha256Hex('42')]: 42,
    });
    let thrown: unknown;
    try {
      loadPersistedOperations(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_CONFIGURATION' });
    const { problems } = thrown as { problems: string[] };
    expect(problems).toHaveLength(4);
    expect(problems).toEqual([
      expect.stringContaining(
        `${sha256Hex(OTHER)} is not the sha256 of its document (which hashes to ${sha256Hex(LISTED)})`,
      ),
      expect.stringContaining("key 'not-a-hash' is not a sha256 hash"),
      expect.stringContaining('is not valid GraphQL'),
      expect.stringContaining('must be a string, but got: number'),
    ]);
    expect(problems[0]).toContain(path);
  });

  it('rejects a file that is not a JSON object', () => {
    expect(() => loadPersistedOperations(file('[]'))).toThrow(
      /must be a JSON object mapping sha256 hashes to documents, but got: an array/,
    );
    expect(() => loadPersistedOperations(file('{ nope'))).toThrow(/is not valid JSON/);
  });

  it('rejects a missing file, naming the variable and the path', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadPersistedOperations(missing)).toThrow(
      `PERSISTED_OPERATIONS_FILE (${missing}) cannot be read (ENOENT)`,
    );
  });
});
