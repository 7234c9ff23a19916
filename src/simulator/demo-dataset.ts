/**
 * The demo dataset: every real example from the upstream research plus synthetic images built
 * with consistent digests. `npm start` serves it when no cluster is configured, and the gateway's
 * tests run against it; tests should take names and digests from `DEMO`, never hard-code them.
 *
 * Contents (namespace/stream: what it demonstrates):
 * - demo/ubuntu: the real manifest list (amd64 + arm64/v8 children), 2-entry history, the
 *   `broken` tag (failed import, `items: null`), `latest` with referencePolicy Local. The amd64
 *   child carries a trusted and an untrusted signature; the arm64 child is in no tag history.
 * - demo/python: the real docker-v2 python:3.8.12 image; tag `3.8` has a 2-entry history.
 * - demo/python-app: the real OCI image pushed by a build (Local reference policy).
 * - demo/app: single-arch synthetic history v1..v3 (`latest` = v3, v2, v1; OCI v3).
 * - demo/many-tags: 50 tags, each on its own image.
 * - demo/bigdata: a 3 GiB layer (int64 sizes; Size > 4 GiB).
 * - demo/origin-ruby-sample: the openshift-docs stream; both history images were pruned.
 * - demo/pruned: `latest` = [existing, pruned], `old` = [pruned].
 * - team-b/shared: the python image (also in demo/python) and the signed amd64 child.
 * - team-b/python: the real no-history stream (spec tag only).
 * - catalog/*: 33 streams to page through (`service-00` ... `service-31` with labels
 *   `tier`, `team` and, on even ones, `app.kubernetes.io/part-of: shop`; each `latest` has a
 *   3-entry history) plus `frontend`: `latest` with history v3, v2, v1 (newest first), `next`
 *   spec-only (never imported), `hotfix` status-only (pushed, no spec tag), `nightly` whose last
 *   import failed (ImportSuccess=False, the older image still current) and `broken` that never
 *   imported (`items: null`, ImportSuccess=False).
 */

import { createHash } from 'node:crypto';

import type { Dataset, ImageResource, ImageStreamResource, SimulatorUser } from './types.js';
import {
  buildImage,
  buildImageStream,
  buildSignature,
  generateImages,
  type BuiltImage,
} from './builders.js';
import {
  OCI_PUSHED_IMAGE,
  PYTHON_DOCKER_V2_IMAGE,
  PYTHON_NO_HISTORY_STREAM,
  RUBY_SAMPLE_STREAM,
  UBUNTU_AMD64_MANIFEST_RAW,
  UBUNTU_AMD64_SIGNED_IMAGE,
  UBUNTU_ARM64_IMAGE,
  UBUNTU_ARM64_MANIFEST_RAW,
  UBUNTU_MANIFEST_LIST_IMAGE,
  UBUNTU_MANIFEST_LIST_RAW,
  UBUNTU_STREAM,
} from './upstream-examples.js';

/**
 * A deterministic demo token in the OpenShift OAuth access-token form `sha256~<43 chars>`
 * (base64url of 32 bytes, no padding).
 */
export function demoToken(userName: string): string {
  return `sha256~${createHash('sha256').update(`openshift-image-graphql demo token for ${userName}`).digest('base64url')}`;
}

/**
 * The demo users: `developer` (demo, catalog), `teamb` (team-b), `admin` (every namespace, and
 * the cluster-scoped `images`, as a cluster admin), and `viewer-streams-only` (demo, catalog:
 * imagestreams get/list/watch only, so ImageStreamImage, ImageStreamTag and the layers view are
 * 403 for it).
 */
export const DEMO_USERS: readonly SimulatorUser[] = Object.freeze([
  { name: 'developer', token: demoToken('developer'), namespaces: ['demo', 'catalog'] },
  { name: 'teamb', token: demoToken('teamb'), namespaces: ['team-b'] },
  { name: 'admin', token: demoToken('admin'), namespaces: '*', clusterImages: true },
  {
    name: 'viewer-streams-only',
    token: demoToken('viewer-streams-only'),
    namespaces: ['demo', 'catalog'],
    resources: ['imagestreams'],
  },
]);

const digestOf = (image: ImageResource): string => image.metadata.name ?? '';

