/**
 * Resource types of the simulated image.openshift.io/v1 API, as the server stores them.
 *
 * The wire types are the gateway's own (src/model, docs/openshift-api.md): one description of
 * what the API server writes, imported as types only (erased at build: no gateway code runs in the
 * simulator). The model holds objects as the gateway has them after decoding, where an explicit
 * `null` has become an absent key; the simulator stores objects as the server writes them, so the
 * few fields the server may write as `null` are widened here. Key order in objects of these types
 * is irrelevant: `wire-order.ts` writes every object in Go struct field order.
 */

import type {
  ImageResource,
  ImageSignatureResource as DecodedImageSignature,
  ObjectMetaResource,
  TimeResource,
} from '../model/resources.js';
import type {
  TagEventConditionResource as DecodedTagEventCondition,
  TagEventResource,
  TagReferenceResource as DecodedTagReference,
} from '../model/image-stream.js';

export type * from '../model/resources.js';
export type { ObjectReferenceResource, TagEventResource } from '../model/image-stream.js';

/** A signature in `Image.signatures[]` as the simulator writes it: always with its metadata. */
export interface ImageSignatureResource extends DecodedImageSignature {
  metadata: ObjectMetaResource;
}

/** Spec `TagReference` as stored: `annotations`, `from` and `generation` may be `null`. */
export interface TagReferenceResource extends Omit<
  DecodedTagReference,
  'annotations' | 'from' | 'generation'
> {
  annotations?: DecodedTagReference['annotations'] | null;
  from?: DecodedTagReference['from'] | null;
  generation?: number | null;
}

/** `TagEventCondition` as stored: `lastTransitionTime` may be `null`. */
export interface TagEventConditionResource extends Omit<
  DecodedTagEventCondition,
  'lastTransitionTime'
> {
  lastTransitionTime?: TimeResource | null;
}

/** `NamedTagEventList` as stored: `items` is always written, `null` before the first import. */
export interface NamedTagEventListResource {
  tag: string;
  items: TagEventResource[] | null;
  conditions?: TagEventConditionResource[];
}

/** `ImageStream` as stored: a status is always present, with its `dockerImageRepository`. */
export interface ImageStreamResource {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMetaResource;
  spec: {
    lookupPolicy?: { local: boolean };
    dockerImageRepository?: string;
    tags?: TagReferenceResource[];
  };
  status: {
    dockerImageRepository: string;
    publicDockerImageRepository?: string;
    tags?: NamedTagEventListResource[];
  };
}

/** A user of the simulated cluster: a bearer token and the namespaces it may `get` images in. */
export interface SimulatorUser {
  /** User name, as it appears in 403 messages (`User "<name>"`). */
  readonly name: string;
  /** Bearer token, e.g. an OpenShift OAuth token `sha256~<43 chars>`. */
  readonly token: string;
  /** Namespaces the user may `get` imagestreams/imagestreamimages/imagestreamtags in; `'*'` = all. */
  readonly namespaces: readonly string[] | '*';
  /**
   * The namespaced resources the user may read (`get`, `list`, `watch`) in those namespaces.
   * @default every one of SIMULATOR_RESOURCES
   */
  readonly resources?: readonly SimulatorResource[];
  /** Whether the user may `get` cluster-scoped `images` (as `system:image-auditor` can). @default false */
  readonly clusterImages?: boolean;
}

/**
 * A namespaced resource (or subresource) the simulator authorizes, as RBAC names it.
 * `imagestreams/layers` is the layers view (also the registry pull right).
 */
export type SimulatorResource =
  'imagestreams' | 'imagestreams/layers' | 'imagestreamimages' | 'imagestreamtags';

/** Every namespaced resource the simulator serves (the default rights of a user). */
export const SIMULATOR_RESOURCES: readonly SimulatorResource[] = Object.freeze([
  'imagestreams',
  'imagestreams/layers',
  'imagestreamimages',
  'imagestreamtags',
]);

/**
 * Everything the simulator serves. Mutable: a simulator takes ownership of the dataset it is
 * given, so build a fresh one per simulator (`createDataset()`).
 */
export interface Dataset {
  /** Image objects (cluster-scoped), by any order. A digest referenced by a stream but absent here is "pruned". */
  images: ImageResource[];
  /** Image streams; `metadata.namespace` and `metadata.name` identify them. */
  streams: ImageStreamResource[];
  users: SimulatorUser[];
  /** Raw manifest bytes by digest, for consistency checks (sha256(manifest) === digest). */
  manifests: Record<string, string>;
  /** Raw config bytes by config digest, where known byte-exactly. */
  configs: Record<string, string>;
}
