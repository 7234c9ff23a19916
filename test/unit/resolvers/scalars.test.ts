/** Int64, Time and JSON: exact values out, errors (never silently wrong values) otherwise. */
import { parseValue as parseLiteralText } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Int64Scalar } from '../../../src/resolvers/scalars/Int64.js';
import { JSONScalar } from '../../../src/resolvers/scalars/JSON.js';
import { TimeScalar } from '../../../src/resolvers/scalars/Time.js';
import type { ImageLayerResource } from '../../../src/model/resources.js';
import {
  BUILT_IMAGE_DIGEST as DIGEST,
  queryBuiltImage,
  type buildImage,
} from '../../support/resolver-harness.js';
const layer = (name: string, size: number): ImageLayerResource => ({
  name,
  size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

const queryImage = (
  overrides: Parameters<typeof buildImage>[0],
  selection: string,
  jit: boolean | 'both' = 'both',
) => queryBuiltImage(overrides ?? {}, selection, { jit });

describe('Int64', () => {
  it('carries sizes beyond 32 bits exactly as JSON numbers', async () => {
    const sizes = [2 ** 31, 2 ** 32 + 1, 2 * 1024 ** 3 + 12345, Number.MAX_SAFE_INTEGER];
    const result = await queryImage(
      { dockerImageLayers: sizes.map((size, i) => layer(`sha256:${i}`, size)) },
      '{ dockerImageLayers { size } }',
    );
    expect(result).toEqual({
      data: {
        imageStreamImage: { image: { dockerImageLayers: sizes.map((size) => ({ size })) } },
      },
    });
  });

  it.each([
    ['beyond 2^53', 2 ** 53 + 2],
    ['a fraction', 1.5],
  ])('fails the field, not the response, for a size %s', async (_label, size) => {
    const result = await queryImage(
      { dockerImageLayers: [layer('sha256:a', 1), layer('sha256:b', size)] },
      '{ digest dockerImageLayers { name size } }',
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['imageStreamImage', 'image', 'dockerImageLayers', 1, 'size'],
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
        message: expect.stringContaining('Int64 cannot represent') as unknown,
      }),
    ]);
    // `size` is non-null in a non-null list item: the null reaches the nullable list, no further.
    expect(result.data).toEqual({
      imageStreamImage: { image: { digest: DIGEST, dockerImageLayers: null } },
    });
  });

  it('fails totalLayerSize when the sum is no longer exact, leaving the layers intact', async () => {
    const big = 2 ** 52;
    const result = await queryImage(
      { dockerImageLayers: [layer('sha256:a', big), layer('sha256:b', big), layer('sha256:c', 3)] },
      '{ layerCount totalLayerSize }',
    );
    expect(result.data).toEqual({
      imageStreamImage: { image: { layerCount: 3, totalLayerSize: null } },
    });
    expect(result.errors?.[0]?.path).toEqual(['imageStreamImage', 'image', 'totalLayerSize']);
  });

  // GRAPHQL_JIT=true executes with graphql-jit: exact values come out the same as with graphql-js.
  it('answers exact sizes to 2^53-1 identically under graphql-jit and graphql-js', async () => {
    const sizes = [2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];
    const overrides = { dockerImageLayers: sizes.map((size, i) => layer(`sha256:${i}`, size)) };
    const selection = '{ digest layerCount dockerImageLayers { name size } }';
    const jit = await queryImage(overrides, selection, true);
    expect(jit).toEqual(await queryImage(overrides, selection, false));
    expect(jit.errors).toBeUndefined();
  });

  // GRAPHQL_JIT=true: a serialization error keeps its code and its locations under graphql-jit
  // (src/server/jit.ts), byte for byte as graphql-js answers (execute compares both).
  it('answers a size beyond 2^53 alike under graphql-jit and graphql-js: code and locations kept', async () => {
    const overrides = { dockerImageLayers: [layer('sha256:a', 1), layer('sha256:b', 2 ** 53 + 2)] };
    const selection = '{ digest dockerImageLayers { name size } }';
    const [jit, interpreted] = [
      await queryImage(overrides, selection, true),
      await queryImage(overrides, selection, false),
    ];
    expect(jit).toEqual(interpreted);
    expect(jit.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(jit.errors?.[0]).toHaveProperty('locations');
  });

  it('serialises safe integers and bigints in range, and refuses anything else', () => {
    expect(Int64Scalar.serialize(4_294_967_296)).toBe(4_294_967_296);
    expect(Int64Scalar.serialize(-5)).toBe(-5);
    expect(Int64Scalar.serialize(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of [2 ** 53, 9_007_199_254_740_993n, 1.5, '42', null, NaN, Infinity]) {
      expect(() => Int64Scalar.serialize(bad), String(bad)).toThrow(/Int64 cannot represent/);
    }
  });

  it('accepts only safe-integer JSON numbers as variables', () => {
    expect(Int64Scalar.parseValue(3 * 1024 ** 3)).toBe(3 * 1024 ** 3);
    for (const bad of ['42', 2 ** 53, 1.5, true, null]) {
      expect(() => Int64Scalar.parseValue(bad), String(bad)).toThrow(/Int64 expects/);
    }
  });

  it('accepts only integer literals in the safe range, checked before any rounding', () => {
    expect(Int64Scalar.parseLiteral(parseLiteralText('4294967296'), {})).toBe(4294967296);
    expect(Int64Scalar.parseLiteral(parseLiteralText('-9007199254740991'), {})).toBe(
      -Number.MAX_SAFE_INTEGER,
    );
    for (const bad of ['9007199254740993', '"42"', '1.0', 'true']) {
      expect(() => Int64Scalar.parseLiteral(parseLiteralText(bad), {}), bad).toThrow(
        /Int64 expects/,
      );
    }
  });
});

describe('Time', () => {
  it('passes RFC 3339 times through unchanged and fails the field for anything else', async () => {
    const result = await queryImage(
      { metadata: { name: DIGEST, creationTimestamp: 'yesterday' } },
      '{ digest metadata { creationTimestamp } dockerImageMetadata { Created } }',
    );
    expect(result.data).toEqual({
      imageStreamImage: {
        image: {
          digest: DIGEST,
          metadata: { creationTimestamp: null },
          dockerImageMetadata: { Created: '2019-08-15T07:28:14Z' },
        },
      },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['imageStreamImage', 'image', 'metadata', 'creationTimestamp'],
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
      }),
    ]);
  });

  it('parses RFC 3339 inputs strictly', () => {
    for (const good of ['2024-03-11T09:15:02Z', '2024-03-11T09:15:02.123+01:00']) {
      expect(TimeScalar.parseValue(good)).toBe(good);
      expect(TimeScalar.parseLiteral(parseLiteralText(JSON.stringify(good)), {})).toBe(good);
    }
    for (const bad of ['2024-03-11', '2024-13-11T09:15:02Z', '2024-03-11 09:15:02Z', 1710148800]) {
      expect(() => TimeScalar.parseValue(bad), String(bad)).toThrow(/RFC 3339/);
    }
    expect(() => TimeScalar.parseLiteral(parseLiteralText('1710148800'), {})).toThrow(/RFC 3339/);
  });
});

describe('JSON', () => {
  it('returns values as they are and parses literals into plain values', () => {
    const value = { Id: 'sha256:x', Size: 1, nested: [true, null] };
    expect(JSONScalar.serialize(value)).toBe(value);
    expect(JSONScalar.parseLiteral(parseLiteralText('{ a: [1, "b", null] }'), {})).toEqual({
      a: [1, 'b', null],
    });
  });
});
