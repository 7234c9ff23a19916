/**
 * Issue #10, item 1, stream pages: a caller's own read of an ImageStream listing a digest, plus a
 * positive decision for `get imagestreamimages` in that namespace (their own ImageStreamImage read
 * there, or ONE SelfSubjectAccessReview per caller, namespace and TTL, sent with their credential),
 * serves the cached image without its GET. The stream read is made here with the caller's token and
 * recorded with `noteStreamRead`, exactly what the navigation loaders do after each stream read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { credentialIdentity } from '../../../src/loaders/image-cache.js';
import { noteStreamRead, type ImageStreamReadShape } from '../../../src/loaders/stream-proofs.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const { appV1, appV2, appV3 } = DEMO.digests;
const stream = DEMO.streams.app;
const page = [appV1, appV2, appV3];

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const pageQuery = `{
  imageStreamImages(namespace: "${demo}", names: [${page.map((d) => `"${stream}@${d}"`).join(', ')}]) {
    metadata { name namespace creationTimestamp annotations { key value } }
    image { digest layerCount dockerImageReference signatures { metadata { name } } }
  }
}`;

interface PageResult {
  imageStreamImages: ({ image: { digest: string } } | null)[];
}

/** The caller's own read of the stream, recorded as the navigation loader records it. */
async function readStream(stack: Stack, token: string): Promise<number> {
  const response = await fetch(
    `${stack.simulator.url}/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams/${stream}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (response.status === 200) {
    const resource = (await response.json()) as ImageStreamReadShape;
    noteStreamRead(stack.gateway.cache, credentialIdentity(token), demo, resource);
  }
  return response.status;
}

const reviews = (stack: Stack): number =>
  stack.simulator.requests.count({ path: /selfsubjectaccessreviews/, method: 'POST' });

function reader(stack: Stack, name: string): string {
  stack.simulator.addUser({ name, namespaces: [demo] });
  return stack.simulator.token(name);
}

describe('stream-page proofs', () => {
  it('costs a new caller at most 2 upstream requests for a page of cached images: their stream read and one access review', async () => {
    stack = await startStack();
    stack.simulator.setStreamAnnotations(demo, stream, { team: 'apps' });
    const warm = await stack.query<PageResult>(pageQuery);
    expect(warm.errors).toBeUndefined();
    expect(stack.upstreamGets()).toBe(page.length);
    const token = reader(stack, 'newcomer');
    stack.simulator.requests.reset();
    expect(await readStream(stack, token)).toBe(200);
    const served = await stack.query<PageResult>(pageQuery, { token });
    expect(served.errors).toBeUndefined();
    // Exactly what the API server answers this caller (read with a fresh gateway cache).
    expect(stack.simulator.requests.count()).toBe(2);
    expect(reviews(stack)).toBe(1);
    expect(stack.upstreamGets()).toBe(0);
    stack.gateway.cache.clear();
    const truth = await stack.query<PageResult>(pageQuery, { token });
    expect(served.data).toEqual(truth.data);
    // The positive decision lasts the TTL: the next page costs nothing more.
    await readStream(stack, token);
    stack.simulator.requests.reset();
    await stack.query(pageQuery, { token });
    expect(stack.simulator.requests.count()).toBe(0);
  });

  it("needs no review when the caller's own image read in the namespace already decided", async () => {
    stack = await startStack();
    await stack.query(pageQuery);
    const token = reader(stack, 'reader');
    await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "${DEMO.streams.python}@${DEMO.digests.python}") { image { digest } } }`,
      { token },
    );
    await readStream(stack, token);
    stack.simulator.requests.reset();
    const served = await stack.query<PageResult>(pageQuery, { token });
    expect(served.errors).toBeUndefined();
    expect(stack.simulator.requests.count()).toBe(0);
  });

  it('answers FORBIDDEN per image to a caller with stream rights but no image rights, asking the API server each time', async () => {
    stack = await startStack();
    await stack.query(pageQuery);
    const token = stack.simulator.token(DEMO.users.viewerStreamsOnly);
    for (let round = 0; round < 2; round += 1) {
      expect(await readStream(stack, token)).toBe(200);
      stack.simulator.requests.reset();
      const denied = await stack.query<PageResult>(pageQuery, { token });
      expect(denied.data?.imageStreamImages).toEqual(page.map(() => null));
      expect(denied.errors?.map((e) => e.extensions?.['code'])).toEqual(
        page.map(() => 'FORBIDDEN'),
      );
      // One review (denied, never stored), then each image asked for: the API server says no.
      expect(reviews(stack)).toBe(1);
      expect(stack.upstreamGets()).toBe(page.length);
    }
  });

  it('proves nothing from a stream read alone, or from a stream that does not list the digest', async () => {
    stack = await startStack();
    await stack.query(pageQuery);
    const token = reader(stack, 'partial');
    await readStream(stack, token);
    stack.simulator.requests.reset();
    // python is not in demo/app: no proof, no review, the API server answers (404).
    const other = await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "${stream}@${DEMO.digests.python}") { image { digest } } }`,
      { token },
    );
    expect(other.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(reviews(stack)).toBe(0);
    expect(stack.upstreamGets()).toBe(1);
    // Without the stream read, the page is read image by image.
    const fresh = reader(stack, 'no-stream-read');
    stack.simulator.requests.reset();
    await stack.query(pageQuery, { token: fresh });
    expect(reviews(stack)).toBe(0);
    expect(stack.upstreamGets()).toBe(page.length);
  });
});
