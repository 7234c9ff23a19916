import { describe, expect, it } from 'vitest';

import { escapeHtmlLikeGo, goJson, isPrettyPrint } from '../../../src/simulator/go-json.js';
import { badRequest, notFound } from '../../../src/simulator/status.js';
import { orderImage, orderObjectMeta, orderStatus } from '../../../src/simulator/wire-order.js';
import { buildImage } from '../../../src/simulator/index.js';

describe('Go JSON encoding', () => {
  it('escapes <, >, &, U+2028 and U+2029 and nothing else', () => {
    expect(goJson({ s: '<a> & "b" \u2028\u2029 é' })).toBe(
      '{"s":"\\u003ca\\u003e \\u0026 \\"b\\" \\u2028\\u2029 é"}\n',
    );
    expect(escapeHtmlLikeGo('plain')).toBe('plain');
  });

  it('writes compact JSON with a trailing newline, or indented JSON without one', () => {
    expect(goJson({ a: [1, {}], b: {} })).toBe('{"a":[1,{}],"b":{}}\n');
    expect(goJson({ a: [1] }, true)).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it.each([
    ['pretty=true', undefined, true],
    ['pretty=1', undefined, true],
    ['pretty=T', undefined, true],
    ['pretty=false', 'curl/8.5.0', false],
    ['pretty=yes', 'curl/8.5.0', false],
    ['', 'curl/8.5.0', true],
    ['', 'Wget/1.21', true],
    ['', 'Mozilla/5.0 (X11)', true],
    ['', 'undici', false],
    ['', undefined, false],
    ['pretty=', 'curl/8', true],
  ])('decides pretty-printing for query %j and User-Agent %j: %s', (query, ua, expected) => {
    expect(isPrettyPrint(query, ua)).toBe(expected);
  });
});

describe('Go struct field order', () => {
  it('orders ObjectMeta as Go does, sorts maps, writes a missing creationTimestamp as null', () => {
    const out = orderObjectMeta({
      annotations: { b: '2', a: '1' },
      name: 'n',
      uid: 'u',
      namespace: 'ns',
      labels: {},
    });
    expect(JSON.stringify(out)).toBe(
      '{"name":"n","namespace":"ns","uid":"u","creationTimestamp":null,"annotations":{"a":"1","b":"2"}}',
    );
  });

  it('orders Image fields and drops empty omitempty fields', () => {
    const { image } = buildImage({ storeBlobs: true });
    const keys = Object.keys(orderImage({ ...image, signatures: [] }));
    expect(keys).toStrictEqual([
      'kind',
      'apiVersion',
      'metadata',
      'dockerImageReference',
      'dockerImageMetadata',
      'dockerImageMetadataVersion',
      'dockerImageManifest',
      'dockerImageLayers',
      'dockerImageManifestMediaType',
      'dockerImageConfig',
    ]);
  });

  it('orders Status fields, keeps an empty details object and omits absent details', () => {
    expect(JSON.stringify(orderStatus(badRequest('x')))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"x","reason":"BadRequest","code":400}',
    );
    expect(Object.keys(orderStatus(notFound('images', 'd')))).toStrictEqual([
      'kind',
      'apiVersion',
      'metadata',
      'status',
      'message',
      'reason',
      'details',
      'code',
    ]);
  });
});
