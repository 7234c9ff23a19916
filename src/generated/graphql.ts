import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ImageStreamImageMapper, ImageMapper, ImageManifestMapper, ImageLayerMapper, ObjectMetaMapper, ImageSignatureMapper, SignatureConditionMapper, SignatureIssuerMapper, SignatureSubjectMapper, DockerImageMetadataMapper, DockerConfigMapper } from '../resolvers/mappers.js';
import type { GatewayContext } from '../resolvers/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * A signed 64-bit integer (Go `int64`), such as a size in bytes. Serialised as a JSON number, so it
   * carries any value up to ±(2^53 − 1) (about 8 PiB) exactly; a value outside that range is never
   * rounded: the field resolves to an error instead. As an input it accepts only an integer literal or a
   * JSON number that is a safe integer.
   */
  Int64: { input: number; output: number; }
  /** Arbitrary JSON, returned exactly as the API sent it (object, array, string, number, boolean or null). */
  JSON: { input: unknown; output: unknown; }
  /**
   * A point in time in RFC 3339 format as the API writes it: second precision and a `Z` suffix, e.g.
   * `2024-03-11T09:15:02Z`. Inputs must be RFC 3339 date-times (a fraction and a numeric offset are accepted).
   */
  Time: { input: string; output: string; }
};

/**
 * Docker container configuration (`Config` and `ContainerConfig` of `dockerImageMetadata`). Keys are
 * capitalised as the API writes them; every field is optional and null when absent. Sets (maps whose
 * values are always empty objects, `ExposedPorts` and `Volumes`) are returned as their sorted keys.
 */
export type DockerConfig = {
  __typename?: 'DockerConfig';
  /** Attach standard error (`AttachStderr`). */
  AttachStderr?: Maybe<Scalars['Boolean']['output']>;
  /** Attach standard input (`AttachStdin`). */
  AttachStdin?: Maybe<Scalars['Boolean']['output']>;
  /** Attach standard output (`AttachStdout`). */
  AttachStdout?: Maybe<Scalars['Boolean']['output']>;
  /** Default command (`Cmd`). */
  Cmd?: Maybe<Array<Scalars['String']['output']>>;
  /** Relative CPU weight (`CpuShares`). */
  CpuShares?: Maybe<Scalars['Int64']['output']>;
  /** CPUs the process may use (`Cpuset`). */
  Cpuset?: Maybe<Scalars['String']['output']>;
  /** DNS servers (`Dns`). */
  Dns?: Maybe<Array<Scalars['String']['output']>>;
  /** Domain name (`Domainname`). */
  Domainname?: Maybe<Scalars['String']['output']>;
  /** Entrypoint (`Entrypoint`). */
  Entrypoint?: Maybe<Array<Scalars['String']['output']>>;
  /** Environment variables as `NAME=value` strings, in image order (`Env`). */
  Env?: Maybe<Array<Scalars['String']['output']>>;
  /**
   * Exposed ports (`ExposedPorts`), e.g. `8080/tcp`: the keys of the upstream map, sorted (its values
   * are always empty objects). Null when absent.
   */
  ExposedPorts?: Maybe<Array<Scalars['String']['output']>>;
  /** Hostname (`Hostname`). */
  Hostname?: Maybe<Scalars['String']['output']>;
  /** Image the container was created from (`Image`). */
  Image?: Maybe<Scalars['String']['output']>;
  /** Image labels (`Labels`) as entries sorted by key; null when absent. */
  Labels?: Maybe<Array<StringEntry>>;
  /** Memory limit in bytes (`Memory`). */
  Memory?: Maybe<Scalars['Int64']['output']>;
  /** Memory plus swap limit in bytes (`MemorySwap`). */
  MemorySwap?: Maybe<Scalars['Int64']['output']>;
  /** Networking disabled (`NetworkDisabled`). */
  NetworkDisabled?: Maybe<Scalars['Boolean']['output']>;
  /** Instructions run when the image is used as a base (`OnBuild`). */
  OnBuild?: Maybe<Array<Scalars['String']['output']>>;
  /** Keep standard input open (`OpenStdin`). */
  OpenStdin?: Maybe<Scalars['Boolean']['output']>;
  /** Legacy port specs (`PortSpecs`). */
  PortSpecs?: Maybe<Array<Scalars['String']['output']>>;
  /** Security options (`SecurityOpts`). */
  SecurityOpts?: Maybe<Array<Scalars['String']['output']>>;
  /** Close standard input after one attach (`StdinOnce`). */
  StdinOnce?: Maybe<Scalars['Boolean']['output']>;
  /** Allocate a TTY (`Tty`). */
  Tty?: Maybe<Scalars['Boolean']['output']>;
  /** User (and optionally group) the process runs as (`User`), e.g. `1001`. */
  User?: Maybe<Scalars['String']['output']>;
  /**
   * Volume mount points (`Volumes`): the keys of the upstream map, sorted (its values are always empty
   * objects). Null when absent.
   */
  Volumes?: Maybe<Array<Scalars['String']['output']>>;
  /** Container to take volumes from (`VolumesFrom`). */
  VolumesFrom?: Maybe<Scalars['String']['output']>;
  /** Working directory (`WorkingDir`). */
  WorkingDir?: Maybe<Scalars['String']['output']>;
  /** The value of one image label (from `Labels`), or null when that key is not set. Derived. */
  label?: Maybe<Scalars['String']['output']>;
};


