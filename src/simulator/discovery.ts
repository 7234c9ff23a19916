/**
 * API discovery, so that `kubectl` (and any discovery-driven client) works against the
 * simulator: `/api`, `/api/v1`, `/apis`, `/apis/<group>` and `/apis/<group>/<version>` for the
 * groups the simulator serves (`docs/lists-and-discovery.md`, "Discovery"). The documents are
 * the legacy (unaggregated) ones: a client that asks for aggregated discovery
 * (`as=APIGroupDiscoveryList`) gets them with `Content-Type: application/json` and falls back,
 * as it does against any server without aggregated discovery.
 */

import { goJson } from './go-json.js';
import type { Reply } from './store.js';

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

const READ_WRITE = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/**
 * The image.openshift.io/v1 resources the simulator serves, with the verbs, kinds and short
 * names openshift-apiserver advertises for them (its writes are not simulated: they are 405).
 */
const IMAGE_RESOURCES: readonly ApiResource[] = [
  { name: 'images', singularName: 'image', namespaced: false, kind: 'Image', verbs: READ_WRITE },
  {
    name: 'imagestreamimages',
    singularName: 'imagestreamimage',
    namespaced: true,
    kind: 'ImageStreamImage',
    verbs: ['get'],
    shortNames: ['isimage'],
  },
  {
    name: 'imagestreams',
    singularName: 'imagestream',
    namespaced: true,
    kind: 'ImageStream',
    verbs: READ_WRITE,
    shortNames: ['is'],
    categories: ['all'],
  },
  {
    name: 'imagestreams/layers',
    singularName: '',
    namespaced: true,
    kind: 'ImageStreamLayers',
    verbs: ['get'],
  },
  {
    name: 'imagestreamtags',
    singularName: 'imagestreamtag',
    namespaced: true,
    kind: 'ImageStreamTag',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
    shortNames: ['istag'],
  },
];

const AUTHORIZATION_RESOURCES: readonly ApiResource[] = [
  {
    name: 'selfsubjectaccessreviews',
    singularName: 'selfsubjectaccessreview',
    namespaced: false,
    kind: 'SelfSubjectAccessReview',
    verbs: ['create'],
  },
];

const GROUPS: readonly { name: string; version: string; resources: readonly ApiResource[] }[] = [
  { name: 'authorization.k8s.io', version: 'v1', resources: AUTHORIZATION_RESOURCES },
  { name: 'image.openshift.io', version: 'v1', resources: IMAGE_RESOURCES },
];

const groupDoc = (g: { name: string; version: string }) => {
  const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
  return { name: g.name, versions: [gv], preferredVersion: gv };
};

/** An APIResource in Go field order (omitempty on shortNames, categories). */
const resourceDoc = (r: ApiResource) => ({
  name: r.name,
  singularName: r.singularName,
  namespaced: r.namespaced,
  kind: r.kind,
  verbs: r.verbs,
  ...(r.shortNames === undefined ? {} : { shortNames: r.shortNames }),
  ...(r.categories === undefined ? {} : { categories: r.categories }),
});

const json = (value: unknown, pretty: boolean): Reply => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(goJson(value, pretty)),
});

/**
 * The discovery reply for a path, or `undefined` when the path is not a discovery path.
 * `serverAddress` is what `/api` reports in `serverAddressByClientCIDRs` (the Host header).
 */
export function discoveryReply(
  rawPath: string,
  pretty: boolean,
  serverAddress = '127.0.0.1:6443',
): Reply | undefined {
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  switch (path) {
    case '/api':
      return json(
        {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
        },
        pretty,
      );
    case '/api/v1':
      return json({ kind: 'APIResourceList', groupVersion: 'v1', resources: [] }, pretty);
    case '/apis':
      return json({ kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map(groupDoc) }, pretty);
  }
  for (const g of GROUPS) {
    if (path === `/apis/${g.name}`) {
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g) }, pretty);
    }
    if (path === `/apis/${g.name}/${g.version}`) {
      return json(
        {
          kind: 'APIResourceList',
          apiVersion: 'v1',
          groupVersion: `${g.name}/${g.version}`,
          resources: g.resources.map(resourceDoc),
        },
        pretty,
      );
    }
  }
  return undefined;
}
