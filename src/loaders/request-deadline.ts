/**
 * Stops a request waiting for upstream work it does not own (an identical GET another request
 * started, bounded by that request's deadline, not this one's) at this request's deadline or
 * when its client goes away.
 *
 * One timer and one abort listener per request, however many loads wait: a listener per load
 * on the request's signal was the `MaxListenersExceededWarning: 11 abort listeners` of issue #11.
 * Both exist only while something waits, and nothing at all on a cache hit or an own GET (whose
 * deadline the upstream client carries itself).
 */
import { GatewayError } from '../errors/gateway-error.js';

/** Races promises against one request's end. */
export type RequestDeadline = <T>(promise: Promise<T>) => Promise<T>;

function deadlineError(): GatewayError {
  return new GatewayError(
    'UPSTREAM_TIMEOUT',
    'The request deadline passed before the API server answered',
  );
}

/**
 * Creates the race of one request. `signal` is read only when something first waits (a request's
 * signal may be built lazily by the server adapter).
 */
export function createRequestDeadline(
  deadline: number,
  signal: () => AbortSignal | undefined,
  now: () => number = Date.now,
): RequestDeadline {
  const waiting = new Set<(error: GatewayError) => void>();
  let timer: NodeJS.Timeout | undefined;
  let watched: AbortSignal | undefined;

  const endAll = (): void => {
    const error = deadlineError();
    for (const reject of [...waiting]) reject(error);
  };
  const disarm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    watched?.removeEventListener('abort', endAll);
    watched = undefined;
  };
  const arm = (): void => {
    timer = setTimeout(endAll, Math.max(0, deadline - now()));
    watched = signal();
    watched?.addEventListener('abort', endAll, { once: true });
  };

  return <T>(promise: Promise<T>): Promise<T> => {
    if (signal()?.aborted === true || deadline - now() <= 0) {
      // Handled, so a shared flight never rejects unhandled.
      promise.catch(() => undefined);
      return Promise.reject(deadlineError());
    }
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        waiting.delete(rejectOnce);
        if (waiting.size === 0) disarm();
      };
      const rejectOnce = (error: GatewayError): void => {
        leave();
        reject(error);
      };
      if (waiting.size === 0) arm();
      waiting.add(rejectOnce);
      promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  };
}