/**
 * Docker container configuration (`Config` and `ContainerConfig` of `dockerImageMetadata`). Keys are
 * capitalised as the API writes them; every field is optional and null when absent. Sets (maps whose
 * values are always empty objects, `ExposedPorts` and `Volumes`) are returned as their sorted keys.
 */
export type DockerConfigLabelArgs = {
  key: Scalars['String']['input'];
};

/**
 * The legacy Docker image description embedded in an Image (`dockerImageMetadata`, kind `DockerImage`,
 * apiVersion `image.openshift.io/1.0`). Keys are Docker-style and capitalised exactly as the API
 * writes them. Every field is optional upstream and null when absent.
 */
export type DockerImageMetadata = {
  __typename?: 'DockerImageMetadata';
  /** CPU architecture (`Architecture`), e.g. `amd64`. */
  Architecture?: Maybe<Scalars['String']['output']>;
  /** Author (`Author`). */
  Author?: Maybe<Scalars['String']['output']>;
  /** Comment (`Comment`). */
  Comment?: Maybe<Scalars['String']['output']>;
  /** The image's runtime configuration (`Config`): command, environment, ports, labels, … */
  Config?: Maybe<DockerConfig>;
  /** Id of the container the image was committed from (`Container`). */
  Container?: Maybe<Scalars['String']['output']>;
  /** Configuration of the container the image was committed from (`ContainerConfig`); often empty. */
  ContainerConfig?: Maybe<DockerConfig>;
  /**
   * When the image was built (`Created`). For a manifest list whose raw manifest is still stored, the
   * API sets this to the time of each request, so it is not stable.
   */
  Created?: Maybe<Scalars['Time']['output']>;
  /** Docker version that built the image (`DockerVersion`). */
  DockerVersion?: Maybe<Scalars['String']['output']>;
  /**
   * Image id (`Id`): the **config digest** for schema2 and OCI images, the list digest for manifest
   * lists, the v1 id for schema1.
   */
  Id?: Maybe<Scalars['String']['output']>;
  /** Id of the parent image (`Parent`), schema1 only. */
  Parent?: Maybe<Scalars['String']['output']>;
  /**
   * Size in bytes (`Size`): for schema2 and OCI images, the length of the config JSON plus the sum of
   * the unique layer sizes.
   */
  Size?: Maybe<Scalars['Int64']['output']>;
  /** `image.openshift.io/1.0` (`apiVersion`). */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /** `DockerImage` (`kind`). */
  kind?: Maybe<Scalars['String']['output']>;
};

/**
 * A container image (`image.openshift.io/v1` Image, cluster-scoped): one manifest, named by its
 * digest. For a manifest list (index), `dockerImageManifests` lists the per-platform children, and
 * `dockerImageLayers` is absent. Fields are named as in `oc get image <digest> -o json`; fields whose
 * description says "Derived" are computed by this gateway from the others.
 */
