/**
 * The resolver map handed to the executable schema (see `schema.ts`). The value types of
 * `valueTypeResolvers` (ImageLayer, the signature parts, DockerImageMetadata, Platform, StringEntry,
 * the policies) resolve only their `id`: GraphQL's default resolver reads every other field.
 */
import type { Resolvers } from '../generated/graphql.js';
import { DockerConfig } from './DockerConfig.js';
import { Image } from './Image.js';
import { ImageManifest } from './ImageManifest.js';
import { ImageSignature } from './ImageSignature.js';
import { ImageStreamImage } from './ImageStreamImage.js';
import { ObjectMeta } from './ObjectMeta.js';
import { imageStreamImage } from './Query/imageStreamImage.js';
import { imageStreamImages } from './Query/imageStreamImages.js';
import { imageStream } from './Query/imageStream.js';
import { imageStreamTag } from './Query/imageStreamTag.js';
import { imageStreams } from './Query/imageStreams.js';
import { node } from './Query/node.js';
import { ImageStream } from './ImageStream.js';
import { ImageStreamConnection } from './ImageStreamConnection.js';
import { ImageStreamSpec } from './ImageStreamSpec.js';
import { ImageStreamStatus } from './ImageStreamStatus.js';
import { ImageStreamTag } from './ImageStreamTag.js';
import { ImageStreamTagSummary } from './ImageStreamTagSummary.js';
import { NamedTagEventList } from './NamedTagEventList.js';
import { Node } from './Node.js';
import { TagEvent } from './TagEvent.js';
import { TagImportError } from './TagImportError.js';
import { TagReference } from './TagReference.js';
import { Int64Scalar } from './scalars/Int64.js';
import { JSONScalar } from './scalars/JSON.js';
import { TimeScalar } from './scalars/Time.js';
import { valueTypeResolvers } from './value-ids.js';

import { imageStreamChanged } from './Subscription/imageStreamChanged.js';
import {
  ImageStreamEvent,
  ImportFailed,
  ResyncRequired,
  StreamDeleted,
  TagRemoved,
  TagUpdated,
} from './ImageStreamEvent.js';

/** All resolvers of the public schema. */
export const resolvers: Resolvers = {
  Query: { imageStreamImage, imageStreamImages, imageStreams, imageStream, imageStreamTag, node },
  Subscription: { imageStreamChanged },
  ImageStreamEvent,
  TagUpdated,
  TagRemoved,
  StreamDeleted,
  ImportFailed,
  ResyncRequired,
  Node,
  ImageStream,
  ImageStreamSpec,
  ImageStreamStatus,
  NamedTagEventList,
  TagEvent,
  TagReference,
  TagImportError,
  ImageStreamTagSummary,
  ImageStreamTag,
  ImageStreamConnection,
  ImageStreamImage,
  Image,
  ImageManifest,
  ImageSignature,
  ObjectMeta,
  DockerConfig,
  ...valueTypeResolvers,
  Int64: Int64Scalar,
  Time: TimeScalar,
  JSON: JSONScalar,
};
