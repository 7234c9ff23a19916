/**
 * Every schema field against the data: the gateway, queried for every field of ImageStreamImage
 * (selection built from introspection of the live schema), must answer exactly what the simulator
 * sends for the same ImageStreamImage, and every derived field must equal what the test computes
 * from that raw JSON on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  buildSignature,
  createDataset,
  type ImageSignatureResource,
} from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import {
  compareObject,
  expectedVerificationState,
  type CompareContext,
  type Mismatch,
  type RawObject,
} from '../../support/compare-to-raw.js';
import { at, leaves, perturbed, withLeaf } from '../../support/json.js';
import {
  introspect,
  printSelection,
  selectEveryField,
  type Selection,
  type SelectedField,
} from '../../support/selection.js';
import { fetchRawImageStreamImage } from '../../support/simulator-reads.js';

const { demo } = DEMO.namespaces;
const d = DEMO.digests;
/** `sha256:` plus 12 hex: a prefix of the OCI app image that no other image of demo/app shares. */
const partialId = d.appV3.slice(0, 'sha256:'.length + 12);

let stack: Stack;
let token: string;
let selection: Selection;
let everyFieldQuery: string;

beforeAll(async () => {
  // Selecting every field of an image and of its manifest children is an instrument, not a
  // production query: it has far more tokens than the default MAX_QUERY_TOKENS. Its field cost
  // (about 2,400) and upstream cost are within the defaults.
  stack = await startStack({ env: { MAX_QUERY_TOKENS: '20000' } });
  token = stack.simulator.token(DEMO.users.developer);
  selection = selectEveryField(await introspect(stack), 'ImageStreamImage');
  everyFieldQuery = `query EveryField($namespace: String!, $name: String!) {
    imageStreamImage(namespace: $namespace, name: $name) { ${printSelection(selection.fields)} }
  }`;
});
afterAll(() => stack.close());

/** The raw ImageStreamImage and, for a manifest list, each child's through the same stream. */
async function rawWithChildren(name: string): Promise<{ raw: RawObject; ctx: CompareContext }> {
  const raw = await fetchRawImageStreamImage(stack.simulator, token, demo, name);
  const stream = name.slice(0, name.indexOf('@'));
  const manifests = at(raw, ['image', 'dockerImageManifests']);
  const rawChildren = new Map<string, RawObject>();
  for (const manifest of Array.isArray(manifests) ? manifests : []) {
    const digest = String(at(manifest, ['digest']));
    rawChildren.set(
      digest,
      await fetchRawImageStreamImage(stack.simulator, token, demo, `${stream}@${digest}`),
    );
  }
  return { raw, ctx: { rawChildren } };
}

async function queryEveryField(
  name: string,
  headers: Record<string, string> = {},
): Promise<{ isi: RawObject; stats: unknown }> {
  const result = await stack.query<{ imageStreamImage: RawObject }>(everyFieldQuery, {
    variables: { namespace: demo, name },
    headers,
  });
  expect(result.errors).toBeUndefined();
  const isi = result.data?.imageStreamImage;
  if (isi === undefined) throw new Error('no imageStreamImage in the response');
  return { isi, stats: result.extensions?.['stats'] };
}

const compare = (isi: RawObject, raw: RawObject, ctx: CompareContext): Mismatch[] =>
  compareObject('ImageStreamImage', selection.fields, isi, raw, '', ctx);

interface FieldCase {
  readonly what: string;
  readonly name: string;
  /** Shows the case exercises what it claims (the comparison alone passes on any data). */
  readonly check: (isi: RawObject) => void;
}

