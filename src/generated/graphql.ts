import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ImageStreamImageMapper, ImageMapper, ImageManifestMapper, ImageLayerMapper, ObjectMetaMapper, ImageSignatureMapper, SignatureConditionMapper, SignatureIssuerMapper, SignatureSubjectMapper, DockerImageMetadataMapper, DockerConfigMapper } from '../resolvers/mappers.js';
import type { ImageStreamMapper, ImageStreamSpecMapper, ImageStreamStatusMapper, NamedTagEventListMapper, TagEventMapper, TagReferenceMapper, TagEventConditionMapper, ImageStreamTagSummaryMapper, TagImportErrorMapper, ImageStreamTagMapper, ImageStreamConnectionMapper, ImageStreamEdgeMapper } from '../resolvers/navigation-mappers.js';
import type { ImageStreamEventMapper, TagUpdatedMapper, TagRemovedMapper, StreamDeletedMapper, ImportFailedMapper, ResyncRequiredMapper } from '../resolvers/subscription-mappers.js';
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
export type Image = Node & {
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
  /** Global id: depends only on the digest, so one image reached through two tags, streams or namespaces has one id. Derived. */
  id: Scalars['ID']['output'];
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

/** `ImageLookupPolicy`. */
export type ImageLookupPolicy = {
  __typename?: 'ImageLookupPolicy';
  /** Whether the stream's tags resolve by short name in pods of the namespace (`local`). */
  local: Scalars['Boolean']['output'];
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
 * An image stream (`image.openshift.io/v1` ImageStream, short name `is`): named tags (`spec`), what
 * each tag resolved to over time (`status`), and the registry repository that serves them.
 */
export type ImageStream = Node & {
  __typename?: 'ImageStream';
  /** `image.openshift.io/v1` (`apiVersion`). Null for an item of a list page. */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /** `status.dockerImageRepository`: the integrated-registry repository; null when empty. Derived shortcut. */
  dockerImageRepository?: Maybe<Scalars['String']['output']>;
  /** Global id (namespace and name). Derived. */
  id: Scalars['ID']['output'];
  /** Import failures: the `ImportSuccess=False` condition of each tag that has one, as on the console's details tab. Derived. */
  importErrors: Array<TagImportError>;
  /** `ImageStream` (`kind`). Null for an item of a list page, where the API omits it. */
  kind?: Maybe<Scalars['String']['output']>;
  /** The newest `created` of any tag's current image (`items[0]`); null when no tag has an image. Derived. */
  lastUpdated?: Maybe<Scalars['Time']['output']>;
  /** Metadata (`metadata`): name, namespace, uid, resourceVersion, generation, creationTimestamp, labels, annotations. */
  metadata: ObjectMeta;
  /** `status.publicDockerImageRepository`: set only when the registry route is exposed. Derived shortcut. */
  publicDockerImageRepository?: Maybe<Scalars['String']['output']>;
  /** The desired tags (`spec`). */
  spec: ImageStreamSpec;
  /** What the tags resolved to (`status`); null when the API sent none. */
  status?: Maybe<ImageStreamStatus>;
  /** One entry of `tags` by name, or null when the stream has no such tag. Derived. */
  tag?: Maybe<ImageStreamTagSummary>;
  /**
   * The tag table: spec and status tags merged by name, sorted by name (as the server sorts both).
   * Covers the three states the console must render: spec only (not imported yet or failed), status
   * only (pushed), both. Derived.
   */
  tags: Array<ImageStreamTagSummary>;
  /**
   * Every event of every tag (`status.tags[].items[]`), newest first (ties: by tag name): the
   * console's History tab. Derived.
   */
  timeline: Array<TagEvent>;
};


/**
 * An image stream (`image.openshift.io/v1` ImageStream, short name `is`): named tags (`spec`), what
 * each tag resolved to over time (`status`), and the registry repository that serves them.
 */
export type ImageStreamTagArgs = {
  name: Scalars['String']['input'];
};


/**
 * An image stream (`image.openshift.io/v1` ImageStream, short name `is`): named tags (`spec`), what
 * each tag resolved to over time (`status`), and the registry repository that serves them.
 */
export type ImageStreamTimelineArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of image streams (a Relay connection over the Kubernetes list with `limit` and `continue`). */
export type ImageStreamConnection = {
  __typename?: 'ImageStreamConnection';
  /** The streams of this page, in the API server's order (by name). */
  edges: Array<ImageStreamEdge>;
  /** Whether more pages exist, and the cursor to get the next one. */
  pageInfo: PageInfo;
  /**
   * How many streams are left after this page (`metadata.remainingItemCount`), an estimate; null when
   * the API server does not say (on the last page, and whenever a selector is used).
   */
  remainingItemCount?: Maybe<Scalars['Int64']['output']>;
  /** The snapshot this page was read at (`metadata.resourceVersion`); all pages share the first page's. */
  resourceVersion?: Maybe<Scalars['String']['output']>;
};

/** One image stream of a page. */
export type ImageStreamEdge = {
  __typename?: 'ImageStreamEdge';
  /** A cursor to pass as `after` to continue right after this stream. */
  cursor: Scalars['String']['output'];
  /** The image stream. */
  node: ImageStream;
};

/** One change of an image stream, as `Subscription.imageStreamChanged` delivers it. */
export type ImageStreamEvent = {
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** The stream as of this event (for `StreamDeleted`, its last known state). */
  stream?: Maybe<ImageStream>;
};

/**
 * An image as read through an image stream (`image.openshift.io/v1` ImageStreamImage, short name
 * `isimage`). The API builds it on each request from the stream and the Image: `metadata` comes
 * partly from the stream, `image` is the full Image (its raw manifest and config always stripped).
 */
export type ImageStreamImage = Node & {
  __typename?: 'ImageStreamImage';
  /** `image.openshift.io/v1` (`apiVersion`). */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /** Global id of the image as seen through this stream (namespace, stream and full digest). Derived. */
  id: Scalars['ID']['output'];
  /**
   * The image (`image`), with `dockerImageManifest` and `dockerImageConfig` always empty. Its
   * `metadata.name` (also `digest`) is the full digest, even when the request used a prefix.
   */
  image: Image;
  /**
   * The image stream this image was read through (`GET .../imagestreams/{stream}`, 1 GET, shared with
   * every other use of the stream in the request). Reading a stream needs `get imagestreams`.
   */
  imageStream?: Maybe<ImageStream>;
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

/** The spec of an image stream (`spec`). */
export type ImageStreamSpec = {
  __typename?: 'ImageStreamSpec';
  /** Deprecated upstream: an external repository the stream mirrors (`dockerImageRepository`). */
  dockerImageRepository?: Maybe<Scalars['String']['output']>;
  /** Whether pods may use the stream's tags by short name (`lookupPolicy`). */
  lookupPolicy?: Maybe<ImageLookupPolicy>;
  /** The spec tags (`tags`), sorted by name. */
  tags: Array<TagReference>;
};

/** The status of an image stream (`status`). */
export type ImageStreamStatus = {
  __typename?: 'ImageStreamStatus';
  /**
   * The integrated-registry repository (`dockerImageRepository`), e.g.
   * `image-registry.openshift-image-registry.svc:5000/demo/ubuntu`; `""` when no registry is set up.
   */
  dockerImageRepository?: Maybe<Scalars['String']['output']>;
  /** The public repository through the registry route (`publicDockerImageRepository`); null when the route is not exposed. */
  publicDockerImageRepository?: Maybe<Scalars['String']['output']>;
  /** The history of each tag (`tags`), sorted by tag. */
  tags: Array<NamedTagEventList>;
};

/**
 * An image stream tag (`image.openshift.io/v1` ImageStreamTag, short name `istag`): the image a tag
 * points at now, with the spec tag and conditions. It has no history: read `imageStream` for that.
 */
export type ImageStreamTag = Node & {
  __typename?: 'ImageStreamTag';
  /** `image.openshift.io/v1` (`apiVersion`). */
  apiVersion?: Maybe<Scalars['String']['output']>;
  /** Conditions from the status tag (`conditions`). */
  conditions: Array<TagEventCondition>;
  /** The current image's full digest (`image.metadata.name`). Derived. */
  digest: Scalars['String']['output'];
  /**
   * The pull spec the API wrote for this tag (`image.dockerImageReference` of the istag, rewritten by
   * referencePolicy: `Local` gives `status.dockerImageRepository@digest`). Derived.
   */
  dockerImageReference?: Maybe<Scalars['String']['output']>;
  /** Generation of the current tag event (`generation`). */
  generation?: Maybe<Scalars['Int64']['output']>;
  /** Global id (namespace and `<stream>:<tag>`). Derived. */
  id: Scalars['ID']['output'];
  /**
   * The current image as an `Image` object, read through the stream (one more GET, shared with every
   * other read of the digest in the request). Not the istag's embedded copy, whose reference and
   * annotations the API rewrites per tag: an `Image` has one id per digest, so it shows the Image's own fields.
   */
  image?: Maybe<Image>;
  /** The image stream of the tag (1 GET, shared in the request), e.g. for the tag's history. */
  imageStream?: Maybe<ImageStream>;
  /** `ImageStreamTag` (`kind`). */
  kind?: Maybe<Scalars['String']['output']>;
  /** Copied from the stream's spec (`lookupPolicy`). */
  lookupPolicy?: Maybe<ImageLookupPolicy>;
  /**
   * Metadata (`metadata`): name `<stream>:<tag>`; uid and resourceVersion are the **stream's**,
   * labels are the stream's, annotations the spec tag's; creationTimestamp is when the current event was created.
   */
  metadata: ObjectMeta;
  /** The spec tag (`tag`); null when the tag exists only in status. */
  tag?: Maybe<TagReference>;
};

/**
 * One row of a stream's tag table: the spec tag and the status history of one name, merged. Derived
 * from the ImageStream alone (no extra request) except for `image`.
 */
export type ImageStreamTagSummary = {
  __typename?: 'ImageStreamTagSummary';
  /** The tag's conditions (`conditions`). */
  conditions: Array<TagEventCondition>;
  /** The current event (`items[0]`); null when the tag has no image. */
  current?: Maybe<TagEvent>;
  /** The history, newest first (the status `items`); empty for a spec-only tag. */
  history: Array<TagEvent>;
  /**
   * The image the tag points at now (`items[0]`), read through this stream (1 GET per distinct
   * digest, 0 when cached; `FORBIDDEN` for a caller who may read streams but not images).
   */
  image?: Maybe<Image>;
  /** The failed import, when the tag's `ImportSuccess` condition is `False`; null otherwise. */
  importError?: Maybe<TagImportError>;
  /** When the tag last moved (`items[0].created`); null when it has no image. */
  lastUpdated?: Maybe<Scalars['Time']['output']>;
  /** The tag name. */
  name: Scalars['String']['output'];
  /** `current.publicPullSpec`; null when the route is not exposed or the tag has no image. */
  publicPullSpec?: Maybe<Scalars['String']['output']>;
  /** `current.pullSpec`: a pull spec by digest following the referencePolicy; null when the tag has no image. */
  pullSpec?: Maybe<Scalars['String']['output']>;
  /** The spec tag; null for a status-only (pushed) tag. */
  spec?: Maybe<TagReference>;
  /** Whether the tag is in the spec, the status, or both. */
  state: TagState;
};


/**
 * One row of a stream's tag table: the spec tag and the status history of one name, merged. Derived
 * from the ImageStream alone (no extra request) except for `image`.
 */
export type ImageStreamTagSummaryHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** An import of a tag failed (its `ImportSuccess` condition became `False`, or its failure changed). */
export type ImportFailed = ImageStreamEvent & {
  __typename?: 'ImportFailed';
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** The condition's message (`message`). */
  message?: Maybe<Scalars['String']['output']>;
  /** The condition's reason (`reason`), e.g. `NotFound`. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The stream as of this event. */
  stream?: Maybe<ImageStream>;
  /** The tag whose import failed. */
  tag: Scalars['String']['output'];
};

/** The history of one tag (`NamedTagEventList`). */
export type NamedTagEventList = {
  __typename?: 'NamedTagEventList';
  /** Conditions (`conditions`), e.g. `ImportSuccess=False` after a failed import. */
  conditions: Array<TagEventCondition>;
  /** The events, newest first (`items`): `items[0]` is the image the tag points at now. Empty when no import ever succeeded. */
  items: Array<TagEvent>;
  /** The tag name (`tag`). */
  tag: Scalars['String']['output'];
};

/**
 * An object with a global id (the Relay Object Identification convention). Ids are opaque, stable
 * and round-trip through `Query.node(id:)`. Frontend caches (Apollo Client, urql graphcache) key
 * normalized objects by `__typename` and `id` without any configuration.
 */
export type Node = {
  /**
   * The object's global id: opaque (do not parse it), stable (the same object always has the same
   * id), and accepted by `Query.node(id:)`. An `Image` id depends only on the image's digest.
   */
  id: Scalars['ID']['output'];
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

/** An object reference (`ObjectReference`). */
export type ObjectReference = {
  __typename?: 'ObjectReference';
  /** `DockerImage`, `ImageStreamTag` or `ImageStreamImage` (`kind`). */
  kind?: Maybe<Scalars['String']['output']>;
  /** The image pull spec, `<stream>:<tag>` or `<stream>@<digest>` (`name`). */
  name?: Maybe<Scalars['String']['output']>;
  /** The namespace of an `ImageStreamTag` or `ImageStreamImage` source (`namespace`); null for the same namespace. */
  namespace?: Maybe<Scalars['String']['output']>;
};

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last edge: pass it as `after` for the next page. Null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when the API server returned a continue token: another page exists. */
  hasNextPage: Scalars['Boolean']['output'];
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
   * One image stream (`GET /apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams/{name}`,
   * `oc get is <name> -o json`): its spec, its status with every tag's history, and the derived tag
   * table and timeline. 1 GET; each image reached from it is one more (one per distinct digest).
   * `NOT_FOUND` when the stream does not exist; `BAD_USER_INPUT` for a malformed name (no request).
   */
  imageStream?: Maybe<ImageStream>;
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
  /**
   * One image stream tag (`GET .../namespaces/{namespace}/imagestreamtags/{stream}:{tag}`,
   * `oc get istag <stream>:<tag> -o json`): the image a tag points at now, with the spec tag and
   * conditions. `NOT_FOUND` for a tag with no image yet (a spec-only tag: read it through
   * `imageStream { tag(name:) }` instead); `BAD_USER_INPUT` for a name that is not `<stream>:<tag>`.
   */
  imageStreamTag?: Maybe<ImageStreamTag>;
  /**
   * One page of the image streams of a namespace
   * (`GET /apis/image.openshift.io/v1/namespaces/{namespace}/imagestreams?limit=&continue=`): one
   * upstream GET per page. Needs `list imagestreams`. `first` maps to `limit` and `after` to
   * `continue`; all pages come from the first page's snapshot. An `after` cursor expires upstream
   * (about five minutes): then the answer is `CURSOR_EXPIRED` and the client starts over without
   * `after`. A selector the API server rejects is `BAD_USER_INPUT`.
   */
  imageStreams: ImageStreamConnection;
  /**
   * The object with this global id, read again with the caller's own permissions: an
   * `ImageStream` costs 1 GET, an `ImageStreamTag` 2, an `ImageStreamImage` 1. An `Image` id names only
   * a digest, so it is read through the stream this caller most recently read it through (within
   * `CACHE_ACCESS_TTL_SECONDS`); otherwise it is `NOT_FOUND` (read it through a stream first). A
   * malformed id is `BAD_USER_INPUT` without any upstream request.
   */
  node?: Maybe<Node>;
};


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryImageStreamArgs = {
  name: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
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


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryImageStreamTagArgs = {
  name: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryImageStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  fieldSelector?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  labelSelector?: InputMaybe<Scalars['String']['input']>;
  namespace: Scalars['String']['input'];
};


/**
 * Read-only access to the OpenShift image API (`image.openshift.io/v1`) with the caller's permissions:
 * the caller needs `get` on `imagestreamimages` in the namespace.
 */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};

/**
 * The moves of these tags cannot be told exactly (the stream's history no longer holds what this
 * subscriber last saw, or the stream was deleted and created again): read the stream again.
 * Later events are exact again.
 */
export type ResyncRequired = ImageStreamEvent & {
  __typename?: 'ResyncRequired';
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** Why. */
  reason: Scalars['String']['output'];
  /** The stream now. */
  stream?: Maybe<ImageStream>;
  /** The tags to read again. */
  tags: Array<Scalars['String']['output']>;
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

/** The stream was deleted. The last event: the subscription ends after it. */
export type StreamDeleted = ImageStreamEvent & {
  __typename?: 'StreamDeleted';
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** The stream's last known state. */
  stream?: Maybe<ImageStream>;
};

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

/**
 * Live updates, derived from the API server's ImageStream watch (docs/subscriptions.md). Served over
 * GraphQL over SSE: `POST /graphql` with `Accept: text/event-stream` (yoga's built-in transport), or the
 * graphql-sse protocol's distinct-connections mode at `/graphql/stream` (the `graphql-sse` client).
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * What happens to one image stream's tags: a tag moving to another image (`TagUpdated`), a tag
   * removed (`TagRemoved`), a failed import (`ImportFailed`), the stream deleted (`StreamDeleted`, the
   * last event). Changes that move no tag head (annotations, other status) send nothing, and
   * nothing is sent on subscribing: the first event is the first change after it.
   *
   * Each event has a `cursor`; pass the last one as `after` to resume after a disconnect: every move
   * missed in between is delivered once, oldest first, or `ResyncRequired` when the stream's history
   * no longer records them. Needs `get imagestreams` in the namespace (checked with the caller's own
   * credential on subscribing and again every `CACHE_ACCESS_TTL_SECONDS`: losing it ends the
   * subscription with `FORBIDDEN` or `UNAUTHENTICATED`). Ends with a retryable `SUBSCRIPTION_CLOSED`
   * after `SUBSCRIPTION_MAX_LIFETIME_SECONDS` or when the gateway drains, and with `SLOW_CONSUMER` when
   * the client does not read: both carry `extensions.cursor` to resume from.
   */
  imageStreamChanged: ImageStreamEvent;
};


/**
 * Live updates, derived from the API server's ImageStream watch (docs/subscriptions.md). Served over
 * GraphQL over SSE: `POST /graphql` with `Accept: text/event-stream` (yoga's built-in transport), or the
 * graphql-sse protocol's distinct-connections mode at `/graphql/stream` (the `graphql-sse` client).
 */
export type SubscriptionImageStreamChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};

/** One history entry of a tag (`TagEvent`): an image the tag pointed at, and when. */
export type TagEvent = {
  __typename?: 'TagEvent';
  /** When the tag started pointing at the image (`created`). */
  created: Scalars['Time']['output'];
  /** The pull spec recorded for the event (`dockerImageReference`). */
  dockerImageReference: Scalars['String']['output'];
  /** The spec-tag generation that produced the event (`generation`). */
  generation: Scalars['Int64']['output'];
  /** The image's full digest (`image`). */
  image: Scalars['String']['output'];
  /**
   * The image, read through this stream (`GET .../imagestreamimages/{stream}@{digest}` with the full
   * digest; one GET per distinct digest in a request, 0 when the caller's read is cached). Needs
   * `get imagestreamimages`: a caller who may read the stream but not its images gets `FORBIDDEN` here.
   */
  imageStreamImage?: Maybe<ImageStreamImage>;
  /** The same image through the public registry route, `publicDockerImageRepository@digest`; null when the route is not exposed. Derived. */
  publicPullSpec?: Maybe<Scalars['String']['output']>;
  /**
   * A pull spec to copy, by digest, following the tag's referencePolicy: `Local` gives
   * `status.dockerImageRepository@digest`, `Source` the event's `dockerImageReference`. Derived.
   */
  pullSpec: Scalars['String']['output'];
  /** The tag this event belongs to. Derived. */
  tag: Scalars['String']['output'];
};

/** A condition of a tag's status (`TagEventCondition`). */
export type TagEventCondition = {
  __typename?: 'TagEventCondition';
  /** The spec generation the condition is about (`generation`). */
  generation: Scalars['Int64']['output'];
  /** When the status last changed (`lastTransitionTime`). */
  lastTransitionTime?: Maybe<Scalars['Time']['output']>;
  /** A human-readable message (`message`). */
  message?: Maybe<Scalars['String']['output']>;
  /** A machine-readable reason (`reason`), e.g. `NotFound`. */
  reason?: Maybe<Scalars['String']['output']>;
  /** `True`, `False` or `Unknown` (`status`). */
  status: Scalars['String']['output'];
  /** `ImportSuccess` (`type`). */
  type: Scalars['String']['output'];
};

/** A failed import of a tag (its `ImportSuccess=False` condition). */
export type TagImportError = {
  __typename?: 'TagImportError';
  /** When the import started failing (`lastTransitionTime`). */
  lastTransitionTime?: Maybe<Scalars['Time']['output']>;
  /** The condition's message (`message`). */
  message?: Maybe<Scalars['String']['output']>;
  /** The condition's reason (`reason`). */
  reason?: Maybe<Scalars['String']['output']>;
  /** The tag. Derived. */
  tag: Scalars['String']['output'];
};

/** `TagImportPolicy`. */
export type TagImportPolicy = {
  __typename?: 'TagImportPolicy';
  /** `Legacy` (one platform is imported) or `PreserveOriginal` (the manifest list is kept) (`importMode`). */
  importMode?: Maybe<Scalars['String']['output']>;
  /** Whether the source registry may be insecure (`insecure`). */
  insecure?: Maybe<Scalars['Boolean']['output']>;
  /** Whether the tag is re-imported periodically (`scheduled`). */
  scheduled?: Maybe<Scalars['Boolean']['output']>;
};

/** A spec tag (`TagReference`): what a tag should point at and how it is imported. */
export type TagReference = {
  __typename?: 'TagReference';
  /** Annotations of the tag (`annotations`), sorted by key; null when none. */
  annotations?: Maybe<Array<StringEntry>>;
  /** Where the tag comes from (`from`): a `DockerImage`, an `ImageStreamTag` or an `ImageStreamImage`. */
  from?: Maybe<ObjectReference>;
  /** The spec generation of the tag (`generation`). */
  generation?: Maybe<Scalars['Int64']['output']>;
  /** How the tag is imported (`importPolicy`). */
  importPolicy?: Maybe<TagImportPolicy>;
  /** The tag name (`name`). */
  name: Scalars['String']['output'];
  /** Whether the tag is only a reference, never imported (`reference`). */
  reference?: Maybe<Scalars['Boolean']['output']>;
  /** How pull specs of the tag are written (`referencePolicy`). */
  referencePolicy?: Maybe<TagReferencePolicy>;
};

/** `TagReferencePolicy`. */
export type TagReferencePolicy = {
  __typename?: 'TagReferencePolicy';
  /**
   * `Source` (pull specs name the source registry) or `Local` (pull specs name the integrated
   * registry, `status.dockerImageRepository@digest`) (`type`).
   */
  type?: Maybe<Scalars['String']['output']>;
};

/** A tag was removed from the stream's status (`oc tag -d`). */
export type TagRemoved = ImageStreamEvent & {
  __typename?: 'TagRemoved';
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** The digest it pointed at; null when not known (after a resume). */
  previousImage?: Maybe<Scalars['String']['output']>;
  /** The stream as of this event. */
  stream?: Maybe<ImageStream>;
  /** The removed tag. */
  tag: Scalars['String']['output'];
};

/** Whether a tag exists in the spec, in the status, or both. */
export type TagState =
  /** In both. */
  | 'BOTH'
  /** Only in `spec.tags`: not imported yet, or every import failed. */
  | 'SPEC_ONLY'
  /** Only in `status.tags`: pushed to the registry, never specified. */
  | 'STATUS_ONLY';

/** A tag now points at another image (a push, an import, `oc tag`). */
export type TagUpdated = ImageStreamEvent & {
  __typename?: 'TagUpdated';
  /** Opaque: pass it as `after` to resume right after this event. */
  cursor: Scalars['String']['output'];
  /** The tag event itself (`status.tags[].items[]`): when, and the pull spec recorded. */
  event: TagEvent;
  /** The full digest the tag points at now. */
  image: Scalars['String']['output'];
  /**
   * The new image, read through this stream with the subscriber's own credential (1 GET, 0 when the
   * subscriber's read is cached). Needs `get imagestreamimages`: `FORBIDDEN` here otherwise.
   */
  imageStreamImage?: Maybe<ImageStreamImage>;
  /** The full digest it pointed at before; null for a new tag. */
  previousImage?: Maybe<Scalars['String']['output']>;
  /** The stream as of this event. */
  stream?: Maybe<ImageStream>;
  /** The tag that moved. */
  tag: Scalars['String']['output'];
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




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  ImageStreamEvent:
    | ( ImportFailedMapper )
    | ( ResyncRequiredMapper )
    | ( StreamDeletedMapper )
    | ( TagRemovedMapper )
    | ( TagUpdatedMapper )
  ;
  Node:
    | ( ImageMapper )
    | ( ImageStreamMapper )
    | ( ImageStreamImageMapper )
    | ( ImageStreamTagMapper )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DockerConfig: ResolverTypeWrapper<DockerConfigMapper>;
  DockerImageMetadata: ResolverTypeWrapper<DockerImageMetadataMapper>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Image: ResolverTypeWrapper<ImageMapper>;
  ImageLayer: ResolverTypeWrapper<ImageLayerMapper>;
  ImageLookupPolicy: ResolverTypeWrapper<ImageLookupPolicy>;
  ImageManifest: ResolverTypeWrapper<ImageManifestMapper>;
  ImageSignature: ResolverTypeWrapper<ImageSignatureMapper>;
  ImageStream: ResolverTypeWrapper<ImageStreamMapper>;
  ImageStreamConnection: ResolverTypeWrapper<ImageStreamConnectionMapper>;
  ImageStreamEdge: ResolverTypeWrapper<ImageStreamEdgeMapper>;
  ImageStreamEvent: ResolverTypeWrapper<ImageStreamEventMapper>;
  ImageStreamImage: ResolverTypeWrapper<ImageStreamImageMapper>;
  ImageStreamSpec: ResolverTypeWrapper<ImageStreamSpecMapper>;
  ImageStreamStatus: ResolverTypeWrapper<ImageStreamStatusMapper>;
  ImageStreamTag: ResolverTypeWrapper<ImageStreamTagMapper>;
  ImageStreamTagSummary: ResolverTypeWrapper<ImageStreamTagSummaryMapper>;
  ImportFailed: ResolverTypeWrapper<ImportFailedMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Int64: ResolverTypeWrapper<Scalars['Int64']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  NamedTagEventList: ResolverTypeWrapper<NamedTagEventListMapper>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  ObjectMeta: ResolverTypeWrapper<ObjectMetaMapper>;
  ObjectReference: ResolverTypeWrapper<ObjectReference>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Platform: ResolverTypeWrapper<Platform>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ResyncRequired: ResolverTypeWrapper<ResyncRequiredMapper>;
  SignatureCondition: ResolverTypeWrapper<SignatureConditionMapper>;
  SignatureIssuer: ResolverTypeWrapper<SignatureIssuerMapper>;
  SignatureSubject: ResolverTypeWrapper<SignatureSubjectMapper>;
  SignatureVerificationState: SignatureVerificationState;
  StreamDeleted: ResolverTypeWrapper<StreamDeletedMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  StringEntry: ResolverTypeWrapper<StringEntry>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TagEvent: ResolverTypeWrapper<TagEventMapper>;
  TagEventCondition: ResolverTypeWrapper<TagEventConditionMapper>;
  TagImportError: ResolverTypeWrapper<TagImportErrorMapper>;
  TagImportPolicy: ResolverTypeWrapper<TagImportPolicy>;
  TagReference: ResolverTypeWrapper<TagReferenceMapper>;
  TagReferencePolicy: ResolverTypeWrapper<TagReferencePolicy>;
  TagRemoved: ResolverTypeWrapper<TagRemovedMapper>;
  TagState: TagState;
  TagUpdated: ResolverTypeWrapper<TagUpdatedMapper>;
  Time: ResolverTypeWrapper<Scalars['Time']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  DockerConfig: DockerConfigMapper;
  DockerImageMetadata: DockerImageMetadataMapper;
  ID: Scalars['ID']['output'];
  Image: ImageMapper;
  ImageLayer: ImageLayerMapper;
  ImageLookupPolicy: ImageLookupPolicy;
  ImageManifest: ImageManifestMapper;
  ImageSignature: ImageSignatureMapper;
  ImageStream: ImageStreamMapper;
  ImageStreamConnection: ImageStreamConnectionMapper;
  ImageStreamEdge: ImageStreamEdgeMapper;
  ImageStreamEvent: ImageStreamEventMapper;
  ImageStreamImage: ImageStreamImageMapper;
  ImageStreamSpec: ImageStreamSpecMapper;
  ImageStreamStatus: ImageStreamStatusMapper;
  ImageStreamTag: ImageStreamTagMapper;
  ImageStreamTagSummary: ImageStreamTagSummaryMapper;
  ImportFailed: ImportFailedMapper;
  Int: Scalars['Int']['output'];
  Int64: Scalars['Int64']['output'];
  JSON: Scalars['JSON']['output'];
  NamedTagEventList: NamedTagEventListMapper;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  ObjectMeta: ObjectMetaMapper;
  ObjectReference: ObjectReference;
  PageInfo: PageInfo;
  Platform: Platform;
  Query: Record<PropertyKey, never>;
  ResyncRequired: ResyncRequiredMapper;
  SignatureCondition: SignatureConditionMapper;
  SignatureIssuer: SignatureIssuerMapper;
  SignatureSubject: SignatureSubjectMapper;
  StreamDeleted: StreamDeletedMapper;
  String: Scalars['String']['output'];
  StringEntry: StringEntry;
  Subscription: Record<PropertyKey, never>;
  TagEvent: TagEventMapper;
  TagEventCondition: TagEventConditionMapper;
  TagImportError: TagImportErrorMapper;
  TagImportPolicy: TagImportPolicy;
  TagReference: TagReferenceMapper;
  TagReferencePolicy: TagReferencePolicy;
  TagRemoved: TagRemovedMapper;
  TagUpdated: TagUpdatedMapper;
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
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isManifestList?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  layerCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  platform?: Resolver<Maybe<ResolversTypes['Platform']>, ParentType, ContextType>;
  platforms?: Resolver<Maybe<Array<ResolversTypes['Platform']>>, ParentType, ContextType>;
  signatures?: Resolver<Maybe<Array<ResolversTypes['ImageSignature']>>, ParentType, ContextType>;
  totalLayerSize?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageLayerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageLayer'] = ResolversParentTypes['ImageLayer']> = {
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
};

export type ImageLookupPolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageLookupPolicy'] = ResolversParentTypes['ImageLookupPolicy']> = {
  local?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
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

export type ImageStreamResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStream'] = ResolversParentTypes['ImageStream']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  dockerImageRepository?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  importErrors?: Resolver<Array<ResolversTypes['TagImportError']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastUpdated?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  publicDockerImageRepository?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  spec?: Resolver<ResolversTypes['ImageStreamSpec'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['ImageStreamStatus']>, ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['ImageStreamTagSummary']>, ParentType, ContextType, RequireFields<ImageStreamTagArgs, 'name'>>;
  tags?: Resolver<Array<ResolversTypes['ImageStreamTagSummary']>, ParentType, ContextType>;
  timeline?: Resolver<Array<ResolversTypes['TagEvent']>, ParentType, ContextType, Partial<ImageStreamTimelineArgs>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageStreamConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamConnection'] = ResolversParentTypes['ImageStreamConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImageStreamEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  remainingItemCount?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  resourceVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ImageStreamEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamEdge'] = ResolversParentTypes['ImageStreamEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ImageStream'], ParentType, ContextType>;
};

export type ImageStreamEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamEvent'] = ResolversParentTypes['ImageStreamEvent']> = {
  __resolveType: TypeResolveFn<'ImportFailed' | 'ResyncRequired' | 'StreamDeleted' | 'TagRemoved' | 'TagUpdated', ParentType, ContextType>;
};