export type Image = {
  __typename?: 'Image';
  /** `image.openshift.io/v1` (`apiVersion`). Null when nested in an ImageStreamImage, as the API omits it. */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /** The manifest digest, `sha256:<64 hex>`: the same as `metadata.name`. Derived. */
  digest?: Maybe<Scalars['String']['output']>;
  /**
   * The raw image config JSON (`dockerImageConfig`). **Always null through an ImageStreamImage**: the
   * API server strips it. Never set for manifest lists.
   */
  dockerImageConfig?: Maybe<Scalars['String']['output']>;
  /**
   * Layer blobs, base layer first (`dockerImageLayers`). Null when the API omits them, as it does for
   * manifest lists; an empty list when the API sent an empty list. The same digest may appear more
   * than once (schema1 empty layers). Immutable.
   */
  dockerImageLayers?: Maybe<Array<ImageLayer>>;
  /**
   * The raw manifest JSON (`dockerImageManifest`). **Always null through an ImageStreamImage**: the API
   * server strips it. Kept so that the schema mirrors the Image object.
   */
  dockerImageManifest?: Maybe<Scalars['String']['output']>;
  /**
   * Media type of the manifest (`dockerImageManifestMediaType`), e.g.
   * `application/vnd.docker.distribution.manifest.v2+json`, `application/vnd.oci.image.manifest.v1+json`,
   * `application/vnd.docker.distribution.manifest.list.v2+json`, `application/vnd.oci.image.index.v1+json`
   * or `application/vnd.docker.distribution.manifest.v1+json` (schema1).
   */
  dockerImageManifestMediaType?: Maybe<Scalars['String']['output']>;
  /**
   * Per-platform child manifests of a manifest list or OCI index (`dockerImageManifests`); null for a
   * single-platform image. Each child is itself an Image, see `ImageManifest.image`.
   */
  dockerImageManifests?: Maybe<Array<ImageManifest>>;
  /**
   * The embedded legacy Docker image description (`dockerImageMetadata`, kind `DockerImage`,
   * apiVersion `image.openshift.io/1.0`), with Docker-style capitalised keys. Immutable. See
   * `dockerImageMetadataRaw` for the JSON exactly as sent.
   */
  dockerImageMetadata?: Maybe<DockerImageMetadata>;
  /**
   * `dockerImageMetadata` exactly as the API sent it, as raw JSON (it is a Kubernetes RawExtension and
   * may carry keys `DockerImageMetadata` does not name). Null when absent.
   */
  dockerImageMetadataRaw?: Maybe<Scalars['JSON']['output']>;
  /** Version of the `dockerImageMetadata` format (`dockerImageMetadataVersion`); `1.0` (also the meaning when empty). */
  dockerImageMetadataVersion?: Maybe<Scalars['String']['output']>;
  /**
   * Pull spec where the image lives (`dockerImageReference`), e.g.
   * `docker.io/library/ubuntu@sha256:…` or `image-registry.openshift-image-registry.svc:5000/ns/name@sha256:…`.
   * Through an ImageStreamImage it is **not** rewritten: it is wherever the cluster first saw this
   * digest, possibly another namespace or registry.
   */
  dockerImageReference?: Maybe<Scalars['String']['output']>;
  /** Schema1 JWS signatures as opaque base64 blobs (`dockerImageSignatures`). Practically always null. */
  dockerImageSignatures?: Maybe<Array<Scalars['String']['output']>>;
  /**
   * True when this image is a manifest list or OCI index: it has `dockerImageManifests` entries, or
   * its `dockerImageManifestMediaType` is a list or index media type. Derived.
   */
  isManifestList: Scalars['Boolean']['output'];
  /** `Image` (`kind`). Null when the Image is nested in an ImageStreamImage: the API omits it there. */
  kind?: Maybe<Scalars['String']['output']>;
  /**
   * The number of entries in `dockerImageLayers` (duplicates counted). Null when `dockerImageLayers`
   * is null, e.g. for a manifest list. Derived.
   */
  layerCount?: Maybe<Scalars['Int']['output']>;
  /**
   * Metadata of the Image object (`metadata`): `name` is the manifest digest; `uid`,
   * `resourceVersion` and `creationTimestamp` (when the cluster first stored it), and `labels` and
   * `annotations` if any. Labels, annotations and resourceVersion can change; the digest cannot.
   */
  metadata: ObjectMeta;
  /**
   * The platform of a single-platform image, from `dockerImageMetadata.Architecture`. The API records
   * only the architecture for an image, so `os` and `variant` are null here (a manifest list entry,
   * `ImageManifest`, has all three). Null for a manifest list (see `platforms`) and when the
   * architecture is unknown. Derived.
   */
  platform?: Maybe<Platform>;
  /**
   * The platforms of a manifest list, one per `dockerImageManifests` entry in the same order. Null for
   * a single-platform image (see `platform`). Derived.
   */
  platforms?: Maybe<Array<Platform>>;
  /**
   * Signatures attached to the image (`signatures`), with their verification state. Null when there
   * are none (the API omits an empty list). Signatures can be added and removed over time.
   */
  signatures?: Maybe<Array<ImageSignature>>;
  /**
   * Sum of the sizes in bytes of the distinct layer blobs in `dockerImageLayers` (a digest listed
   * twice counts once): the most a pull downloads. Unlike `dockerImageMetadata.Size` it excludes the
   * config blob. Null when `dockerImageLayers` is null, e.g. for a manifest list. Derived.
   */
  totalLayerSize?: Maybe<Scalars['Int64']['output']>;
};

