/** `ImageSignature`: upstream fields, signed claims as entries, and the derived verification state. */
import { describe, expect, it } from 'vitest';
import type {
  ImageSignatureResource,
  SignatureConditionResource,
} from '../../../src/model/resources.js';
import { BUILT_IMAGE_DIGEST as DIGEST, queryBuiltImage } from '../../support/resolver-harness.js';

async function querySignatures(signatures: ImageSignatureResource[], selection: string) {
  const result = await queryBuiltImage<{
    imageStreamImage: { image: { signatures: Record<string, unknown>[] } };
  }>({ signatures }, `{ signatures ${selection} }`);
  expect(result.errors).toBeUndefined();
  return result.data!.imageStreamImage.image.signatures;
}

const condition = (type: string, status: string): SignatureConditionResource => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: null,
});

const signature = (conditions?: SignatureConditionResource[]): ImageSignatureResource => ({
  type: 'AtomicImageV1',
  content: 'c2ln',
  ...(conditions === undefined ? {} : { conditions }),
});

describe('ImageSignature', () => {
  it('reports the example signatures as VERIFIED and UNVERIFIED with their details', async () => {
    const result = await queryBuiltImage(
      {},
      `{ signatures {
        verificationState imageIdentity created
        metadata { name creationTimestamp }
        signedClaims { key value }
        reference: signedClaim(key: "docker-reference") missing: signedClaim(key: "nope")
        issuedBy { organization commonName } issuedTo { organization commonName publicKeyID }
        conditions { type status lastProbeTime reason message }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      imageStreamImage: {
        image: {
          signatures: [
            {
              verificationState: 'VERIFIED',
              imageIdentity: 'docker.io/library/ubuntu:18.04',
              created: '2024-03-11T09:20:00Z',
              metadata: {
                name: `${DIGEST}@ac99b2f422bab478d665e9dcf5fd408f4c7da8f7e26bcc89f5e2c65e95f5317e`,
                creationTimestamp: '2024-03-11T09:20:00Z',
              },
              signedClaims: [
                { key: 'docker-reference', value: 'docker.io/library/ubuntu:18.04' },
                { key: 'manifest-digest', value: DIGEST },
                { key: 'timestamp', value: '1710148800' },
              ],
              reference: 'docker.io/library/ubuntu:18.04',
              missing: null,
              issuedBy: { organization: 'Example Corp', commonName: 'example-signing-service' },
              issuedTo: {
                organization: 'Example Corp',
                commonName: 'release-bot',
                publicKeyID: '0x199e2f91fd431d51',
              },
              conditions: [
                {
                  type: 'Trusted',
                  status: 'True',
                  lastProbeTime: '2024-03-12T10:00:00Z',
                  reason: 'manually verified',
                  message: 'verified by user "kube:admin"',
                },
                {
                  type: 'ForImage',
                  status: 'True',
                  lastProbeTime: '2024-03-12T10:00:00Z',
                  reason: null,
                  message: null,
                },
              ],
            },
            {
              verificationState: 'UNVERIFIED',
              imageIdentity: null,
              created: null,
              metadata: {
                name: `${DIGEST}@a7b5a1eb72257553b96d5283c268d0210cfa3f2dd9ea95ade26c0ac1a1898f66`,
                creationTimestamp: '2024-03-11T09:20:00Z',
              },
              signedClaims: null,
              reference: null,
              missing: null,
              issuedBy: null,
              issuedTo: null,
              conditions: null,
            },
          ],
        },
      },
    });
  });

  const T = 'True';
  const F = 'False';
  const U = 'Unknown';
  it.each<[string, SignatureConditionResource[] | undefined, string]>([
    ['no conditions', undefined, 'UNVERIFIED'],
    ['an empty condition list', [], 'UNVERIFIED'],
    ['Trusted Unknown', [condition('Trusted', U), condition('ForImage', U)], 'UNVERIFIED'],
    ['Trusted and ForImage True', [condition('Trusted', T), condition('ForImage', T)], 'VERIFIED'],
    ['Trusted False', [condition('Trusted', F), condition('ForImage', T)], 'UNTRUSTED'],
    [
      'Trusted True, ForImage False',
      [condition('Trusted', T), condition('ForImage', F)],
      'UNTRUSTED',
    ],
    ['Trusted True, no ForImage', [condition('Trusted', T)], 'UNTRUSTED'],
    [
      'verified but Expired True',
      [condition('Trusted', T), condition('ForImage', T), condition('Expired', T)],
      'EXPIRED',
    ],
    [
      'verified, Expired False',
      [condition('Trusted', T), condition('ForImage', T), condition('Expired', F)],
      'VERIFIED',
    ],
    [
      'Expired and Revoked True',
      [condition('Expired', T), condition('Revoked', T), condition('Trusted', T)],
      'REVOKED',
    ],
    ['Revoked True without Trusted', [condition('Revoked', T)], 'REVOKED'],
    [
      'verified, Revoked Unknown',
      [condition('Trusted', T), condition('ForImage', T), condition('Revoked', U)],
      'VERIFIED',
    ],
  ])('derives verificationState from %s', async (_label, conditions, expected) => {
    const [result] = await querySignatures([signature(conditions)], '{ verificationState }');
    expect(result).toEqual({ verificationState: expected });
  });
});
