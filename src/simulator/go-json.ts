/**
 * JSON bytes as Go's encoding/json (the apimachinery JSON serializer) writes them.
 *
 * - compact: `json.Encoder.Encode`, i.e. compact JSON followed by `\n`;
 * - pretty: `json.MarshalIndent(obj, "", "  ")`, i.e. 2-space indent and no trailing newline;
 * - both escape `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028`,
 *   `\u2029` (HTML-safe escaping is on by default in Go).
 *
 * Key order is the caller's job (see wire-order.ts): JavaScript keeps insertion order.
 */

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/** Applies Go's HTML-safe escaping to already-encoded JSON text. */
export function escapeHtmlLikeGo(json: string): string {
  return json.replace(GO_ESCAPED, (c) => GO_ESCAPES[c] ?? c);
}

/** Encodes `value` as Go would: compact + `\n`, or pretty (2 spaces, no trailing newline). */
export function goJson(value: unknown, pretty = false): string {
  const text = pretty ? JSON.stringify(value, null, 2) : `${JSON.stringify(value)}\n`;
  return escapeHtmlLikeGo(text);
}

/**
 * Whether the apiserver would pretty-print (k8s.io/apiserver `negotiation.isPrettyPrint`):
 * a `pretty` query parameter that parses as a Go bool decides alone; otherwise a User-Agent
 * starting with `curl`, `Wget` or `Mozilla/5.0` turns it on.
 */
export function isPrettyPrint(rawQuery: string, userAgent: string | undefined): boolean {
  if (rawQuery.includes('pretty')) {
    const value = new URLSearchParams(rawQuery).get('pretty');
    if (value !== null && value.length > 0) {
      return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
    }
  }
  const ua = userAgent ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}