/** One layer blob of an image (ImageLayer). */
export type ImageLayer = {
  __typename?: 'ImageLayer';
  /** Blob media type (`mediaType`), e.g. `application/vnd.oci.image.layer.v1.tar+gzip`. */
  mediaType: Scalars['String']['output'];
  /** Blob digest (`name`), e.g. `sha256:…`; schema1 images may use `tarsum…` names. */
  name: Scalars['String']['output'];
  /** Blob size in bytes (`size`; the Go field is LayerSize). May exceed 2^31. */
  size: Scalars['Int64']['output'];
};

/** One entry of a manifest list or OCI index (ImageManifest): a per-platform child manifest. */
export type ImageManifest = {
  __typename?: 'ImageManifest';
  /** CPU architecture (`architecture`), e.g. `amd64`, `arm64`, `ppc64le`, `s390x`. */
  architecture: Scalars['String']['output'];
  /** Digest of the child manifest (`digest`). It names another Image, available as `image`. */
  digest: Scalars['String']['output'];
  /**
   * The child Image, read through the same namespace and image stream as the manifest list
   * (`<stream>@<digest>`; the API resolves manifest-list children of a stream even though they are not
   * in its tag history). Null, with an error, when that lookup fails. Each child costs one upstream
   * request; siblings are batched and duplicates fetched once.
   */
  image?: Maybe<Image>;
  /** Size of the child manifest in bytes (`manifestSize`). */
  manifestSize: Scalars['Int64']['output'];
  /** Media type of the child manifest (`mediaType`). */
  mediaType: Scalars['String']['output'];
  /** Operating system (`os`), e.g. `linux`. */
  os: Scalars['String']['output'];
  /** CPU variant (`variant`), e.g. `v8`, `v7`; null when not given. */
  variant?: Maybe<Scalars['String']['output']>;
};

/**
 * A signature attached to an image (ImageSignature, embedded in `Image.signatures`). Its verification
 * results are recorded in `conditions` by whoever verified it (`oc adm verify-image-signature --save`
 * or a trusted controller); the gateway does not verify signatures itself.
 */
export type ImageSignature = {
  __typename?: 'ImageSignature';
  /** `apiVersion`. Null for embedded signatures: the API omits it there. */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /**
   * Verification conditions (`conditions`). The API understands the types `Trusted`, `ForImage`,
   * `Expired` and `Revoked`, each with status `True`, `False` or `Unknown`. Null when the signature
   * was never verified. See `verificationState` for a summary.
   */
  conditions?: Maybe<Array<SignatureCondition>>;
  /**
   * The opaque signature blob, base64-encoded (`content`); for AtomicImageV1 a GPG-signed JSON payload.
   * Immutable once stored.
   */
  content: Scalars['String']['output'];
  /** When the signature was created (`created`). */
  created?: Maybe<Scalars['Time']['output']>;
  /**
   * Human-readable identity of the signed image (`imageIdentity`), e.g.
   * `registry.access.redhat.com/rhel7/rhel:7.2`. Set only once the signature was verified.
   */
  imageIdentity?: Maybe<Scalars['String']['output']>;
  /** Issuer of the signing key or certificate (`issuedBy`); `oc adm verify-image-signature` puts only the GPG short key id in `commonName`. */
  issuedBy?: Maybe<SignatureIssuer>;
  /** Who signed (`issuedTo`). */
  issuedTo?: Maybe<SignatureSubject>;
  /** `kind`. Null for embedded signatures: the API omits it there. */
  kind?: Maybe<Scalars['String']['output']>;
  /**
   * Metadata (`metadata`): `name` is `<imageDigest>@<signatureName>` (the import controller uses the
   * sha256 hex of the signature blob as signatureName) and `creationTimestamp` when it was added.
   */
  metadata?: Maybe<ObjectMeta>;
  /** The value of one signed claim (from `signedClaims`), or null when that key is not set. Derived. */
  signedClaim?: Maybe<Scalars['String']['output']>;
  /**
   * Claims parsed from the signature (`signedClaims`) as entries sorted by key; null when absent. Set
   * only once the signature was verified.
   */
  signedClaims?: Maybe<Array<StringEntry>>;
  /** Signature type (`type`); the only supported value is `AtomicImageV1`. */
  type: Scalars['String']['output'];
  /**
   * A summary of `conditions`, derived by this gateway, checked in this order: REVOKED if a `Revoked`
   * condition is `True`; EXPIRED if an `Expired` condition is `True`; UNVERIFIED if there is no
   * `Trusted` condition or its status is `Unknown`; UNTRUSTED if `Trusted` is `False`, or if
   * `Trusted` is `True` but `ForImage` is not `True` (the signature does not vouch for this image);
   * otherwise (`Trusted` and `ForImage` both `True`) VERIFIED. Derived.
   */
  verificationState: SignatureVerificationState;
};