const appV1 = buildImage({ seed: 'demo/app:v1', created: '2024-04-01T10:00:00Z' });
const appV2 = buildImage({
  seed: 'demo/app:v2',
  created: '2024-04-15T10:00:00Z',
  layerSizes: [28_000_000, 41_000, 1_200],
  storeBlobs: true,
});
const appV3 = buildImage({
  seed: 'demo/app:v3',
  format: 'oci',
  created: '2024-05-01T10:00:00Z',
  layerSizes: [28_000_000, 41_000, 1_200, 7_777],
});
const pythonOld = buildImage({
  seed: 'demo/python:3.8-previous',
  repository: 'docker.io/library/python',
  created: '2021-11-20T08:00:00Z',
  layerSizes: [54_932_000, 5_153_000, 10_871_000, 54_567_000, 196_499_000],
});
const bigData = buildImage({
  seed: 'demo/bigdata:latest',
  layerSizes: [3_221_225_472, 1_234_567_890, 4_096],
  created: '2024-05-02T08:00:00Z',
});
const prunedCurrent = buildImage({ seed: 'demo/pruned:current', created: '2024-05-02T09:00:00Z' });
/** Built but never added to the images: pruned while demo/pruned still references it. */
const prunedOld = buildImage({ seed: 'demo/pruned:old', created: '2024-03-01T09:00:00Z' });
const teamBTools = buildImage({
  seed: 'team-b/tools',
  platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
  created: '2024-05-02T10:00:00Z',
  signatures: [],
});
const manyTags = generateImages(50, {
  seedPrefix: 'demo/many-tags',
  layerCount: 2,
  layerSize: 5_000_000,
});
/** catalog/service-XX:latest history, newest first. */
const CATALOG_SERVICES = 32;
const catalogHistory = Array.from({ length: CATALOG_SERVICES }, (_, i) =>
  [3, 2, 1].map((v) =>
    buildImage({
      seed: `catalog/service-${String(i).padStart(2, '0')}:v${v}`,
      created: `2024-06-${String(1 + (i % 27)).padStart(2, '0')}T0${v}:00:00Z`,
      layerSizes: [20_000_000 + i, 30_000 + v, 900 + v],
    }),
  ),
);
const frontendImages = [3, 2, 1].map((v) =>
  buildImage({
    seed: `catalog/frontend:v${v}`,
    created: `2024-07-0${v}T12:00:00Z`,
    layerSizes: [31_000_000, 52_000 + v, 1_000 + v],
  }),
);
const frontendHotfix = buildImage({
  seed: 'catalog/frontend:hotfix',
  created: '2024-07-04T08:00:00Z',
});
const frontendNightly = buildImage({
  seed: 'catalog/frontend:nightly',
  created: '2024-07-02T01:00:00Z',
});

const teamBToolsSigned: BuiltImage = {
  ...teamBTools,
  image: {
    ...teamBTools.image,
    signatures: [
      buildSignature(teamBTools.digest, 'synthetic unverified signature of team-b/tools'),
    ],
  },
};

