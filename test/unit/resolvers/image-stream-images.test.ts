/** `Query.imageStreamImage(s)`: name parsing, per-name errors at their index, loader use. */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import {
  imageStreamImageOf,
  createFakeLoaders,
  execute,
  fixtures,
} from '../../support/resolver-harness.js';

const AMD64 = 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0';
const ARM64 = 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950';

const documents = () => [
  fixtures.childViaList(),
  imageStreamImageOf(fixtures.imageWithSignatures()),
];

const MANY = `query ($names: [String!]!) {
  imageStreamImages(namespace: "demo", names: $names) {
    metadata { name namespace } stream requestedId image { digest }
  }
}`;

describe('Query.imageStreamImages', () => {
  it('returns null with its own error for a malformed name and for a failed load, siblings unaffected', async () => {
    const fake = createFakeLoaders(documents());
    fake.failures.set(`demo/ubuntu@${AMD64}`, new GatewayError('UPSTREAM_TIMEOUT', 'timed out'));
    const result = await execute(fake.loaders, MANY, {
      names: [`ubuntu@${ARM64}`, 'ubuntu', `ubuntu@${AMD64}`, 'ubuntu@1a06d68cb911', 'a@b@c'],
    });
    expect(result.data).toEqual({
      imageStreamImages: [
        {
          metadata: { name: `ubuntu@${ARM64}`, namespace: 'demo' },
          stream: 'ubuntu',
          requestedId: ARM64,
          image: { digest: ARM64 },
        },
        null,
        null,
        {
          metadata: { name: 'ubuntu@1a06d68cb911', namespace: 'demo' },
          stream: 'ubuntu',
          requestedId: '1a06d68cb911',
          image: { digest: ARM64 },
        },
        null,
      ],
    });
    const byIndex = Object.fromEntries(
      (result.errors ?? []).map((error) => [String(error.path?.[1]), error.extensions?.code]),
    );
    expect(byIndex).toEqual({ 1: 'BAD_USER_INPUT', 2: 'UPSTREAM_TIMEOUT', 4: 'BAD_USER_INPUT' });
    for (const error of result.errors ?? []) {
      expect(error.path).toHaveLength(2);
      expect(error.path?.[0]).toBe('imageStreamImages');
    }
    // Malformed names never reach the loader.
    expect(fake.requested.map((ref) => `${ref.stream}@${ref.id}`)).toEqual([
      `ubuntu@${ARM64}`,
      `ubuntu@${AMD64}`,
      'ubuntu@1a06d68cb911',
    ]);
  });

  it('returns an empty list for no names, without loading anything', async () => {
    const fake = createFakeLoaders(documents());
    const result = await execute(fake.loaders, MANY, { names: [] });
    expect(result).toEqual({ data: { imageStreamImages: [] } });
    expect(fake.requested).toEqual([]);
  });

  it('asks the per-request loader once for a name given twice', async () => {
    const fake = createFakeLoaders(documents());
    const result = await execute(fake.loaders, MANY, {
      names: [`ubuntu@${ARM64}`, `ubuntu@${ARM64}`],
    });
    expect(result.errors).toBeUndefined();
    expect(fake.requested).toHaveLength(1);
  });
});

describe('Query.imageStreamImage', () => {
  const ONE = `query ($namespace: String!, $name: String!) {
    imageStreamImage(namespace: $namespace, name: $name) { stream requestedId image { digest } }
  }`;

  it.each(['ubuntu', 'ubuntu@', '@sha256:abc', 'a@b@c'])(
    'answers BAD_USER_INPUT for %j without a loader call',
    async (name) => {
      const fake = createFakeLoaders(documents());
      const result = await execute(fake.loaders, ONE, { namespace: 'demo', name });
      expect(result.data).toEqual({ imageStreamImage: null });
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: ['imageStreamImage'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'name' },
        }),
      ]);
      expect(fake.requested).toEqual([]);
    },
  );

  it('passes namespace, stream and id exactly as sent to the loader', async () => {
    const fake = createFakeLoaders(documents());
    const result = await execute(fake.loaders, ONE, {
      namespace: 'demo',
      name: 'ubuntu@1a06d68cb911',
    });
    expect(fake.requested).toEqual([{ namespace: 'demo', stream: 'ubuntu', id: '1a06d68cb911' }]);
    expect(result.data).toEqual({
      imageStreamImage: { stream: 'ubuntu', requestedId: '1a06d68cb911', image: { digest: ARM64 } },
    });
  });

  it('returns the loader error (NOT_FOUND) with a null result', async () => {
    const fake = createFakeLoaders(documents());
    const result = await execute(fake.loaders, ONE, { namespace: 'demo', name: 'ubuntu@ffff' });
    expect(result.data).toEqual({ imageStreamImage: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
