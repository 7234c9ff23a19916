import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageStreamImageName } from '../../../src/loaders/keys.js';
import { trickyString, validNamespace, validStream } from '../../support/arbitraries.js';

const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

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

  it('accepts every name the API accepts, with any well-formed id', () => {
    fc.assert(
      fc.property(
        validNamespace,
        validStream,
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((id) => !id.includes('@')),
        (namespace, stream, id) => {
          expect(parseImageStreamImageName(namespace, `${stream}@${id}`)).toEqual({
            namespace,
            stream,
            id,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
