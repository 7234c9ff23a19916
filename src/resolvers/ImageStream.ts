/** `ImageStream`: upstream fields as-is, plus the derived tag table, timeline and shortcuts. */
import type { ImageStreamResolvers } from '../generated/graphql.js';
import { imageStreamId } from '../loaders/node-id.js';
import { importErrors, lastUpdated, tagSummaries, timeline } from './image-stream-derived.js';
import { objectHeader } from './object-header.js';

/** Resolvers of `ImageStream`. */
export const ImageStream: ImageStreamResolvers = {
  id: ({ namespace, resource }) => imageStreamId(namespace, resource.metadata.name ?? ''),
  ...objectHeader,
  spec: (stream) => stream,
  status: (stream) => (stream.resource.status === undefined ? null : stream),
  tags: (stream) => tagSummaries(stream),
  tag: (stream, { name }) => tagSummaries(stream).find((t) => t.name === name) ?? null,
  timeline: (stream, { first }) => timeline(stream, first),
  lastUpdated: (stream) => lastUpdated(stream),
  publicDockerImageRepository: ({ resource }) =>
    resource.status?.publicDockerImageRepository || null,
  dockerImageRepository: ({ resource }) => resource.status?.dockerImageRepository || null,
  importErrors: (stream) => importErrors(stream),
};