export type ImageStreamImageResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamImage'] = ResolversParentTypes['ImageStreamImage']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  imageStream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  requestedId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageStreamSpecResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamSpec'] = ResolversParentTypes['ImageStreamSpec']> = {
  dockerImageRepository?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lookupPolicy?: Resolver<Maybe<ResolversTypes['ImageLookupPolicy']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['TagReference']>, ParentType, ContextType>;
};

export type ImageStreamStatusResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamStatus'] = ResolversParentTypes['ImageStreamStatus']> = {
  dockerImageRepository?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicDockerImageRepository?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['NamedTagEventList']>, ParentType, ContextType>;
};

export type ImageStreamTagResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamTag'] = ResolversParentTypes['ImageStreamTag']> = {
  apiVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  conditions?: Resolver<Array<ResolversTypes['TagEventCondition']>, ParentType, ContextType>;
  digest?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dockerImageReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  generation?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  imageStream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lookupPolicy?: Resolver<Maybe<ResolversTypes['ImageLookupPolicy']>, ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['ObjectMeta'], ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['TagReference']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageStreamTagSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImageStreamTagSummary'] = ResolversParentTypes['ImageStreamTagSummary']> = {
  conditions?: Resolver<Array<ResolversTypes['TagEventCondition']>, ParentType, ContextType>;
  current?: Resolver<Maybe<ResolversTypes['TagEvent']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['TagEvent']>, ParentType, ContextType, Partial<ImageStreamTagSummaryHistoryArgs>>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  importError?: Resolver<Maybe<ResolversTypes['TagImportError']>, ParentType, ContextType>;
  lastUpdated?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publicPullSpec?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pullSpec?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  spec?: Resolver<Maybe<ResolversTypes['TagReference']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TagState'], ParentType, ContextType>;
};

