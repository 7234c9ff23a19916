/**
 * The header every upstream object shares (`kind`, `apiVersion`, `metadata`), for the object types
 * whose parent is `{ resource }`: the API omits `kind` and `apiVersion` on nested and list items,
 * and the gateway answers null there.
 */
import type { ObjectMetaResource } from '../model/resources.js';

interface WithResource {
  readonly resource: {
    readonly kind?: string;
    readonly apiVersion?: string;
    readonly metadata: ObjectMetaResource;
  };
}

/** Resolvers of `kind`, `apiVersion` and `metadata`. */
export const objectHeader = {
  kind: ({ resource }: WithResource): string | null => resource.kind ?? null,
  apiVersion: ({ resource }: WithResource): string | null => resource.apiVersion ?? null,
  metadata: ({ resource }: WithResource): ObjectMetaResource => resource.metadata,
};
