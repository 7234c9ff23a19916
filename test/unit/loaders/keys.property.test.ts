import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageStreamImageName } from '../../../src/loaders/keys.js';
import { trickyString, validNamespace, validStream } from '../../support/arbitraries.js';

const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** Any prefix of a digest (`sha256:<64 hex>`) or of its hex part: what the API can match. */
const digestPrefix = fc
  .tuple(
    fc.constantFrom('sha256:', 'sha384:', 'sha512:', ''),
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc.nat(),
  )
  .map(([algorithm, hex, cut]) => {
    const whole = `${algorithm}${hex}`;
    return whole.slice(0, 1 + (cut % whole.length));
  });

describe('parseImageStreamImageName under fuzzing', () => {
  it('returns a ref that rebuilds the name, or throws BAD_USER_INPUT naming the argument', () => {
    fc.assert(
      fc.property(
        fc.oneof(validNamespace, trickyString),
        fc.oneof(
          fc.tuple(validStream, trickyString).map(([s, id]) => `${s}@${id}`),
          trickyString,
        ),
        (namespace, name) => {
          let ref;
          try {
            ref = parseImageStreamImageName(namespace, name);
          } catch (error) {
            expect(error).toMatchObject({ name: 'GatewayError', code: 'BAD_USER_INPUT' });
            expect(['namespace', 'name']).toContain(
              (error as { details: { argument: string } }).details.argument,
            );
            return;
          }
          expect(ref.namespace).toMatch(NAMESPACE);
          expect(ref.namespace.length).toBeLessThanOrEqual(63);
          expect(`${ref.stream}@${ref.id}`).toBe(name);
          expect(ref.id).not.toContain('@');
          expect(ref.id).not.toBe('');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses every id with a character no digest has, naming the id', () => {
    fc.assert(
      fc.property(
        validStream,
        fc
          .string({ unit: 'grapheme', minLength: 1 })
          .filter((id) => !id.includes('@') && /[^0-9a-f:sh]/.test(id)),
        (stream, id) => {
          expect(() => parseImageStreamImageName('demo', `${stream}@${id}`)).toThrow(
            expect.objectContaining({
              code: 'BAD_USER_INPUT',
              details: { argument: 'name', part: 'id' },
            }) as Error,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts every name the API accepts, with any digest or digest prefix as the id', () => {
    fc.assert(
      fc.property(validNamespace, validStream, digestPrefix, (namespace, stream, id) => {
        expect(parseImageStreamImageName(namespace, `${stream}@${id}`)).toEqual({
          namespace,
          stream,
          id,
        });
      }),
      { numRuns: 2000 },
    );
  });
});