export type ImportFailedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ImportFailed'] = ResolversParentTypes['ImportFailed']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface Int64ScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Int64'], any> {
  name: 'Int64';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type NamedTagEventListResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['NamedTagEventList'] = ResolversParentTypes['NamedTagEventList']> = {
  conditions?: Resolver<Array<ResolversTypes['TagEventCondition']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['TagEvent']>, ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type NodeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Image' | 'ImageStream' | 'ImageStreamImage' | 'ImageStreamTag', ParentType, ContextType>;
};

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

export type ObjectReferenceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ObjectReference'] = ResolversParentTypes['ObjectReference']> = {
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  namespace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlatformResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Platform'] = ResolversParentTypes['Platform']> = {
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  os?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  variant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  imageStream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType, RequireFields<QueryImageStreamArgs, 'name' | 'namespace'>>;
  imageStreamImage?: Resolver<Maybe<ResolversTypes['ImageStreamImage']>, ParentType, ContextType, RequireFields<QueryImageStreamImageArgs, 'name' | 'namespace'>>;
  imageStreamImages?: Resolver<Array<Maybe<ResolversTypes['ImageStreamImage']>>, ParentType, ContextType, RequireFields<QueryImageStreamImagesArgs, 'names' | 'namespace'>>;
  imageStreamTag?: Resolver<Maybe<ResolversTypes['ImageStreamTag']>, ParentType, ContextType, RequireFields<QueryImageStreamTagArgs, 'name' | 'namespace'>>;
  imageStreams?: Resolver<ResolversTypes['ImageStreamConnection'], ParentType, ContextType, RequireFields<QueryImageStreamsArgs, 'namespace'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
};