/** Names and digests the gateway's tests need; derived from the data, never hard-coded there. */
export const DEMO = Object.freeze({
  namespaces: Object.freeze({ demo: 'demo', teamB: 'team-b', catalog: 'catalog' }),
  users: Object.freeze({
    developer: 'developer',
    teamB: 'teamb',
    /** Every namespace and the cluster-scoped images. */
    admin: 'admin',
    /** imagestreams only (403 on imagestreamimages, imagestreamtags, layers) in demo and catalog. */
    viewerStreamsOnly: 'viewer-streams-only',
  }),
  /** The catalog namespace: enough streams to page, and every tag state. */
  catalog: Object.freeze({
    /** Every stream name in catalog, sorted as the list returns them. */
    streams: Object.freeze(
      [
        'frontend',
        ...Array.from(
          { length: CATALOG_SERVICES },
          (_, i) => `service-${String(i).padStart(2, '0')}`,
        ),
      ].sort(),
    ),
    frontend: 'frontend',
    /** catalog/frontend:latest history, newest first. */
    frontendLatestHistory: Object.freeze(frontendImages.map((b) => b.digest)),
    /** Status-only tag (pushed, no spec tag) and its image. */
    statusOnlyTag: 'hotfix',
    hotfix: frontendHotfix.digest,
    /** Spec-only tag (never imported: no status entry). */
    specOnlyTag: 'next',
    /** Tag whose last import failed; its older image stays current. */
    failedImportTag: 'nightly',
    nightly: frontendNightly.digest,
    failedImportMessage:
      'Internal error occurred: quay.io/example/frontend:nightly: manifest unknown: manifest unknown',
    /** Tag that never imported (`items: null`) with an ImportSuccess=False condition. */
    neverImportedTag: 'broken',
    neverImportedMessage:
      'Internal error occurred: quay.io/example/frontend:broken: unauthorized: authentication required',
    /** Streams labelled `app.kubernetes.io/part-of=shop` (the even services). */
    partOfShop: Object.freeze(
      Array.from({ length: CATALOG_SERVICES }, (_, i) => i)
        .filter((i) => i % 2 === 0)
        .map((i) => `service-${String(i).padStart(2, '0')}`),
    ),
    /** catalog/service-XX:latest history (newest first), by service index. */
    serviceHistory: Object.freeze(catalogHistory.map((h) => Object.freeze(h.map((b) => b.digest)))),
  }),
  streams: Object.freeze({
    ubuntu: 'ubuntu',
    python: 'python',
    pythonApp: 'python-app',
    app: 'app',
    manyTags: 'many-tags',
    bigData: 'bigdata',
    rubySample: 'origin-ruby-sample',
    pruned: 'pruned',
    /** In team-b. */
    teamBShared: 'shared',
    /** In team-b: a spec tag and no history. */
    teamBPython: 'python',
  }),
  digests: Object.freeze({
    /** demo/ubuntu:18.04 (and :latest): the manifest list. */
    manifestList: digestOf(UBUNTU_MANIFEST_LIST_IMAGE),
    /** linux/amd64 child; also in 18.04's history; carries two signatures. */
    amd64: digestOf(UBUNTU_AMD64_SIGNED_IMAGE),
    /** linux/arm64/v8 child; reachable only through the list. */
    arm64: digestOf(UBUNTU_ARM64_IMAGE),
    /** The image with a trusted and an untrusted signature (= amd64). */
    signed: digestOf(UBUNTU_AMD64_SIGNED_IMAGE),
    /** Real python:3.8.12 (docker v2); in demo/python and team-b/shared. */
    python: digestOf(PYTHON_DOCKER_V2_IMAGE),
    /** demo/python:3.8 history item 2. */
    pythonPrevious: pythonOld.digest,
    /** Real OCI image pushed by a build. */
    ociPushed: digestOf(OCI_PUSHED_IMAGE),
    appV1: appV1.digest,
    /** Stored with `dockerImageManifest`/`dockerImageConfig`, which the API strips. */
    appV2: appV2.digest,
    /** OCI manifest. */
    appV3: appV3.digest,
    /** Has a 3 GiB layer. */
    bigData: bigData.digest,
    prunedCurrent: prunedCurrent.digest,
    /** Referenced by demo/pruned but its Image object was deleted. */
    pruned: prunedOld.digest,
    /** Referenced by demo/origin-ruby-sample (openshift-docs); pruned. */
    rubySampleLatest: 'sha256:909de62d1f609a717ec433cc25ca5cf00941545c83a01fb31527771e1fab3fc5',
    teamBTools: teamBTools.digest,
  }),
  /** Digests of demo/many-tags:v1 ... v50, in tag order. */
  manyTagsDigests: Object.freeze(manyTags.map((b) => b.digest)),
  /** Number of tags of demo/many-tags. */
  manyTagsCount: manyTags.length,
});

