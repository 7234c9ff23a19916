/**
 * One upstream watch of one image stream, kept alive for as long as anyone subscribes
 * (docs/subscriptions.md, "The upstream watch"): watch from the last known resourceVersion,
 * follow bookmarks, reconnect when the server ends the stream (its `timeoutSeconds`, a restart, a
 * dropped connection), back off with jitter (0.8 s doubling to 30 s) on failures, and on 410
 * re-get the stream and publish that state: never a replay. Subscribers diff states against
 * what they were told (./stream-events.ts), so a re-get loses no move and repeats none.
 */
import { isGatewayError, type GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamResource } from '../model/image-stream.js';
import type { RequestCredential } from '../upstream/client.js';
import type { ImageStreamWatcher } from '../upstream/watch.js';

/** Something that happened to a session, for metrics and logs. */
export type WatchSessionEvent =
  | { readonly type: 'watch-started' }
  | { readonly type: 'reconnect'; readonly delayMs: number; readonly code?: string }
  | { readonly type: 'expired' }
  | { readonly type: 'bookmark' };

/** What a session needs from its owner. */
export interface WatchSessionHost {
  /** The credential to watch with now; undefined: nobody may, stop. */
  credential(): RequestCredential | undefined;
  /** The API server refused `credential` (401/403) at a (re)connect: stop using it. */
  refused(credential: RequestCredential, error: GatewayError): void;
  /** A newer state of the stream (null: deleted). */
  publish(state: ImageStreamResource | null): void;
  /** GET of the stream with a credential (null for 404). */
  get(credential: RequestCredential, signal: AbortSignal): Promise<ImageStreamResource | null>;
  onEvent?(event: WatchSessionEvent): void;
}

/** Timing knobs, injectable for tests. */
export interface WatchSessionOptions {
  readonly namespace: string;
  readonly name: string;
  /** The state the session starts from (a subscriber's GET). */
  readonly initial: ImageStreamResource;
  /** Server-side watch lifetime in seconds: a random value in [min, max). @default [300, 600) */
  readonly timeoutSeconds?: readonly [number, number];
  /** First backoff delay. @default 800 */
  readonly backoffInitialMs?: number;
  /** Largest backoff delay. @default 30000 */
  readonly backoffMaxMs?: number;
  /** A watch that stayed up this long resets the backoff. @default 120000 */
  readonly healthyAfterMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A running session. */
export interface WatchSession {
  /** The newest state known. */
  readonly state: ImageStreamResource | null;
  /** Stops the watch; resolves when its loop ended. */
  stop(): Promise<void>;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Starts watching. */
export function startWatchSession(
  watcher: ImageStreamWatcher,
  host: WatchSessionHost,
  options: WatchSessionOptions,
): WatchSession {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const [minTimeout, maxTimeout] = options.timeoutSeconds ?? [300, 600];
  const initialMs = options.backoffInitialMs ?? 800;
  const maxMs = options.backoffMaxMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 120_000;
  const controller = new AbortController();
  const { signal } = controller;
  let state: ImageStreamResource | null = options.initial;
  let resourceVersion = options.initial.metadata.resourceVersion;
  let needGet = resourceVersion === undefined;
  let failures = 0;

  const backoff = async (code: string | undefined): Promise<void> => {
    // Full jitter on top of the doubling: many gateways (or sessions) never retry in step.
    const base = Math.min(maxMs, initialMs * 2 ** failures);
    const delayMs = Math.min(maxMs, Math.round(base * (0.5 + random())));
    failures += 1;
    host.onEvent?.({ type: 'reconnect', delayMs, ...(code === undefined ? {} : { code }) });
    await sleep(delayMs, signal);
  };

  const publish = (next: ImageStreamResource | null): void => {
    state = next;
    host.publish(next);
  };

  const loop = async (): Promise<void> => {
    while (!signal.aborted) {
      const credential = host.credential();
      if (credential === undefined) return;
      try {
        if (needGet) {
          const fresh = await host.get(credential, signal);
          if (signal.aborted) return;
          publish(fresh);
          if (fresh === null) return;
          resourceVersion = fresh.metadata.resourceVersion;
          needGet = false;
        }
        const timeoutSeconds = Math.floor(minTimeout + random() * (maxTimeout - minTimeout));
        const events = await watcher.watch(
          {
            namespace: options.namespace,
            name: options.name,
            ...(resourceVersion === undefined ? {} : { resourceVersion }),
            timeoutSeconds,
          },
          credential,
          { signal },
        );
        host.onEvent?.({ type: 'watch-started' });
        const startedAt = now();
        let expired = false;
        for await (const event of events) {
          if (signal.aborted) return;
          if (event.type === 'BOOKMARK') {
            resourceVersion = event.resourceVersion;
            host.onEvent?.({ type: 'bookmark' });
          } else if (event.type === 'ERROR') {
            if (event.code === 410) {
              expired = true;
              host.onEvent?.({ type: 'expired' });
            }
            break;
          } else if (event.type === 'DELETED') {
            publish(null);
            return;
          } else {
            resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
            publish(event.object);
          }
        }
        if (signal.aborted) return;
        if (expired) {
          // The version fell out of the server's window: the state now, then watch from it.
          needGet = true;
          failures = 0;
          continue;
        }
        if (now() - startedAt >= healthyAfterMs) failures = 0;
        // The server ended the stream (its timeout, an ERROR, a restart): reconnect from the last
        // version; immediately after a long healthy watch, with backoff after a short one.
        if (failures === 0 && now() - startedAt >= healthyAfterMs) {
          host.onEvent?.({ type: 'reconnect', delayMs: 0 });
        } else {
          await backoff(undefined);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (
          isGatewayError(error) &&
          (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')
        ) {
          host.refused(credential, error);
          // Another subscriber's credential may work; no delay for a switch.
          host.onEvent?.({ type: 'reconnect', delayMs: 0, code: error.code });
          continue;
        }
        await backoff(isGatewayError(error) ? error.code : undefined);
      }
    }
  };

  const done = loop().catch(() => undefined);
  return {
    get state() {
      return state;
    },
    async stop() {
      controller.abort(new Error('watch session stopped'));
      await done;
    },
  };
}
