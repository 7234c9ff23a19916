/**
 * Which ids in `<stream>@<id>` can name an image at all (docs/openshift-api.md#prefix-matching,
 * docs/limits.md "Input validation"). The
 * API server matches the id against the digests of a stream's images (`<algorithm>:<hex>`): a
 * digest matches when it starts with the id, or when its hex part does; case-sensitive, with no
 * minimum length. So an id that is neither a prefix of such a digest nor a prefix of its hex part
 * cannot match any image on any server, and is refused as BAD_USER_INPUT before any GET instead of
 * costing a round trip that can only answer 404.
 *
 * The digest algorithms are those of the OCI image spec (sha256 everywhere in practice; sha384 and
 * sha512 are registered too), with their hex lengths; the hex is lowercase, as digests are written.
 */

/** Registered digest algorithms and the length of their lowercase hex encoding. */
const HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const LONGEST_HEX = 128;
const HEX = /^[0-9a-f]*$/;

/** Whether `id` can match some image digest as the API server compares them. */
export function canMatchAnImageDigest(id: string): boolean {
  if (id === '') return false;
  const colon = id.indexOf(':');
  if (colon === -1) {
    // A prefix of the hex part, or of an algorithm name (`sha`, `sha25`: every digest matches).
    if (id.length <= LONGEST_HEX && HEX.test(id)) return true;
    return Object.keys(HEX_LENGTH).some((algorithm) => algorithm.startsWith(id));
  }
  const max = HEX_LENGTH[id.slice(0, colon)];
  const hex = id.slice(colon + 1);
  return max !== undefined && hex.length <= max && HEX.test(hex);
}
