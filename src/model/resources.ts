/**
 * Upstream JSON types for image.openshift.io/v1, exactly as the API server writes them.
 *
 * Public contract of the upstream: every name here is the JSON name on the wire (see
 * docs/openshift-api.md and the OpenAPI definitions of openshift/api `image/v1`). Optional (`?`)
 * means the server may omit the key; `| null` means the server may write an explicit `null`. These types carry a `Resource`
 * suffix so they never collide with the generated GraphQL types.
 */

/** RFC 3339 time with second precision and a `Z` suffix, e.g. `2024-03-11T09:15:02Z`. */
export type TimeResource = string;

/** The subset of `metav1.ObjectMeta` that the image API returns. */
export interface ObjectMetaResource {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: TimeResource | null;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  selfLink?: string;
}

/** One layer blob of an image, base first. */
export interface ImageLayerResource {
  name: string;
  /** int64 bytes (the Go field is LayerSize). */
  size: number;
  mediaType: string;
}

/** One entry of a manifest list; `digest` names another Image. */
export interface ImageManifestResource {
  digest: string;
  mediaType: string;
  /** int64 bytes. */
  manifestSize: number;
  architecture: string;
  os: string;
  variant?: string;
}

export interface SignatureConditionResource {
  type: string;
  status: string;
  lastProbeTime?: TimeResource | null;
  lastTransitionTime?: TimeResource | null;
  reason?: string;
  message?: string;
}

export interface SignatureIssuerResource {
  organization?: string;
  commonName?: string;
}

export interface SignatureSubjectResource {
  organization?: string;
  commonName?: string;
  /** Always emitted, even when empty. */
  publicKeyID: string;
}

/** A signature embedded in `Image.signatures[]` (no kind or apiVersion when embedded). */
export interface ImageSignatureResource {
  kind?: string;
  apiVersion?: string;
  metadata?: ObjectMetaResource;
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

/** Docker-style container configuration inside `dockerImageMetadata` (all keys omitempty). */
export interface DockerConfigResource {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  Memory?: number;
  MemorySwap?: number;
  CpuShares?: number;
  Cpuset?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  PortSpecs?: string[];
  ExposedPorts?: Record<string, unknown>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[];
  Cmd?: string[];
  Dns?: string[];
  Image?: string;
  Volumes?: Record<string, unknown>;
  VolumesFrom?: string;
  WorkingDir?: string;
  Entrypoint?: string[];
  NetworkDisabled?: boolean;
  SecurityOpts?: string[];
  OnBuild?: string[];
  Labels?: Record<string, string>;
}

/** The embedded legacy `DockerImage` object (`dockerImageMetadata`, a RawExtension). */
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
  /** int64: config length + the sum of unique layer sizes. */
  Size?: number;
  /** A RawExtension may carry keys this type does not name. */
  [key: string]: unknown;
}

/** `image.openshift.io/v1` Image (kind/apiVersion absent when nested). */
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
  /** base64 strings. */
  dockerImageSignatures?: string[];
  dockerImageManifestMediaType?: string;
  dockerImageConfig?: string;
  dockerImageManifests?: ImageManifestResource[];
}

/** `image.openshift.io/v1` ImageStreamImage, as `GET .../imagestreamimages/{stream}@{id}` returns it. */
export interface ImageStreamImageResource {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMetaResource;
  image: ImageResource;
}

/** `metav1.StatusCause`. */
export interface StatusCauseResource {
  reason?: string;
  message?: string;
  field?: string;
}

/** `metav1.StatusDetails`. `kind` holds the resource name for resource errors. */
export interface StatusDetailsResource {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCauseResource[];
  retryAfterSeconds?: number;
}

/** `metav1.Status` (kind `Status`, apiVersion `v1`). */
export interface StatusResource {
  kind: 'Status';
  apiVersion: string;
  metadata?: Record<string, unknown>;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetailsResource;
  code?: number;
}
