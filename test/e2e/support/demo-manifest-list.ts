/**
 * What the pre-filled GraphiQL query (`DEFAULT_GRAPHIQL_QUERY`) must answer against the demo data:
 * the demo/ubuntu manifest list and both children (linux/amd64 and linux/arm64/v8), each resolved
 * to its own image with its layers. Names and digests come from `DEMO`, never hard-coded.
 */
import { expect } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';

interface Layer {
  readonly name: string;
  readonly size: number;
  readonly mediaType: string;
}

interface Child {
  readonly digest: string;
  readonly architecture: string;
  readonly os: string;
  readonly variant: string | null;
  readonly manifestSize: number;
  readonly image: {
    readonly digest: string;
    readonly layerCount: number;
    readonly totalLayerSize: number;
    readonly dockerImageLayers: readonly Layer[];
  } | null;
}

/** The response shape of `DEFAULT_GRAPHIQL_QUERY`. */
export interface ManifestListResponse {
  readonly data?: {
    readonly imageStreamImage: {
      readonly metadata: { readonly name: string; readonly creationTimestamp: string };
      readonly image: {
        readonly digest: string;
        readonly dockerImageReference: string;
        readonly dockerImageManifestMediaType: string | null;
        readonly isManifestList: boolean;
        readonly dockerImageManifests: readonly Child[] | null;
      };
    } | null;
  } | null;
  readonly errors?: readonly unknown[];
}

/** Asserts a complete, error-free answer for the demo manifest list and both its children. */
export function expectDemoManifestList(response: ManifestListResponse): void {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const isi = response.data?.imageStreamImage;
  expect(isi?.metadata.name).toBe(`${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}`);
  expect(isi?.image.digest).toBe(DEMO.digests.manifestList);
  expect(isi?.image.isManifestList).toBe(true);
  const children = isi?.image.dockerImageManifests ?? [];
  expect(
    children.map(({ digest, architecture, os, variant }) => ({
      digest,
      architecture,
      os,
      variant,
    })),
  ).toEqual([
    { digest: DEMO.digests.amd64, architecture: 'amd64', os: 'linux', variant: null },
    { digest: DEMO.digests.arm64, architecture: 'arm64', os: 'linux', variant: 'v8' },
  ]);
  for (const child of children) {
    // Each child resolved to its own image through the same stream, layers and all.
    expect(child.image?.digest).toBe(child.digest);
    expect(child.image?.layerCount).toBeGreaterThan(0);
    expect(child.image?.dockerImageLayers).toHaveLength(child.image?.layerCount ?? -1);
    expect(child.image?.totalLayerSize).toBe(
      child.image?.dockerImageLayers.reduce((sum, layer) => sum + layer.size, 0),
    );
  }
}
