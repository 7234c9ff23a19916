/**
 * Issue #10, item 1: proofs of readability. A caller's own read of a manifest list through a
 * stream proves its children readable through that stream; the mutable parts of a digest come
 * from the freshest read of anyone; nothing weaker proves anything. GETs counted by the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { manifestListQuery } from '../../support/queries.js';

const { demo } = DEMO.namespaces;
const { manifestList, amd64, arm64 } = DEMO.digests;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const childQuery = (id: string, stream: string = DEMO.streams.ubuntu) => `{
  imageStreamImage(namespace: "${demo}", name: "${stream}@${id}") {
    metadata { name namespace annotations { key value } }
    image { digest layerCount signatures { metadata { name } } }
  }
}`;

interface ChildResult {
  imageStreamImage: {
    metadata: {
      name: string;
      namespace: string;
      annotations: { key: string; value: string }[] | null;
    };
    image: {
      digest: string;
      layerCount: number;
      signatures: { metadata: { name: string } }[] | null;
    };
  } | null;
}

function addReader(stack: Stack, name: string): string {
  stack.simulator.addUser({ name, namespaces: [demo] });
  return stack.simulator.token(name);
}

describe('proofs of readability', () => {
  it('serves another caller a cached manifest list and its N cached children for 1 GET', async () => {
    stack = await startStack();
    const query = manifestListQuery(demo, DEMO.streams.ubuntu, manifestList);
    const first = await stack.query(query);
    expect(first.errors).toBeUndefined();
    const children = 2;
    expect(stack.upstreamGets()).toBe(1 + children);
    const other = await stack.query(query, { token: addReader(stack, 'reader') });
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual(first.data);
    expect(stack.upstreamGets()).toBe(1 + children + 1);
  });

  it("serves a child asked for directly with 0 GETs after the caller's own list read, with the stream's annotations", async () => {
    stack = await startStack();
    stack.simulator.setStreamAnnotations(demo, DEMO.streams.ubuntu, { owner: 'demo-team' });
    await stack.query(manifestListQuery(demo, DEMO.streams.ubuntu, manifestList));
    const gets = stack.upstreamGets();
    const child = await stack.query<ChildResult>(childQuery(arm64));
    expect(stack.upstreamGets()).toBe(gets);
    // What the API server itself would answer (read with a cold cache by the admin).
    const truth = await stack.query<ChildResult>(childQuery(arm64), {
      token: stack.simulator.token(DEMO.users.admin),
    });
    expect(child.errors).toBeUndefined();
    expect(child.data).toEqual(truth.data);
    expect(child.data?.imageStreamImage?.metadata.annotations).toEqual([
      { key: 'owner', value: 'demo-team' },
    ]);
  });

  it('proves nothing through another stream, another caller, or a failure', async () => {
    stack = await startStack();
    await stack.query(manifestListQuery(demo, DEMO.streams.ubuntu, manifestList));
    let gets = stack.upstreamGets();
    // The child is not in demo/python: the API server says so, never the cache.
    const elsewhere = await stack.query<ChildResult>(childQuery(arm64, DEMO.streams.python));
    expect(elsewhere.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(stack.upstreamGets()).toBe(gets + 1);
    gets += 1;
    // Someone else's read of the list proves nothing for a new caller asking for a child.
    const other = await stack.query<ChildResult>(childQuery(arm64), {
      token: addReader(stack, 'newcomer'),
    });
    expect(other.data?.imageStreamImage?.image.digest).toBe(arm64);
    expect(stack.upstreamGets()).toBe(gets + 1);
    gets += 1;
    // A caller without access to the namespace gets FORBIDDEN from the API server, every time.
    for (let i = 0; i < 2; i += 1) {
      const intruder = await stack.query<ChildResult>(childQuery(arm64), {
        token: stack.simulator.token(DEMO.users.teamB),
      });
      expect(intruder.data?.imageStreamImage).toBeNull();
      expect(intruder.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(stack.upstreamGets()).toBe(gets + 2);
  });

  it('serves every caller the freshest signatures anyone read, never older than the TTL', async () => {
    stack = await startStack();
    const query = childQuery(amd64);
    const before = await stack.query<ChildResult>(query);
    const count = before.data?.imageStreamImage?.image.signatures?.length ?? 0;
    const added = stack.simulator.addSignatureText(amd64, 'signed later');
    // A second caller reads after the change: the cache now holds the newer Image.
    const fresh = await stack.query<ChildResult>(query, { token: addReader(stack, 'later') });
    expect(fresh.data?.imageStreamImage?.image.signatures).toHaveLength(count + 1);
    // The first caller's warm repeat (0 GETs) shows the newer signatures too.
    const gets = stack.upstreamGets();
    const warm = await stack.query<ChildResult>(query);
    expect(stack.upstreamGets()).toBe(gets);
    expect(warm.data?.imageStreamImage?.image.signatures?.map((s) => s.metadata.name)).toContain(
      added.metadata?.name,
    );
  });
});
