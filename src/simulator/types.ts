/**
 * Resource types of the simulated image.openshift.io/v1 API, as the server stores them.
 *
 * The simulator owns these types (it imports nothing from the gateway). Key order in objects of
 * these types is irrelevant: `wire-order.ts` writes every object in Go struct field order.
 */

/** RFC 3339 time with second precision and a `Z` suffix, e.g. `2024-03-11T09:15:02Z`. */
export type TimeResource = string;

/** The subset of `metav1.ObjectMeta` the image API uses. */
export interface ObjectMetaResource {
  name?: string;
  namespace?: string;
  selfLink?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: TimeResource | null;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
}

/** One layer blob (`ImageLayer`). */
export interface ImageLayerResource {
  name: string;
  size: number;
  mediaType: string;
}

/** One manifest-list entry (`ImageManifest`); `digest` names another Image. */
export interface ImageManifestResource {
  digest: string;
  mediaType: string;
  manifestSize: number;
  architecture: string;
  os: string;
  variant?: string;
}

/** `SignatureCondition`. */
export interface SignatureConditionResource {
  type: string;
  status: string;
  lastProbeTime?: TimeResource | null;
  lastTransitionTime?: TimeResource | null;
  reason?: string;
  message?: string;
}

/** `SignatureIssuer`. */
export interface SignatureIssuerResource {
  organization?: string;
  commonName?: string;
}

/** `SignatureSubject` (`publicKeyID` is always emitted). */
export interface SignatureSubjectResource {
  organization?: string;
  commonName?: string;
  publicKeyID: string;
}

/** An `ImageSignature` embedded in `Image.signatures[]`. */
export interface ImageSignatureResource {
  metadata: ObjectMetaResource;
  type: string;
  /** base64 of the opaque signature blob. */
  content: string;
  conditions?: SignatureConditionResource[];
  imageIdentity?: string;
  signedClaims?: Record<string, string>;
  created?: TimeResource | null;
  issuedBy?: SignatureIssuerResource | null;
  issuedTo?: SignatureSubjectResource | null;
}

/** Docker-style container configuration (all keys omitempty, capitalised). */
export interface DockerConfigResource {
  [key: string]: unknown;
}

/** The embedded legacy `DockerImage` (`dockerImageMetadata`). */
export interface DockerImageMetadataResource {
  kind?: string;
  apiVersion?: string;
  Id?: string;
  Parent?: string;
  Comment?: string;
  Created?: TimeResource | null;
  Container?: string;
  ContainerConfig?: DockerConfigResource;
  DockerVersion?: string;
  Author?: string;
  Config?: DockerConfigResource;
  Architecture?: string;
  /** int64: config size + the sum of unique layer sizes. */
  Size?: number;
}

/** `Image` (cluster-scoped). */
export interface ImageResource {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMetaResource;
  dockerImageReference?: string;
  dockerImageMetadata?: DockerImageMetadataResource;
  dockerImageMetadataVersion?: string;
  dockerImageManifest?: string;
  dockerImageLayers?: ImageLayerResource[];
  signatures?: ImageSignatureResource[];
  dockerImageSignatures?: string[];
  dockerImageManifestMediaType?: string;
  dockerImageConfig?: string;
  dockerImageManifests?: ImageManifestResource[];
}

/** `ObjectReference` as used in `TagReference.from`. */
export interface ObjectReferenceResource {
  kind?: string;
  namespace?: string;
  name?: string;
}

/** Spec `TagReference`. */
export interface TagReferenceResource {
  name: string;
  annotations?: Record<string, string> | null;
  from?: ObjectReferenceResource | null;
  reference?: boolean;
  generation?: number | null;
  importPolicy?: { insecure?: boolean; scheduled?: boolean; importMode?: string };
  referencePolicy?: { type: string };
}

/** `TagEvent`: one history entry, newest first in `items`. */
export interface TagEventResource {
  created: TimeResource;
  dockerImageReference: string;
  image: string;
  generation: number;
}

/** `TagEventCondition`. */
export interface TagEventConditionResource {
  type: string;
  status: string;
  lastTransitionTime?: TimeResource | null;
  reason?: string;
  message?: string;
  generation: number;
}

/** `NamedTagEventList`: the status of one tag. */
export interface NamedTagEventListResource {
  tag: string;
  items: TagEventResource[] | null;
  conditions?: TagEventConditionResource[];
}

/** `ImageStream` (namespaced). */
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