export type ResyncRequiredResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ResyncRequired'] = ResolversParentTypes['ResyncRequired']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
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

export type StreamDeletedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['StreamDeleted'] = ResolversParentTypes['StreamDeleted']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type StringEntryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['StringEntry'] = ResolversParentTypes['StringEntry']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  imageStreamChanged?: SubscriptionResolver<ResolversTypes['ImageStreamEvent'], "imageStreamChanged", ParentType, ContextType, RequireFields<SubscriptionImageStreamChangedArgs, 'name' | 'namespace'>>;
};

export type TagEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagEvent'] = ResolversParentTypes['TagEvent']> = {
  created?: Resolver<ResolversTypes['Time'], ParentType, ContextType>;
  dockerImageReference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  generation?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  imageStreamImage?: Resolver<Maybe<ResolversTypes['ImageStreamImage']>, ParentType, ContextType>;
  publicPullSpec?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pullSpec?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TagEventConditionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagEventCondition'] = ResolversParentTypes['TagEventCondition']> = {
  generation?: Resolver<ResolversTypes['Int64'], ParentType, ContextType>;
  lastTransitionTime?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TagImportErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagImportError'] = ResolversParentTypes['TagImportError']> = {
  lastTransitionTime?: Resolver<Maybe<ResolversTypes['Time']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TagImportPolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagImportPolicy'] = ResolversParentTypes['TagImportPolicy']> = {
  importMode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  insecure?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  scheduled?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type TagReferenceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagReference'] = ResolversParentTypes['TagReference']> = {
  annotations?: Resolver<Maybe<Array<ResolversTypes['StringEntry']>>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['ObjectReference']>, ParentType, ContextType>;
  generation?: Resolver<Maybe<ResolversTypes['Int64']>, ParentType, ContextType>;
  importPolicy?: Resolver<Maybe<ResolversTypes['TagImportPolicy']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  referencePolicy?: Resolver<Maybe<ResolversTypes['TagReferencePolicy']>, ParentType, ContextType>;
};