/**
 * A signature attached to an image (ImageSignature, embedded in `Image.signatures`). Its verification
 * results are recorded in `conditions` by whoever verified it (`oc adm verify-image-signature --save`
 * or a trusted controller); the gateway does not verify signatures itself.
 */
export type ImageSignatureSignedClaimArgs = {
  key: Scalars['String']['input'];
};

/**
 * An image as read through an image stream (`image.openshift.io/v1` ImageStreamImage, short name
 * `isimage`). The API builds it on each request from the stream and the Image: `metadata` comes
 * partly from the stream, `image` is the full Image (its raw manifest and config always stripped).
 */
export type ImageStreamImage = {
  __typename?: 'ImageStreamImage';
  /** `image.openshift.io/v1` (`apiVersion`). */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /**
   * The image (`image`), with `dockerImageManifest` and `dockerImageConfig` always empty. Its
   * `metadata.name` (also `digest`) is the full digest, even when the request used a prefix.
   */
  image: Image;
  /** `ImageStreamImage` (`kind`). */
  kind?: Maybe<Scalars['String']['output']>;
  /**
   * Metadata (`metadata`): `name` is `<stream>@<id>` with the id exactly as requested (a partial id
   * stays partial), `namespace` is the request namespace, `creationTimestamp` is the Image's, and
   * `annotations` are the **ImageStream's**. There is no uid, resourceVersion or labels.
   */
  metadata: ObjectMeta;
  /**
   * The id as requested: the part of `metadata.name` after `@`, possibly a partial digest. Compare
   * with `image.digest` for the full digest. Derived; null only if the API sent no name.
   */
  requestedId?: Maybe<Scalars['String']['output']>;
  /** The image stream this image was read through: the part of the name before `@`. Derived. */
  stream: Scalars['String']['output'];
};

/**
 * Standard Kubernetes object metadata (`metadata`), limited to the fields the image API returns. Which
 * fields are set depends on the object: an Image has `name` (its digest), `uid`, `resourceVersion`,
 * `creationTimestamp` and maybe `labels` and `annotations`; an ImageStreamImage has `name`,
 * `namespace`, `creationTimestamp` and `annotations` only; an embedded signature has `name` and
 * `creationTimestamp`. A field the API omitted is null.
 */
export type ObjectMeta = {
  __typename?: 'ObjectMeta';
  /** The value of one annotation (from `metadata.annotations`), or null when that key is not set. Derived. */
  annotation?: Maybe<Scalars['String']['output']>;
  /**
   * Annotations (`metadata.annotations`) as entries sorted by key; null when the object has none. On
   * an ImageStreamImage these are the **ImageStream's** annotations (e.g.
   * `openshift.io/image.dockerRepositoryCheck`, which changes on every import), not the Image's. Image
   * annotations seen in practice: `image.openshift.io/dockerLayersOrder`,
   * `image.openshift.io/manifestBlobStored`, `openshift.io/image.managed`, build annotations.
   */
  annotations?: Maybe<Array<StringEntry>>;
  /**
   * Creation time (`metadata.creationTimestamp`). For an Image: when the cluster first stored it. For an
   * ImageStreamImage: copied from its Image. For a signature: set by whoever added it.
   */
  creationTimestamp?: Maybe<Scalars['Time']['output']>;
  /** The value of one label (from `metadata.labels`), or null when that key is not set. Derived. */
  label?: Maybe<Scalars['String']['output']>;
  /**
   * Labels (`metadata.labels`) as entries sorted by key; null when the object has none (the API omits
   * an empty map). An ImageStreamImage never has labels.
   */
  labels?: Maybe<Array<StringEntry>>;
  /**
   * Object name (`metadata.name`). For an Image it is the manifest digest `sha256:<64 hex>`; for an
   * ImageStreamImage it is `<stream>@<id>` with the id exactly as requested (possibly partial); for an
   * ImageSignature it is `<imageDigest>@<signatureName>`.
   */
  name?: Maybe<Scalars['String']['output']>;
  /**
   * Namespace (`metadata.namespace`). Set on an ImageStreamImage (the namespace it was requested in);
   * null on an Image, which is cluster-scoped.
   */
  namespace?: Maybe<Scalars['String']['output']>;
  /**
   * Opaque etcd revision (`metadata.resourceVersion`); changes on every update of the object (for an
   * Image: when signatures, labels or annotations change). An ImageStreamImage has none.
   */
  resourceVersion?: Maybe<Scalars['String']['output']>;
  /** Unique id of the stored object (`metadata.uid`), a UUID. Set on an Image; an ImageStreamImage has none. */
  uid?: Maybe<Scalars['String']['output']>;
};


