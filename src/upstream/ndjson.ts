/**
 * Newline-delimited JSON framing of a Kubernetes watch body (docs/subscriptions.md): the API
 * server writes one compact JSON object per line and flushes whenever its event channel is empty,
 * so one read can hold several events, half of one, or end in the middle of a UTF-8 character.
 * The splitter buffers bytes and cuts only at `\n` (0x0A never occurs inside a multi-byte UTF-8
 * sequence), so any chunking yields the same lines.
 */

/** Splits a byte stream into lines, bounding how long one line may grow. */
export interface NdjsonSplitter {
  /** Feeds one chunk; returns the complete lines it finished (without `\n`, empty lines dropped). */
  push(chunk: Uint8Array): string[];
  /** Bytes buffered of an unfinished line. */
  readonly pending: number;
}

/** Thrown when one line exceeds the bound: a stream that never sends `\n` must not exhaust memory. */
export class LineTooLongError extends Error {
  readonly code = 'NDJSON_LINE_TOO_LONG';
  constructor(readonly maxBytes: number) {
    super(`a watch event is longer than ${maxBytes} bytes`);
    this.name = 'LineTooLongError';
  }
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8');

/** Creates a splitter; `maxLineBytes` bounds one event (an ImageStream with its history). */
export function createNdjsonSplitter(maxLineBytes: number): NdjsonSplitter {
  let parts: Uint8Array[] = [];
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    push(chunk) {
      const lines: string[] = [];
      let start = 0;
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, i);
        if (pending + piece.length > maxLineBytes) throw new LineTooLongError(maxLineBytes);
        let line: Uint8Array = piece;
        if (parts.length > 0) {
          parts.push(piece);
          line = concat(parts, pending + piece.length);
          parts = [];
          pending = 0;
        }
        const text = decoder.decode(line).trim();
        if (text !== '') lines.push(text);
        start = i + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        if (pending + rest.length > maxLineBytes) throw new LineTooLongError(maxLineBytes);
        // Copied: undici may reuse the chunk's memory after the read.
        parts.push(Uint8Array.prototype.slice.call(rest));
        pending += rest.length;
      }
      return lines;
    },
  };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