export type TagReferencePolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagReferencePolicy'] = ResolversParentTypes['TagReferencePolicy']> = {
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TagRemovedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagRemoved'] = ResolversParentTypes['TagRemoved']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previousImage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TagUpdatedResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TagUpdated'] = ResolversParentTypes['TagUpdated']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['TagEvent'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  imageStreamImage?: Resolver<Maybe<ResolversTypes['ImageStreamImage']>, ParentType, ContextType>;
  previousImage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['ImageStream']>, ParentType, ContextType>;
  tag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface TimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Time'], any> {
  name: 'Time';
}

export type Resolvers<ContextType = GatewayContext> = {
  DockerConfig?: DockerConfigResolvers<ContextType>;
  DockerImageMetadata?: DockerImageMetadataResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  ImageLayer?: ImageLayerResolvers<ContextType>;
  ImageLookupPolicy?: ImageLookupPolicyResolvers<ContextType>;
  ImageManifest?: ImageManifestResolvers<ContextType>;
  ImageSignature?: ImageSignatureResolvers<ContextType>;
  ImageStream?: ImageStreamResolvers<ContextType>;
  ImageStreamConnection?: ImageStreamConnectionResolvers<ContextType>;
  ImageStreamEdge?: ImageStreamEdgeResolvers<ContextType>;
  ImageStreamEvent?: ImageStreamEventResolvers<ContextType>;
  ImageStreamImage?: ImageStreamImageResolvers<ContextType>;
  ImageStreamSpec?: ImageStreamSpecResolvers<ContextType>;
  ImageStreamStatus?: ImageStreamStatusResolvers<ContextType>;
  ImageStreamTag?: ImageStreamTagResolvers<ContextType>;
  ImageStreamTagSummary?: ImageStreamTagSummaryResolvers<ContextType>;
  ImportFailed?: ImportFailedResolvers<ContextType>;
  Int64?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  NamedTagEventList?: NamedTagEventListResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  ObjectMeta?: ObjectMetaResolvers<ContextType>;
  ObjectReference?: ObjectReferenceResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Platform?: PlatformResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResyncRequired?: ResyncRequiredResolvers<ContextType>;
  SignatureCondition?: SignatureConditionResolvers<ContextType>;
  SignatureIssuer?: SignatureIssuerResolvers<ContextType>;
  SignatureSubject?: SignatureSubjectResolvers<ContextType>;
  StreamDeleted?: StreamDeletedResolvers<ContextType>;
  StringEntry?: StringEntryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TagEvent?: TagEventResolvers<ContextType>;
  TagEventCondition?: TagEventConditionResolvers<ContextType>;
  TagImportError?: TagImportErrorResolvers<ContextType>;
  TagImportPolicy?: TagImportPolicyResolvers<ContextType>;
  TagReference?: TagReferenceResolvers<ContextType>;
  TagReferencePolicy?: TagReferencePolicyResolvers<ContextType>;
  TagRemoved?: TagRemovedResolvers<ContextType>;
  TagUpdated?: TagUpdatedResolvers<ContextType>;
  Time?: GraphQLScalarType;
};