/**
 * Standard Kubernetes object metadata (`metadata`), limited to the fields the image API returns. Which
 * fields are set depends on the object: an Image has `name` (its digest), `uid`, `resourceVersion`,
 * `creationTimestamp` and maybe `labels` and `annotations`; an ImageStreamImage has `name`,
 * `namespace`, `creationTimestamp` and `annotations` only; an embedded signature has `name` and
 * `creationTimestamp`. A field the API omitted is null.
 */
export type ObjectMetaAnnotationArgs = {
  key: Scalars['String']['input'];
};


/**
 * Standard Kubernetes object metadata (`metadata`), limited to the fields the image API returns. Which
 * fields are set depends on the object: an Image has `name` (its digest), `uid`, `resourceVersion`,
 * `creationTimestamp` and maybe `labels` and `annotations`; an ImageStreamImage has `name`,
 * `namespace`, `creationTimestamp` and `annotations` only; an embedded signature has `name` and
 * `creationTimestamp`. A field the API omitted is null.
 */
export type ObjectMetaLabelArgs = {
  key: Scalars['String']['input'];
};

/** A platform: operating system, CPU architecture and variant. Derived from the image data. */
export type Platform = {
  __typename?: 'Platform';
  /** CPU architecture, e.g. `amd64` or `arm64`. */
  architecture: Scalars['String']['output'];
  /** Operating system, e.g. `linux`; null when the API does not record it (single-platform images). */
  os?: Maybe<Scalars['String']['output']>;
  /** CPU variant, e.g. `v8`; null when not given. */
  variant?: Maybe<Scalars['String']['output']>;
};

