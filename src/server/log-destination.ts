/**
 * Where the process log goes: stdout through sonic-boom (pino's writer), with the lines of one
 * event-loop turn written together.
 *
 * pino's default destination writes every line with its own `fs.write` (a thread-pool round trip
 * and a syscall, then a callback), so under load the access log alone costs one write per request
 * (issue #11). Here a line is appended to the turn's text, and the text is written once, when the
 * turn's callbacks are done (one `setImmediate` per turn, not per line), or at once when it
 * reaches `flushLength` characters. The write is synchronous (sonic-boom's `sync: true`, which
 * finishes partial writes and retries EAGAIN): the lines reach stdout in order, none is held past
 * the turn that logged it, and at exit `flushSync` writes the last turn's. A reader that stops
 * reading stdout stalls the gateway instead of growing its memory without bound.
 */
import { pino } from 'pino';

/** What the lines are written to: sonic-boom in synchronous mode, or a test's sink. */
export interface LogSink {
  write(text: string): unknown;
}

/** A pino destination that batches by event-loop turn (see the top of this file). */
export interface TurnBufferedDestination {
  write(line: string): void;
  /** Writes the pending lines, then calls back; pino's `logger.flush(cb)` calls this. */
  flush(callback?: (error?: Error) => void): void;
  /** Writes the pending lines now (at exit). */
  flushSync(): void;
}

/** Options of {@link createTurnBufferedDestination}. */
export interface TurnBufferedOptions {
  /** A turn's text is written at once when it reaches this many characters. @default 16384 */
  readonly flushLength?: number;
  /** Runs the end-of-turn write; tests pass their own. @default setImmediate */
  readonly schedule?: (task: () => void) => void;
}

/** Batches the lines of each event-loop turn into one write to `sink`. */
export function createTurnBufferedDestination(
  sink: LogSink,
  options: TurnBufferedOptions = {},
): TurnBufferedDestination {
  const flushLength = options.flushLength ?? 16 * 1024;
  const schedule = options.schedule ?? ((task: () => void) => void setImmediate(task));
  let pending = '';
  let scheduled = false;
  const writePending = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    sink.write(text);
  };
  const endOfTurn = (): void => {
    scheduled = false;
    writePending();
  };
  return {
    write(line) {
      pending += line;
      if (pending.length >= flushLength) {
        writePending();
      } else if (!scheduled) {
        scheduled = true;
        schedule(endOfTurn);
      }
    },
    flush(callback) {
      try {
        writePending();
      } catch (error) {
        callback?.(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      callback?.();
    },
    flushSync: writePending,
  };
}

/** stdout, written synchronously once per turn. */
export function createStdoutDestination(): TurnBufferedDestination {
  return createTurnBufferedDestination(pino.destination({ dest: 1, sync: true }));
}
