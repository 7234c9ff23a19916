/**
 * `ImageSignature`: upstream fields, claims as sorted entries, and `verificationState`, a summary
 * of the conditions a verifier recorded (the gateway verifies nothing itself).
 */
import type { ImageSignatureResolvers, SignatureVerificationState } from '../generated/graphql.js';
import type { SignatureConditionResource } from '../model/resources.js';
import { stringEntryValue, toStringEntries } from './StringEntry.js';
import { contentId } from './value-ids.js';

/**
 * Summarises signature conditions, first match wins: a `True` `Revoked` → REVOKED; a `True`
 * `Expired` → EXPIRED; no `Trusted` condition, or `Unknown` → UNVERIFIED; `Trusted` `False`, or
 * `ForImage` not `True` → UNTRUSTED (the server keeps Trusted and ForImage together; a trusted key
 * that does not vouch for this image is no assurance); otherwise VERIFIED.
 */
export function signatureVerificationState(
  conditions: readonly SignatureConditionResource[] | null | undefined,
): SignatureVerificationState {
  const status = (type: string): string | undefined =>
    conditions?.find((condition) => condition.type === type)?.status;
  if (status('Revoked') === 'True') {
    return 'REVOKED';
  }
  if (status('Expired') === 'True') {
    return 'EXPIRED';
  }
  const trusted = status('Trusted');
  if (trusted === undefined || trusted === 'Unknown') {
    return 'UNVERIFIED';
  }
  if (trusted !== 'True' || status('ForImage') !== 'True') {
    return 'UNTRUSTED';
  }
  return 'VERIFIED';
}

/** Resolvers of `ImageSignature`. */
export const ImageSignature: ImageSignatureResolvers = {
  id: contentId('ImageSignature'),
  signedClaims: (signature) => toStringEntries(signature.signedClaims),
  signedClaim: (signature, { key }) => stringEntryValue(signature.signedClaims, key),
  verificationState: (signature) => signatureVerificationState(signature.conditions),
};