/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type Query = {
  __typename?: 'Query';
  /**
   * One image as seen through an image stream:
   * `GET /apis/image.openshift.io/v1/namespaces/{namespace}/imagestreamimages/{name}`
   * (`oc get isimage <name> -n <namespace> -o json`). Any image in the stream's tag history resolves,
   * and so does every child of a manifest list in it. Returns an error with code `NOT_FOUND` when the
   * stream does not exist, no image of the stream matches the id, or the image was pruned;
   * `BAD_USER_INPUT` when `name` is not `<stream>@<id>` (no request is made then).
   */
  imageStreamImage?: Maybe<ImageStreamImage>;
  /**
   * Several images of one namespace at once (the same lookup as `imageStreamImage` for each name).
   * Duplicate names cost one upstream request. The list has one entry per name, in order: an entry is
   * null, with an error whose `path` ends at its index, when that name is malformed or its lookup
   * failed; the other entries are unaffected.
   */
  imageStreamImages: Array<Maybe<ImageStreamImage>>;
};


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryImageStreamImageArgs = {
  name: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryImageStreamImagesArgs = {
  names: Array<Scalars['String']['input']>;
  namespace: Scalars['String']['input'];
};

/** One verification condition of a signature (SignatureCondition). */
export type SignatureCondition = {
  __typename?: 'SignatureCondition';
  /** Last time the condition was checked (`lastProbeTime`); null when never set. */
  lastProbeTime?: Maybe<Scalars['Time']['output']>;
  /** Last time the status changed (`lastTransitionTime`); null when never set. */
  lastTransitionTime?: Maybe<Scalars['Time']['output']>;
  /** Human-readable message (`message`), e.g. `verified by user "kube:admin"`. */
  message?: Maybe<Scalars['String']['output']>;
  /** Short machine-readable reason (`reason`), e.g. `manually verified`. */
  reason?: Maybe<Scalars['String']['output']>;
  /** Condition status (`status`): `True`, `False` or `Unknown`. */
  status: Scalars['String']['output'];
  /** Condition type (`type`): `Trusted`, `ForImage`, `Expired` or `Revoked`. */
  type: Scalars['String']['output'];
};

/** Issuer of a signing key or certificate (SignatureIssuer). */
export type SignatureIssuer = {
  __typename?: 'SignatureIssuer';
  /** Common name (`commonName`), e.g. a GPG short key id. */
  commonName?: Maybe<Scalars['String']['output']>;
  /** Organization (`organization`). */
  organization?: Maybe<Scalars['String']['output']>;
};

/** The holder of a signing key (SignatureSubject). */
export type SignatureSubject = {
  __typename?: 'SignatureSubject';
  /** Common name (`commonName`). */
  commonName?: Maybe<Scalars['String']['output']>;
  /** Organization (`organization`). */
  organization?: Maybe<Scalars['String']['output']>;
  /**
   * Id of the signing key (`publicKeyID`), at least the low 64 bits of the fingerprint, e.g.
   * `0x685ebe62bf278440`. Always sent by the API, possibly as an empty string.
   */
  publicKeyID: Scalars['String']['output'];
};

/** The verification state of a signature, derived from its conditions (see `ImageSignature.verificationState`). */
export type SignatureVerificationState =
  /** An `Expired` condition is `True` (and it is not revoked). */
  | 'EXPIRED'
  /** A `Revoked` condition is `True`. */
  | 'REVOKED'
  /** Checked and not trusted for this image: `Trusted` is `False`, or `ForImage` is not `True`. */
  | 'UNTRUSTED'
  /** Never verified, or the result is unknown: no `Trusted` condition, or its status is `Unknown`. */
  | 'UNVERIFIED'
  /** Verified: `Trusted` and `ForImage` are both `True`, and it is neither expired nor revoked. */
  | 'VERIFIED';

/**
 * One entry of a string-to-string map (labels, annotations, signed claims, Docker labels). Maps are
 * returned as lists of entries sorted by `key`, so that their order is stable.
 */
export type StringEntry = {
  __typename?: 'StringEntry';
  /** The map key, e.g. `image.openshift.io/dockerLayersOrder`. */
  key: Scalars['String']['output'];
  /** The value stored under `key`. */
  value: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DockerConfig: ResolverTypeWrapper<DockerConfigMapper>;
  DockerImageMetadata: ResolverTypeWrapper<DockerImageMetadataMapper>;
  Image: ResolverTypeWrapper<ImageMapper>;
  ImageLayer: ResolverTypeWrapper<ImageLayerMapper>;
  ImageManifest: ResolverTypeWrapper<ImageManifestMapper>;
  ImageSignature: ResolverTypeWrapper<ImageSignatureMapper>;
  ImageStreamImage: ResolverTypeWrapper<ImageStreamImageMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Int64: ResolverTypeWrapper<Scalars['Int64']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  ObjectMeta: ResolverTypeWrapper<ObjectMetaMapper>;
  Platform: ResolverTypeWrapper<Platform>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SignatureCondition: ResolverTypeWrapper<SignatureConditionMapper>;
  SignatureIssuer: ResolverTypeWrapper<SignatureIssuerMapper>;
  SignatureSubject: ResolverTypeWrapper<SignatureSubjectMapper>;
  SignatureVerificationState: SignatureVerificationState;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  StringEntry: ResolverTypeWrapper<StringEntry>;
  Time: ResolverTypeWrapper<Scalars['Time']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  DockerConfig: DockerConfigMapper;
  DockerImageMetadata: DockerImageMetadataMapper;
  Image: ImageMapper;
  ImageLayer: ImageLayerMapper;
  ImageManifest: ImageManifestMapper;
  ImageSignature: ImageSignatureMapper;
  ImageStreamImage: ImageStreamImageMapper;
  Int: Scalars['Int']['output'];
  Int64: Scalars['Int64']['output'];
  JSON: Scalars['JSON']['output'];
  ObjectMeta: ObjectMetaMapper;
  Platform: Platform;
  Query: Record<PropertyKey, never>;
  SignatureCondition: SignatureConditionMapper;
  SignatureIssuer: SignatureIssuerMapper;
  SignatureSubject: SignatureSubjectMapper;
  String: Scalars['String']['output'];
  StringEntry: StringEntry;
  Time: Scalars['Time']['output'];
};

export type DockerConfigResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DockerConfig'] = ResolversParentTypes['DockerConfig']> = {
  AttachStderr?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  AttachStdin?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  AttachStdout?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  Cmd?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  CpuShares?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  Cpuset?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Dns?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  Domainname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Entrypoint?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  Env?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  ExposedPorts?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  Hostname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Image?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Labels?: Resolver<Maybe<Array<ResolversTypes['StringEntry']>>, ParentType, ContextType>;
  Memory?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  MemorySwap?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  NetworkDisabled?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  OnBuild?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  OpenStdin?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  PortSpecs?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  SecurityOpts?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  StdinOnce?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  Tty?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  User?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Volumes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  VolumesFrom?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  WorkingDir?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<DockerConfigLabelArgs, 'key'>>;
};