function buildBase(): Dataset {
  const images: ImageResource[] = [
    UBUNTU_MANIFEST_LIST_IMAGE,
    UBUNTU_AMD64_SIGNED_IMAGE,
    UBUNTU_ARM64_IMAGE,
    PYTHON_DOCKER_V2_IMAGE,
    OCI_PUSHED_IMAGE,
    ...[appV1, appV2, appV3, pythonOld, bigData, prunedCurrent, teamBToolsSigned].map(
      (b) => b.image,
    ),
    ...manyTags.map((b) => b.image),
    ...catalogHistory.flat().map((b) => b.image),
    ...[...frontendImages, frontendHotfix, frontendNightly].map((b) => b.image),
  ];
  const python = {
    kind: 'ImageStream',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name: 'python',
      namespace: 'demo',
      uid: '443bad2c-9fd4-4c8f-8a24-3eca4426b0aa',
      resourceVersion: '1139215',
      generation: 2,
      creationTimestamp: '2021-12-07T07:55:30Z',
      annotations: { 'openshift.io/image.dockerRepositoryCheck': '2021-12-07T07:55:30Z' },
    },
    spec: {
      lookupPolicy: { local: false },
      tags: [
        {
          name: '3.8',
          annotations: null,
          from: { kind: 'DockerImage', name: 'python:3.8' },
          generation: 2,
          importPolicy: {},
          referencePolicy: { type: 'Source' },
        },
        {
          name: '3.8.12',
          annotations: null,
          from: { kind: 'DockerImage', name: 'python:3.8.12' },
          generation: 1,
          importPolicy: { insecure: true },
          referencePolicy: { type: 'Source' },
        },
      ],
    },
    status: {
      dockerImageRepository: 'image-registry.openshift-image-registry.svc:5000/demo/python',
      tags: [
        {
          tag: '3.8',
          items: [
            {
              created: '2021-12-07T07:55:30Z',
              dockerImageReference: PYTHON_DOCKER_V2_IMAGE.dockerImageReference ?? '',
              image: DEMO.digests.python,
              generation: 2,
            },
            {
              created: '2021-11-20T08:00:00Z',
              dockerImageReference: pythonOld.image.dockerImageReference ?? '',
              image: pythonOld.digest,
              generation: 1,
            },
          ],
        },
        {
          tag: '3.8.12',
          items: [
            {
              created: '2021-12-07T07:55:30Z',
              dockerImageReference: PYTHON_DOCKER_V2_IMAGE.dockerImageReference ?? '',
              image: DEMO.digests.python,
              generation: 1,
            },
          ],
        },
      ],
    },
  } satisfies ImageStreamResource;
  const pythonApp = buildImageStream({
    namespace: 'demo',
    name: 'python-app',
    labels: { 'app.kubernetes.io/name': 'basic-python-tekton' },
    tags: [
      {
        tag: 'latest',
        history: [digestOf(OCI_PUSHED_IMAGE)],
        referencePolicy: 'Local',
        from: null,
        created: '2022-08-23T15:47:04Z',
      },
    ],
  });
  // The build pushed into the integrated registry: the event reference is the registry pull spec.
  const pushed = pythonApp.status.tags?.[0]?.items?.[0];
  if (pushed) pushed.dockerImageReference = OCI_PUSHED_IMAGE.dockerImageReference ?? '';
  const streams: ImageStreamResource[] = [
    UBUNTU_STREAM,
    python,
    pythonApp,
    buildImageStream({
      namespace: 'demo',
      name: 'app',
      tags: [
        { tag: 'latest', history: [appV3, appV2, appV1], generation: 3 },
        { tag: 'v1', history: [appV1], created: '2024-04-01T10:00:00Z' },
        { tag: 'v2', history: [appV2], created: '2024-04-15T10:00:00Z' },
        {
          tag: 'v3',
          history: [appV3],
          annotations: { 'org.example/release': 'v3 <stable> & signed' },
        },
      ],
    }),
    buildImageStream({
      namespace: 'demo',
      name: 'many-tags',
      tags: manyTags.map((b, i) => ({ tag: `v${i + 1}`, history: [b] })),
    }),
    buildImageStream({
      namespace: 'demo',
      name: 'bigdata',
      tags: [{ tag: 'latest', history: [bigData] }],
    }),
    RUBY_SAMPLE_STREAM,
    buildImageStream({
      namespace: 'demo',
      name: 'pruned',
      tags: [
        { tag: 'latest', history: [prunedCurrent, prunedOld.digest], generation: 2 },
        { tag: 'old', history: [prunedOld.digest] },
      ],
    }),
    buildImageStream({
      namespace: 'team-b',
      name: 'shared',
      annotations: { 'openshift.io/image.dockerRepositoryCheck': '2024-05-02T12:30:00Z' },
      tags: [
        { tag: 'python', history: [DEMO.digests.python] },
        { tag: 'tools', history: [teamBToolsSigned] },
        { tag: 'ubuntu', history: [DEMO.digests.amd64] },
      ],
    }),
    PYTHON_NO_HISTORY_STREAM,
    ...catalogStreams(),
  ];
  // Bare digests get a placeholder reference in buildImageStream; use the images' real pull specs.
  for (const stream of streams) {
    for (const tag of stream.status.tags ?? []) {
      for (const item of tag.items ?? []) {
        const image = images.find((i) => i.metadata.name === item.image);
        if (
          image?.dockerImageReference &&
          item.dockerImageReference.startsWith('quay.io/example/shared@')
        ) {
          item.dockerImageReference = image.dockerImageReference;
        }
      }
    }
  }
  const manifests: Record<string, string> = {
    [DEMO.digests.manifestList]: UBUNTU_MANIFEST_LIST_RAW,
    [DEMO.digests.amd64]: UBUNTU_AMD64_MANIFEST_RAW,
    [DEMO.digests.arm64]: UBUNTU_ARM64_MANIFEST_RAW,
  };
  const configs: Record<string, string> = {};
  for (const b of [
    appV1,
    appV2,
    appV3,
    pythonOld,
    bigData,
    prunedCurrent,
    prunedOld,
    teamBTools,
    ...manyTags,
    ...catalogHistory.flat(),
    ...frontendImages,
    frontendHotfix,
    frontendNightly,
  ]) {
    manifests[b.digest] = b.manifest;
    if (b.configDigest !== undefined) configs[b.configDigest] = b.config;
  }
  return { images, streams, users: DEMO_USERS.map((u) => ({ ...u })), manifests, configs };
}