const CASES: readonly FieldCase[] = [
  {
    what: 'the manifest list, with both children through dockerImageManifests.image',
    name: `ubuntu@${d.manifestList}`,
    check: (isi) => {
      expect(at(isi, ['image', 'isManifestList'])).toBe(true);
      expect(at(isi, ['image', 'dockerImageLayers'])).toBeNull();
      expect(at(isi, ['image', 'platforms'])).toEqual([
        { id: expect.any(String) as unknown, os: 'linux', architecture: 'amd64', variant: null },
        { id: expect.any(String) as unknown, os: 'linux', architecture: 'arm64', variant: 'v8' },
      ]);
      expect(at(isi, ['image', 'dockerImageManifests', 1, 'image', 'digest'])).toBe(d.arm64);
    },
  },
  {
    what: 'the amd64 child, with a trusted and an unverified signature',
    name: `ubuntu@${d.amd64}`,
    check: (isi) => {
      const signatures = at(isi, ['image', 'signatures']) as RawObject[];
      expect(signatures.map((s) => s.verificationState)).toEqual(['VERIFIED', 'UNVERIFIED']);
      expect(at(signatures, [0, 'signedClaims', 0, 'key'])).toBe('docker-reference');
    },
  },
  {
    what: 'the arm64 (v8) child, reachable only through the list',
    name: `ubuntu@${d.arm64}`,
    check: (isi) => {
      expect(at(isi, ['image', 'platform'])).toEqual({
        id: expect.any(String) as unknown,
        os: null,
        architecture: 'arm64',
        variant: null,
      });
      expect(at(isi, ['image', 'dockerImageManifests'])).toBeNull();
    },
  },
  {
    what: 'the real python docker-v2 image',
    name: `python@${d.python}`,
    check: (isi) => {
      expect(at(isi, ['image', 'dockerImageManifestMediaType'])).toBe(
        'application/vnd.docker.distribution.manifest.v2+json',
      );
      expect(at(isi, ['image', 'layerCount'])).toBeGreaterThan(1);
    },
  },
  {
    what: 'the real OCI image pushed by a build, with labels, annotations and ExposedPorts',
    name: `python-app@${d.ociPushed}`,
    check: (isi) => {
      expect(at(isi, ['image', 'metadata', 'labels'])).toEqual([
        {
          id: expect.any(String) as unknown,
          key: 'app.kubernetes.io/name',
          value: 'basic-python-tekton',
        },
      ]);
      expect((at(isi, ['image', 'metadata', 'annotations']) as unknown[]).length).toBeGreaterThan(
        1,
      );
      expect(at(isi, ['image', 'dockerImageMetadata', 'Config', 'ExposedPorts'])).toEqual([
        '8080/tcp',
      ]);
      expect(
        (at(isi, ['image', 'dockerImageMetadata', 'Config', 'Labels']) as unknown[]).length,
      ).toBeGreaterThan(1);
    },
  },
  {
    what: 'the image with a 3 GiB layer (Int64 beyond 2^31 and 2^32, exact)',
    name: `bigdata@${d.bigData}`,
    check: (isi) => {
      const sizes = (at(isi, ['image', 'dockerImageLayers']) as RawObject[]).map((l) => l.size);
      expect(sizes).toContain(3 * 2 ** 30);
      expect(at(isi, ['image', 'totalLayerSize'])).toBeGreaterThan(2 ** 32);
      expect(at(isi, ['image', 'dockerImageMetadata', 'Size'])).toBeGreaterThan(2 ** 32);
    },
  },
  {
    what: 'a partial-digest lookup, whose metadata.name echoes the prefix',
    name: `app@${partialId}`,
    check: (isi) => {
      expect(at(isi, ['metadata', 'name'])).toBe(`app@${partialId}`);
      expect(at(isi, ['requestedId'])).toBe(partialId);
      expect(at(isi, ['image', 'digest'])).toBe(d.appV3);
    },
  },
  {
    what: 'an image stored with dockerImageManifest and dockerImageConfig, which the API strips',
    name: `app@${d.appV2}`,
    check: (isi) => {
      const stored = createDataset().images.find((image) => image.metadata.name === d.appV2);
      expect(stored?.dockerImageManifest).toMatch(/^\{/);
      expect(stored?.dockerImageConfig).toMatch(/^\{/);
      expect(at(isi, ['image', 'dockerImageManifest'])).toBeNull();
      expect(at(isi, ['image', 'dockerImageConfig'])).toBeNull();
    },
  },
];

describe('every schema field against the data', () => {
  it('selects every field of the live schema, leaving out only argument lookups and cycles', () => {
    // Argument lookups get their own test below; the cut keeps one level of manifest children.
    expect(selection.withArguments).toEqual([
      'DockerConfig.label',
      'ImageSignature.signedClaim',
      'ObjectMeta.annotation',
      'ObjectMeta.label',
    ]);
    expect(selection.cutForCycles).toEqual(['ImageManifest.image']);
    // The image's stream is another resource (test/integration/navigation covers it).
    expect(selection.toOtherResources).toEqual(['ImageStreamImage.imageStream']);
    expect(everyFieldQuery).toContain('dockerImageManifests { id digest');
  });

  for (const c of CASES) {
    it(`answers every field of ${c.what} as the API sent it, cold and from the cache`, async () => {
      const { raw, ctx } = await rawWithChildren(c.name);
      const cold = await queryEveryField(c.name);
      expect(compare(cold.isi, raw, ctx)).toEqual([]);
      c.check(cold.isi);

      const warm = await queryEveryField(c.name, { 'x-gateway-stats': '1' });
      expect(warm.stats).toMatchObject({ upstreamRequests: 0 });
      expect(compare(warm.isi, raw, ctx)).toEqual([]);
    });
  }

  it('derives verificationState from the conditions by the documented rule', async () => {
    const condition = (type: string, status: string) => ({
      type,
      status,
      lastProbeTime: '2024-05-03T08:00:00Z',
      lastTransitionTime: '2024-05-03T08:00:00Z',
    });
    const table: readonly [string, ImageSignatureResource['conditions'], string][] = [
      ['no conditions', undefined, 'UNVERIFIED'],
      ['Trusted Unknown', [condition('Trusted', 'Unknown')], 'UNVERIFIED'],
      [
        'Trusted and ForImage True',
        [condition('Trusted', 'True'), condition('ForImage', 'True')],
        'VERIFIED',
      ],
      [
        'Trusted False',
        [condition('Trusted', 'False'), condition('ForImage', 'True')],
        'UNTRUSTED',
      ],
      [
        'Trusted True, ForImage False',
        [condition('Trusted', 'True'), condition('ForImage', 'False')],
        'UNTRUSTED',
      ],
      ['Trusted True, no ForImage', [condition('Trusted', 'True')], 'UNTRUSTED'],
      [
        'Expired True on a verified signature',
        [condition('Trusted', 'True'), condition('ForImage', 'True'), condition('Expired', 'True')],
        'EXPIRED',
      ],
      [
        'Revoked True and Expired True',
        [condition('Expired', 'True'), condition('Revoked', 'True'), condition('Trusted', 'True')],
        'REVOKED',
      ],
      [
        'Revoked False and Expired False on a verified signature',
        [
          condition('Revoked', 'False'),
          condition('Expired', 'False'),
          condition('Trusted', 'True'),
          condition('ForImage', 'True'),
        ],
        'VERIFIED',
      ],
    ];
    // demo/app v1 is used by no other test of this file, so no cached view of it exists.
    for (const [label, conditions] of table) {
      stack.simulator.addSignature(
        d.appV1,
        buildSignature(d.appV1, `signature: ${label}`, conditions ? { conditions } : {}),
      );
    }
    const name = `app@${d.appV1}`;
    const { raw, ctx } = await rawWithChildren(name);
    const { isi } = await queryEveryField(name);
    expect(compare(isi, raw, ctx)).toEqual([]);
    const states = (at(isi, ['image', 'signatures']) as RawObject[]).map(
      (s) => s.verificationState,
    );
    expect(states).toEqual(table.map(([, , state]) => state));
    // The test's own rule agrees with the table, so the comparison above checks the documented rule.
    const rawSignatures = at(raw, ['image', 'signatures']) as RawObject[];
    expect(rawSignatures.map(expectedVerificationState)).toEqual(table.map(([, , s]) => s));
  });

  it('answers the argument lookups (label, annotation, signedClaim) from the raw maps', async () => {
    const oci = `python-app@${d.ociPushed}`;
    const signed = `ubuntu@${d.amd64}`;
    const result = await stack.query(`{
      oci: imageStreamImage(namespace: "${demo}", name: "${oci}") {
        metadata { check: annotation(key: "openshift.io/image.dockerRepositoryCheck") none: label(key: "app") }
        image {
          metadata {
            name: label(key: "app.kubernetes.io/name") missing: label(key: "missing") proto: label(key: "constructor")
            managed: annotation(key: "openshift.io/image.managed") dunder: annotation(key: "__proto__")
          }
          dockerImageMetadata {
            Config { arch: label(key: "architecture") toString: label(key: "toString") }
            ContainerConfig { arch: label(key: "architecture") }
          }
        }
      }
      signed: imageStreamImage(namespace: "${demo}", name: "${signed}") {
        image { signatures { reference: signedClaim(key: "docker-reference") own: signedClaim(key: "hasOwnProperty") } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const rawOci = await fetchRawImageStreamImage(stack.simulator, token, demo, oci);
    const rawSigned = await fetchRawImageStreamImage(stack.simulator, token, demo, signed);
    const lookup = (map: unknown, key: string): unknown =>
      typeof map === 'object' && map !== null && Object.hasOwn(map, key)
        ? (map as Record<string, unknown>)[key]
        : null;
    const config = ['image', 'dockerImageMetadata', 'Config'];
    const lookups: readonly {
      coordinate: string;
      actual: (string | number)[];
      map: unknown;
      key: string;
    }[] = [
      {
        coordinate: 'ObjectMeta.annotation',
        actual: ['oci', 'metadata', 'check'],
        map: at(rawOci, ['metadata', 'annotations']),
        key: 'openshift.io/image.dockerRepositoryCheck',
      },
      {
        coordinate: 'ObjectMeta.label',
        actual: ['oci', 'metadata', 'none'],
        map: at(rawOci, ['metadata', 'labels']),
        key: 'app',
      },
      {
        coordinate: 'ObjectMeta.label',
        actual: ['oci', 'image', 'metadata', 'name'],
        map: at(rawOci, ['image', 'metadata', 'labels']),
        key: 'app.kubernetes.io/name',
      },
      {
        coordinate: 'ObjectMeta.label',
        actual: ['oci', 'image', 'metadata', 'missing'],
        map: at(rawOci, ['image', 'metadata', 'labels']),
        key: 'missing',
      },
      {
        coordinate: 'ObjectMeta.label',
        actual: ['oci', 'image', 'metadata', 'proto'],
        map: at(rawOci, ['image', 'metadata', 'labels']),
        key: 'constructor',
      },
      {
        coordinate: 'ObjectMeta.annotation',
        actual: ['oci', 'image', 'metadata', 'managed'],
        map: at(rawOci, ['image', 'metadata', 'annotations']),
        key: 'openshift.io/image.managed',
      },
      {
        coordinate: 'ObjectMeta.annotation',
        actual: ['oci', 'image', 'metadata', 'dunder'],
        map: at(rawOci, ['image', 'metadata', 'annotations']),
        key: '__proto__',
      },
      {
        coordinate: 'DockerConfig.label',
        actual: ['oci', ...config, 'arch'],
        map: at(rawOci, [...config, 'Labels']),
        key: 'architecture',
      },
      {
        coordinate: 'DockerConfig.label',
        actual: ['oci', ...config, 'toString'],
        map: at(rawOci, [...config, 'Labels']),
        key: 'toString',
      },
      {
        coordinate: 'DockerConfig.label',
        actual: ['oci', 'image', 'dockerImageMetadata', 'ContainerConfig', 'arch'],
        map: at(rawOci, ['image', 'dockerImageMetadata', 'ContainerConfig', 'Labels']),
        key: 'architecture',
      },
      ...[0, 1].flatMap((i) => [
        {
          coordinate: 'ImageSignature.signedClaim',
          actual: ['signed', 'image', 'signatures', i, 'reference'],
          map: at(rawSigned, ['image', 'signatures', i, 'signedClaims']),
          key: 'docker-reference',
        },
        {
          coordinate: 'ImageSignature.signedClaim',
          actual: ['signed', 'image', 'signatures', i, 'own'],
          map: at(rawSigned, ['image', 'signatures', i, 'signedClaims']),
          key: 'hasOwnProperty',
        },
      ]),
    ];
    // Every argument lookup of the live schema is exercised here.
    expect([...new Set(lookups.map((l) => l.coordinate))].sort()).toEqual(selection.withArguments);
    for (const l of lookups) {
      expect({ at: l.actual, value: at(result.data, l.actual) }).toEqual({
        at: l.actual,
        value: lookup(l.map, l.key),
      });
    }
    // Not vacuous: some lookups hit a value.
    expect(at(result.data, ['oci', 'image', 'metadata', 'name'])).toBe('basic-python-tekton');
    expect(at(result.data, ['signed', 'image', 'signatures', 0, 'reference'])).toBe(
      'docker.io/library/ubuntu:18.04',
    );
  });
});

describe('the comparator', () => {
  /** Fetches a faithful (gateway, raw) pair to perturb. */
  async function faithfulPair(name: string) {
    const { raw, ctx } = await rawWithChildren(name);
    const { isi } = await queryEveryField(name);
    expect(compare(isi, raw, ctx)).toEqual([]);
    return { isi, raw, ctx };
  }

  const reportsAt = (mismatches: readonly Mismatch[], path: string): boolean =>
    mismatches.some(
      (m) => m.path === path || path.startsWith(`${m.path}.`) || path.startsWith(`${m.path}[`),
    );

  it('reports every single leaf of the response when it alone is wrong', async () => {
    for (const name of [`ubuntu@${d.manifestList}`, `ubuntu@${d.amd64}`, `app@${partialId}`]) {
      const { isi, raw, ctx } = await faithfulPair(name);
      const all = leaves(isi);
      expect(all.length).toBeGreaterThan(100);
      const unnoticed = all
        .filter((leaf) => {
          const wrong = withLeaf(isi, leaf.steps, perturbed(leaf.value)) as RawObject;
          return !reportsAt(compare(wrong, raw, ctx), leaf.path);
        })
        .map((leaf) => leaf.path);
      expect({ name, unnoticed }).toEqual({ name, unnoticed: [] });
    }
  });

  it('reports a changed raw value, a dropped raw key, entry order, [] versus null and a missing field', async () => {
    const { isi, raw, ctx } = await faithfulPair(`ubuntu@${d.amd64}`);

    const bigger = withLeaf(raw, ['image', 'dockerImageLayers', 1, 'size'], 35_367) as RawObject;
    // The layer's content id changes with its content.
    expect(compare(isi, bigger, ctx).map((m) => m.path)).toEqual([
      'image.dockerImageLayers[1].id',
      'image.dockerImageLayers[1].size',
      'image.totalLayerSize',
    ]);

    const unannotated = structuredClone(raw) as { image: { metadata: Record<string, unknown> } };
    delete unannotated.image.metadata.annotations;
    expect(compare(isi, unannotated as RawObject, ctx).map((m) => m.path)).toEqual([
      'image.metadata.id',
      'image.metadata.annotations',
    ]);

    const claims = at(isi, ['image', 'signatures', 0, 'signedClaims']) as unknown[];
    const reordered = withLeaf(
      isi,
      ['image', 'signatures', 0, 'signedClaims'],
      [...claims].reverse(),
    ) as RawObject;
    expect(compare(reordered, raw, ctx)).toEqual([
      expect.objectContaining({
        path: 'image.signatures[0].signedClaims',
        message: expect.stringContaining('not sorted') as unknown,
      }),
    ]);

    // An empty list sent by the API must stay an empty list (and count 0), never become null.
    const emptyRaw = withLeaf(raw, ['image', 'dockerImageLayers'], []) as RawObject;
    let emptyIsi = withLeaf(isi, ['image', 'dockerImageLayers'], []);
    emptyIsi = withLeaf(emptyIsi, ['image', 'layerCount'], 0);
    emptyIsi = withLeaf(emptyIsi, ['image', 'totalLayerSize'], 0);
    expect(compare(emptyIsi as RawObject, emptyRaw, ctx)).toEqual([]);
    const nulled = withLeaf(emptyIsi, ['image', 'dockerImageLayers'], null) as RawObject;
    expect(compare(nulled, emptyRaw, ctx).map((m) => m.path)).toEqual(['image.dockerImageLayers']);

    const missing = structuredClone(isi) as { image: Record<string, unknown> };
    delete missing.image.dockerImageReference;
    expect(compare(missing as RawObject, raw, ctx).map((m) => m.path)).toEqual([
      'image.dockerImageReference',
    ]);
  });

  it('reports a derived field it has no independent rule for', async () => {
    const { isi, raw, ctx } = await faithfulPair(`python@${d.python}`);
    const invented: SelectedField = {
      parentType: 'ImageStreamImage',
      name: 'inventedDerived',
      typeName: 'String',
      typeKind: 'SCALAR',
      isList: false,
      derived: true,
      children: [],
    };
    const mismatches = compareObject(
      'ImageStreamImage',
      [...selection.fields, invented],
      { ...isi, inventedDerived: 'x' },
      raw,
      '',
      ctx,
    );
    expect(mismatches).toEqual([
      expect.objectContaining({
        path: 'inventedDerived',
        message: expect.stringContaining('no independent rule') as unknown,
      }),
    ]);
  });
});