export type DockerImageMetadataResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DockerImageMetadata'] = ResolversParentTypes['DockerImageMetadata']> = {
  Architecture?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Author?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Config?: Resolver<Maybe<ResolversTypes['DockerConfig']>, ParentType, ContextType>;
  Container?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ContainerConfig?: Resolver<Maybe<ResolversTypes['DockerConfig']>, ParentType, ContextType>;
  Created?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  DockerVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Id?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Parent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  Size?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  digest?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageConfig?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageLayers?: Resolver<Maybe<Array<ResolversTypes['ImageLayer']>>, ParentType, ContextType>;
  dockerImageManifest?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageManifestMediaType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageManifests?: Resolver<Maybe<Array<ResolversTypes['ImageManifest']>>, ParentType, ContextType>;
  dockerImageMetadata?: Resolver<Maybe<ResolversTypes['DockerImageMetadata']>, ParentType, ContextType>;
  dockerImageMetadataRaw?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  dockerImageMetadataVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageSignatures?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  isManifestList?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  layerCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  platform?: Resolver<Maybe<ResolversTypes['Platform']>, ParentType, ContextType>;
  platforms?: Resolver<Maybe<Array<ResolversTypes['Platform']>>, ParentType, ContextType>;
  signatures?: Resolver<Maybe<Array<ResolversTypes['ImageSignature']>>, ParentType, ContextType>;
  totalLayerSize?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
};

export type ImageLayerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageLayer'] = ResolversParentTypes['ImageLayer']> = {
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
};

export type ImageManifestResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageManifest'] = ResolversParentTypes['ImageManifest']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  manifestSize?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  os?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImageSignatureResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageSignature'] = ResolversParentTypes['ImageSignature']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conditions?: Resolver<Maybe<Array<ResolversTypes['SignatureCondition']>>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  created?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  imageIdentity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  issuedBy?: Resolver<Maybe<ResolversTypes['SignatureIssuer']>, ParentType, ContextType>;
  issuedTo?: Resolver<Maybe<ResolversTypes['SignatureSubject']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['ObjectMeta']>, ParentType, ContextType>;
  signedClaim?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<ImageSignatureSignedClaimArgs, 'key'>>;
  signedClaims?: Resolver<Maybe<Array<ResolversTypes['StringEntry']>>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verificationState?: Resolver<ResolversTypes['SignatureVerificationState'], ParentType, ContextType>;
};

export type ImageStreamImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamImage'] = ResolversParentTypes['ImageStreamImage']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  requestedId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface Int64ScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Int64'], any> {
  name: 'Int64';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ObjectMetaResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ObjectMeta'] = ResolversParentTypes['ObjectMeta']> = {
  annotation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<ObjectMetaAnnotationArgs, 'key'>>;
  annotations?: Resolver<Maybe<Array<ResolversTypes['StringEntry']>>, ParentType, ContextType>;
  creationTimestamp?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<ObjectMetaLabelArgs, 'key'>>;
  labels?: Resolver<Maybe<Array<ResolversTypes['StringEntry']>>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  namespace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resourceVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  uid?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PlatformResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Platform'] = ResolversParentTypes['Platform']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  os?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  imageStreamImage?: Resolver<Maybe<ResolversTypes['ImageStreamImage']>, ParentType, ContextType, RequireFields<QueryImageStreamImageArgs, 'name' | 'namespace'>>;
  imageStreamImages?: Resolver<Array<Maybe<ResolversTypes['ImageStreamImage']>>, ParentType, ContextType, RequireFields<QueryImageStreamImagesArgs, 'names' | 'namespace'>>;
};

export type SignatureConditionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SignatureCondition'] = ResolversParentTypes['SignatureCondition']> = {
  lastProbeTime?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  lastTransitionTime?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SignatureIssuerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SignatureIssuer'] = ResolversParentTypes['SignatureIssuer']> = {
  commonName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SignatureSubjectResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SignatureSubject'] = ResolversParentTypes['SignatureSubject']> = {
  commonName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicKeyID?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StringEntryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['StringEntry'] = ResolversParentTypes['StringEntry']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface TimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Time'], any> {
  name: 'Time';
}

export type Resolvers<ContextType = GatewayContext> = {
  DockerConfig?: DockerConfigResolvers<ContextType>;
  DockerImageMetadata?: DockerImageMetadataResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  ImageLayer?: ImageLayerResolvers<ContextType>;
  ImageManifest?: ImageManifestResolvers<ContextType>;
  ImageSignature?: ImageSignatureResolvers<ContextType>;
  ImageStreamImage?: ImageStreamImageResolvers<ContextType>;
  Int64?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  ObjectMeta?: ObjectMetaResolvers<ContextType>;
  Platform?: PlatformResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SignatureCondition?: SignatureConditionResolvers<ContextType>;
  SignatureIssuer?: SignatureIssuerResolvers<ContextType>;
  SignatureSubject?: SignatureSubjectResolvers<ContextType>;
  StringEntry?: StringEntryResolvers<ContextType>;
  Time?: GraphQLScalarType;
};

