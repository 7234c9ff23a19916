/**
 * Every upstream field is reachable under its JSON name with the upstream value: a query that
 * selects every field of the schema is compared, key by key, with the example documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import {
  imageStreamImageOf,
  createFakeLoaders,
  execute,
  fixtures,
  introspectTypes,
  namedType,
  type IntrospectionType,
} from '../../support/resolver-harness.js';

/** A selection set of every field without arguments, not following `ImageManifest.image`. */
function selectAll(types: Map<string, IntrospectionType>, typeName: string): string {
  const fields = (types.get(typeName)?.fields ?? [])
    .filter((field) => field.args.length === 0)
    .filter((field) => !(typeName === 'ImageManifest' && field.name === 'image'))
    // The stream is another upstream object (navigation), with its own tests.
    .filter((field) => !(typeName === 'ImageStreamImage' && field.name === 'imageStream'))
    .map((field) => {
      const named = namedType(field.type);
      return named.kind === 'OBJECT' && named.name !== null
        ? `${field.name} ${selectAll(types, named.name)}`
        : field.name;
    });
  return `{ ${fields.join(' ')} }`;
}

let QUERY = '';
beforeAll(async () => {
  const types = new Map((await introspectTypes()).map((type) => [type.name, type]));
  QUERY = `query ($namespace: String!, $name: String!) {
    imageStreamImage(namespace: $namespace, name: $name) ${selectAll(types, 'ImageStreamImage')}
  }`;
});

/** Upstream maps: string maps become sorted entries, set-like maps sorted keys. */
const STRING_MAPS = new Set(['labels', 'annotations', 'signedClaims', 'Labels']);
const SET_MAPS = new Set(['ExposedPorts', 'Volumes']);

/** Asserts every key of `upstream` appears in `actual` under the same name with the same value. */
function expectUpstreamKeys(actual: unknown, upstream: unknown, path: string): void {
  if (Array.isArray(upstream)) {
    expect(Array.isArray(actual), path).toBe(true);
    const items = actual as unknown[];
    expect(items, path).toHaveLength(upstream.length);
    upstream.forEach((item, i) => expectUpstreamKeys(items[i], item, `${path}[${i}]`));
    return;
  }
  if (typeof upstream === 'object' && upstream !== null) {
    expect(typeof actual, path).toBe('object');
    const record = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(upstream)) {
      const here = `${path}.${key}`;
      expect(Object.keys(record), `${here} is selectable`).toContain(key);
      if (STRING_MAPS.has(key)) {
        const entries = Object.entries(value as Record<string, string>)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => ({ key: k, value: v }));
        // Each entry also has its own `id` (for client caches): compare keys and values.
        const actualEntries = (record[key] as { key: string; value: string }[]).map(
          ({ key: k, value: v }) => ({ key: k, value: v }),
        );
        expect(actualEntries, here).toEqual(entries);
      } else if (SET_MAPS.has(key)) {
        expect(record[key], here).toEqual(Object.keys(value as object).sort());
      } else {
        expectUpstreamKeys(record[key], value, here);
      }
    }
    return;
  }
  expect(actual, path).toEqual(upstream);
}

const documents: [string, () => ImageStreamImageResource][] = [
  ['a manifest-list child (docker v2)', fixtures.childViaList],
  ['a manifest list', fixtures.manifestList],
  ['an image with signatures', () => imageStreamImageOf(fixtures.imageWithSignatures())],
  ['a real OCI image pushed to the registry', () => imageStreamImageOf(fixtures.ociPushed())],
];

describe('upstream fields under their JSON names', () => {
  it.each(documents)('returns every field of %s with the upstream value', async (_label, make) => {
    const doc = make();
    const { loaders } = createFakeLoaders([doc]);
    const result = await execute<{ imageStreamImage: Record<string, unknown> }>(loaders, QUERY, {
      namespace: doc.metadata.namespace,
      name: doc.metadata.name,
    });
    expect(result.errors).toBeUndefined();
    const isi = result.data?.imageStreamImage;
    expectUpstreamKeys(isi, doc, 'imageStreamImage');
    // Raw metadata is the upstream object as sent.
    expect((isi?.['image'] as Record<string, unknown>)['dockerImageMetadataRaw']).toEqual(
      doc.image.dockerImageMetadata,
    );
  });

  it('returns null, not an empty value, for fields the API omitted', async () => {
    const doc = fixtures.manifestList();
    const { loaders } = createFakeLoaders([doc]);
    const result = await execute(loaders, QUERY, { namespace: 'demo', name: doc.metadata.name });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      imageStreamImage: {
        metadata: { uid: null, resourceVersion: null, labels: null },
        image: {
          kind: null,
          apiVersion: null,
          dockerImageLayers: null,
          signatures: null,
          dockerImageSignatures: null,
          dockerImageManifest: null,
          dockerImageConfig: null,
          metadata: { namespace: null, labels: null, annotations: null },
          dockerImageMetadata: {
            Architecture: null,
            Size: null,
            Config: null,
            ContainerConfig: { Env: null, Labels: null, ExposedPorts: null },
          },
        },
      },
    });
  });

  it('keeps an empty upstream list as [] and an empty map as [] (distinct from absent)', async () => {
    const doc = imageStreamImageOf({
      ...fixtures.imageWithSignatures(),
      dockerImageLayers: [],
      signatures: [],
      metadata: { name: 'sha256:abc', labels: {} },
    });
    const { loaders } = createFakeLoaders([doc]);
    const result = await execute(
      loaders,
      `{ imageStreamImage(namespace: "demo", name: "ubuntu@sha256:abc") {
        image { dockerImageLayers { name } signatures { type } layerCount totalLayerSize metadata { labels { key } annotations { key } } }
      } }`,
    );
    expect(result).toEqual({
      data: {
        imageStreamImage: {
          image: {
            dockerImageLayers: [],
            signatures: [],
            layerCount: 0,
            totalLayerSize: 0,
            metadata: { labels: [], annotations: null },
          },
        },
      },
    });
  });
});
