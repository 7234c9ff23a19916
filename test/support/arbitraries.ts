/** fast-check arbitraries for names: valid ones, and the strings that break naive path building. */
import fc from 'fast-check';

/** A DNS-1123 label the API accepts as a namespace. */
export const validNamespace = fc
  .stringMatching(/^[a-z0-9](?:[-a-z0-9]{0,20}[a-z0-9])?$/)
  .filter((s) => s.length <= 63);

/** An image stream name the API accepts. */
export const validStream = fc.stringMatching(
  /^[a-z0-9]{1,8}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,8}){0,3}$/,
);

/** Path specials, dot segments, encodings, controls, unicode and very long strings. */
export const trickyString = fc.oneof(
  fc.constantFrom(
    '',
    '.',
    '..',
    '/',
    '%2F',
    '%2f',
    '%',
    '?',
    '#',
    '\u0000',
    '@',
    'a/../b',
    '../../../api/v1/secrets',
    '?watch=true',
    '#frag',
    'a b',
    '\r\nX-Injected: 1',
    'é',
    '\u{1F600}',
    '\uD800',
    '%00',
    '%252F',
    ';',
    '\\',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('.', '/', '%', '2', 'F', '@', '?', '#', 'a', '\u0000'),
    maxLength: 20,
  }),
  fc.integer({ min: 200, max: 5000 }).map((n) => 'x'.repeat(n)),
);
