/** `ImageStreamImage`: upstream fields, the nested Image with its origin, and the echoed name parts. */
import type { ImageStreamImageResolvers } from '../generated/graphql.js';
import { imageStreamImageId } from '../loaders/node-id.js';
import { imageOf } from './mappers.js';
import { objectHeader } from './object-header.js';

/** Resolvers of `ImageStreamImage`. */
export const ImageStreamImage: ImageStreamImageResolvers = {
  ...objectHeader,
  image: (loaded) => imageOf(loaded),
  stream: ({ origin }) => origin.stream,
  // By full digest: the same image read by a prefix has the same id.
  id: ({ origin, resource }) =>
    imageStreamImageId(origin.namespace, origin.stream, resource.image.metadata.name ?? ''),
  imageStream: ({ origin }, _args, { loaders }) =>
    loaders.imageStream.load({ namespace: origin.namespace, name: origin.stream }),
  // The API echoes `<stream>@<id as sent>`; a valid name has exactly one `@`.
  requestedId: ({ resource }) => {
    const name = resource.metadata.name;
    const at = name?.indexOf('@') ?? -1;
    return name === undefined || at < 0 ? null : name.slice(at + 1);
  },
};