/** The catalog namespace's streams (see the file header). */
function catalogStreams(): ImageStreamResource[] {
  const services = catalogHistory.map((history, i) => {
    const name = `service-${String(i).padStart(2, '0')}`;
    return buildImageStream({
      namespace: 'catalog',
      name,
      resourceVersion: String(1_200_000 + i),
      created: `2024-06-01T0${i % 10}:00:00Z`,
      labels: {
        tier: i % 2 === 0 ? 'frontend' : 'backend',
        team: ['a', 'b', 'c'][i % 3] ?? 'a',
        ...(i % 2 === 0 ? { 'app.kubernetes.io/part-of': 'shop' } : {}),
      },
      tags: [
        {
          tag: 'latest',
          history,
          generation: 3,
          created: `2024-06-${String(1 + (i % 27)).padStart(2, '0')}T03:00:00Z`,
        },
      ],
    });
  });
  const frontend = buildImageStream({
    namespace: 'catalog',
    name: 'frontend',
    resourceVersion: '1200100',
    labels: { tier: 'frontend', team: 'a', 'app.kubernetes.io/part-of': 'shop' },
    annotations: { 'openshift.io/image.dockerRepositoryCheck': '2024-07-05T06:00:00Z' },
    tags: [
      { tag: 'latest', history: frontendImages, generation: 3, created: '2024-07-03T12:00:00Z' },
      { tag: 'next', history: [] },
      { tag: 'hotfix', history: [frontendHotfix], from: null, created: '2024-07-04T08:00:00Z' },
      {
        tag: 'nightly',
        history: [frontendNightly],
        generation: 4,
        created: '2024-07-02T01:00:00Z',
      },
      { tag: 'broken', history: [], generation: 2 },
    ],
  });
  // next: spec only (never imported); hotfix: status only (pushed, no spec tag).
  frontend.status.tags = (frontend.status.tags ?? []).filter((t) => t.tag !== 'next');
  frontend.spec.tags = (frontend.spec.tags ?? []).filter((t) => t.name !== 'hotfix');
  for (const t of frontend.status.tags) {
    if (t.tag === 'nightly') {
      t.conditions = [
        {
          type: 'ImportSuccess',
          status: 'False',
          lastTransitionTime: '2024-07-05T06:00:00Z',
          reason: 'NotFound',
          message: DEMO.catalog.failedImportMessage,
          generation: 4,
        },
      ];
    }
    if (t.tag === 'broken') {
      t.items = null;
      t.conditions = [
        {
          type: 'ImportSuccess',
          status: 'False',
          lastTransitionTime: '2024-07-05T06:00:00Z',
          reason: 'Unauthorized',
          message: DEMO.catalog.neverImportedMessage,
          generation: 2,
        },
      ];
    }
  }
  return [...services, frontend];
}

let base: Dataset | undefined;

/**
 * A fresh, mutable copy of the demo dataset. A simulator mutates the dataset it serves, so every
 * simulator (and every test that edits data) should get its own copy.
 */
export function createDataset(): Dataset {
  base ??= buildBase();
  return structuredClone(base);
}
