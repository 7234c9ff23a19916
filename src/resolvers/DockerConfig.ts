/** `DockerConfig`: maps as sorted entries or keys; scalar and list fields are upstream as-is. */
import type { DockerConfigResolvers } from '../generated/graphql.js';
import { stringEntryValue, toSortedKeys, toStringEntries } from './StringEntry.js';
import { contentId } from './value-ids.js';

/** Resolvers of `DockerConfig`. */
export const DockerConfig: DockerConfigResolvers = {
  id: contentId('DockerConfig'),
  ExposedPorts: (config) => toSortedKeys(config.ExposedPorts),
  Volumes: (config) => toSortedKeys(config.Volumes),
  Labels: (config) => toStringEntries(config.Labels),
  label: (config, { key }) => stringEntryValue(config.Labels, key),
};
