/**
 * Mapper types: what each GraphQL object's resolvers receive as `parent` (wired in `codegen.ts`).
 * Mostly the upstream JSON objects themselves; an Image and a manifest-list entry also carry the
 * namespace and stream they were read through, so that children resolve through the same stream.
 */
import type { ImageOrigin, LoadedImageStreamImage } from '../loaders/types.js';
import type {
  DockerConfigResource,
  DockerImageMetadataResource,
  ImageLayerResource,
  ImageManifestResource,
  ImageResource,
  ImageSignatureResource,
  ObjectMetaResource,
  SignatureConditionResource,
  SignatureIssuerResource,
  SignatureSubjectResource,
} from '../model/resources.js';

/** `ImageStreamImage`: the decoded response and where it was read. */
export type ImageStreamImageMapper = LoadedImageStreamImage;

/** `Image`: the upstream Image plus the namespace and stream it was read through. */
export interface ImageMapper {
  readonly resource: ImageResource;
  readonly origin: ImageOrigin;
}

/** `ImageManifest`: one manifest-list entry plus the origin of the list it belongs to. */
export interface ImageManifestMapper {
  readonly resource: ImageManifestResource;
  readonly origin: ImageOrigin;
}

/** `ImageLayer`: the upstream layer. */
export type ImageLayerMapper = ImageLayerResource;
/** `ObjectMeta`: the upstream metadata. */
export type ObjectMetaMapper = ObjectMetaResource;
/** `ImageSignature`: the upstream embedded signature. */
export type ImageSignatureMapper = ImageSignatureResource;
/** `SignatureCondition`: the upstream condition. */
export type SignatureConditionMapper = SignatureConditionResource;
/** `SignatureIssuer`: the upstream issuer. */
export type SignatureIssuerMapper = SignatureIssuerResource;
/** `SignatureSubject`: the upstream subject. */
export type SignatureSubjectMapper = SignatureSubjectResource;
/** `DockerImageMetadata`: the upstream embedded `DockerImage` object. */
export type DockerImageMetadataMapper = DockerImageMetadataResource;
/** `DockerConfig`: the upstream Docker container configuration. */
export type DockerConfigMapper = DockerConfigResource;

/** `StringEntry`: one key and value of an upstream string map. */
export interface StringEntryMapper {
  readonly key: string;
  readonly value: string;
}
/** `Platform`: what an image or a manifest-list entry says it runs on. */
export interface PlatformMapper {
  readonly architecture: string;
  readonly os: string | null;
  readonly variant: string | null;
}

/** The `Image` of a loaded ImageStreamImage, carrying the origin it was read through. */
export function imageOf(loaded: LoadedImageStreamImage): ImageMapper {
  return { resource: loaded.resource.image, origin: loaded.origin };
}
