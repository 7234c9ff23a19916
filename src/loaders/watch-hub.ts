/**
 * The watch hub (docs/subscriptions.md): `imageStreamChanged` subscribers of one stream share one
 * upstream watch (./watch-session.ts), and each of them gets its own events (./stream-events.ts),
 * derived when it pulls, from what it was told to the newest state. So a slow subscriber costs one
 * pointer to the shared newest state and its marks, never a queue of states.
 *
 * Why sharing is safe: the API server authorizes a watch only when it starts, and a watch outlives
 * tokens and RBAC changes. So the hub proves each subscriber's access itself: a GET of the stream
 * with the subscriber's own credential when it subscribes, and again at least every
 * CACHE_ACCESS_TTL_SECONDS (one GET per credential and stream, however many subscriptions share
 * it); an event is delivered only while that proof is younger than the TTL. A failed proof closes
 * that credential's subscriptions with the API server's answer (UNAUTHENTICATED, FORBIDDEN).
 * Whose credential the shared watch itself uses does not matter for safety: it carries only what
 * every verified subscriber may read.
 *
 * Bounds: a global and a per-caller number of subscriptions, a maximum lifetime, and a slow
 * consumer (one that has not pulled through `slowConsumerStates` newer states or for
 * `slowConsumerMs`) is closed with SLOW_CONSUMER and the cursor it can resume from.
 */
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { ImageStreamResource } from '../model/image-stream.js';
import type { RequestCredential } from '../upstream/client.js';
import type { ImageStreamWatcher } from '../upstream/watch.js';
import { validateNamespace } from './keys.js';
import {
  decodeCursor,
  deriveEvents,
  encodeCursor,
  marksOf,
  type DerivedEvent,
  type Marks,
} from './stream-events.js';
import {
  startWatchSession,
  type WatchSession,
  type WatchSessionEvent,
  type WatchSessionOptions,
} from './watch-session.js';

/** Who subscribes: their credential upstream and a stable identity (hash) for caps and grants. */
export interface Subscriber {
  readonly credential: RequestCredential;
  readonly identity: string;
}

/** One subscription request. */
export interface SubscribeRequest {
  readonly namespace: string;
  readonly name: string;
  /** A cursor of an earlier event of this stream: resume right after it. */
  readonly after?: string | null | undefined;
  readonly subscriber: Subscriber;
  /** Ends the subscription (the client went away). */
  readonly signal?: AbortSignal;
}

/** One delivered event with the state after it. */
export interface StreamEventItem<E extends DerivedEvent = DerivedEvent> {
  readonly type: 'event';
  readonly event: E;
  /** The stream as of this event (the last known state for StreamDeleted). */
  readonly stream: ImageStreamResource | null;
  /** The opaque cursor to resume right after this event. */
  readonly cursor: () => string;
  readonly namespace: string;
  readonly name: string;
}

/** What a subscription yields: an event, or a final error (the subscription ends after it). */
export type HubItem = StreamEventItem | { readonly type: 'error'; readonly error: GatewayError };

/** What resolvers may ask for: `Subscription.imageStreamChanged`'s source of events. */
export interface StreamSubscriptions {
  /**
   * Subscribes the caller of this request. `context` is the executing GraphQL context: graphql-js
   * runs every event of a subscription with that one object, so the server renews its per-request
   * loaders (deadline, DataLoader cache) on it before each event.
   */
  imageStreamChanged(
    args: { readonly namespace: string; readonly name: string; readonly after?: string | null },
    context: object,
  ): Promise<AsyncIterable<HubItem>>;
}

/** Counters and gauges for metrics. */
export interface WatchHubStats {
  readonly subscriptions: number;
  readonly upstreamWatches: number;
  readonly reconnects: number;
  readonly expired: number;
  readonly eventsSent: number;
  readonly slowConsumerCloses: number;
  readonly accessChecks: number;
}

/** Something that happened in the hub, for metrics. */
export type WatchHubEvent =
  | WatchSessionEvent
  | { readonly type: 'event-sent'; readonly kind: DerivedEvent['kind'] }
  | { readonly type: 'closed'; readonly code: string };

/** Settings of {@link createWatchHub}. */
export interface WatchHubOptions {
  readonly watcher: ImageStreamWatcher;
  /** GET of one stream; null for 404. Throws GatewayError (401, 403, 5xx...). */
  readonly getStream: (
    ref: { namespace: string; name: string },
    credential: RequestCredential,
    signal: AbortSignal,
  ) => Promise<ImageStreamResource | null>;
  /** How long a proof of access is trusted (CACHE_ACCESS_TTL_SECONDS); 0: before every event. */
  readonly accessTtlMs: number;
  /** SUBSCRIPTIONS_MAX. */
  readonly maxSubscriptions: number;
  /** SUBSCRIPTIONS_MAX_PER_CALLER. */
  readonly maxPerCaller: number;
  /** SUBSCRIPTION_MAX_LIFETIME_SECONDS, in ms. */
  readonly maxLifetimeMs: number;
  /** Newer states a subscriber may leave unread before it is closed. @default 100 */
  readonly slowConsumerStates?: number;
  /** How long a subscriber may leave a newer state unread. @default 60000 */
  readonly slowConsumerMs?: number;
  /** Passed to each session (tests shorten backoffs and timeouts). */
  readonly session?: Omit<WatchSessionOptions, 'namespace' | 'name' | 'initial'>;
  readonly now?: () => number;
  readonly onEvent?: (event: WatchHubEvent) => void;
}

/** The hub. */
export interface WatchHub {
  /**
   * Verifies access (one GET with the subscriber's credential) and subscribes. Throws
   * GatewayError: BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, TOO_MANY_SUBSCRIPTIONS,
   * SUBSCRIPTION_CLOSED (draining). The first item is the first change after the GET (or, with
   * `after`, the first move after the cursor).
   */
  subscribe(request: SubscribeRequest): Promise<AsyncIterableIterator<HubItem>>;
  stats(): WatchHubStats;
  /** Ends every subscription with a retryable SUBSCRIPTION_CLOSED and stops every watch. */
  close(): Promise<void>;
}

const STREAM_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** True when resourceVersion `a` is newer than `b` (integers from etcd; anything else: assume so). */
export function isNewer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (a === b) return false;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) > BigInt(b);
  return true;
}

interface Grant {
  readonly key: string;
  readonly credential: RequestCredential;
  readonly subscriptions: Set<Subscription>;
  verifiedAt: number;
  checking: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
}

interface Entry {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly subscriptions: Set<Subscription>;
  readonly grants: Map<string, Grant>;
  /** Credentials the API server refused to watch with. */
  readonly refused: Set<string>;
  session: WatchSession | undefined;
  /** The newest state seen by anyone (session or a subscriber's GET). */
  latest: ImageStreamResource | null;
}

interface Subscription {
  readonly entry: Entry;
  readonly grant: Grant;
  readonly identity: string;
  marks: Marks;
  /** What the subscriber was last told about (for StreamDeleted's `stream`). */
  lastState: ImageStreamResource | null;
  /** The version the subscriber's marks reflect; older states are ignored. */
  seenVersion: string | undefined;
  /** A newer state to derive events from on the next pull. */
  pending: ImageStreamResource | null | undefined;
  pendingSince: number;
  pendingStates: number;
  queue: HubItem[];
  closed: boolean;
  wake: (() => void) | undefined;
  lifetime: NodeJS.Timeout | undefined;
  finish(): void;
}

/** Creates the hub. */
export function createWatchHub(options: WatchHubOptions): WatchHub {
  const now = options.now ?? Date.now;
  const ttl = options.accessTtlMs;
  const slowStates = options.slowConsumerStates ?? 100;
  const slowMs = options.slowConsumerMs ?? 60_000;
  const entries = new Map<string, Entry>();
  const perCaller = new Map<string, number>();
  let total = 0;
  let draining = false;
  const counters = {
    reconnects: 0,
    expired: 0,
    eventsSent: 0,
    slowConsumerCloses: 0,
    accessChecks: 0,
  };
  const emit = (event: WatchHubEvent): void => {
    if (event.type === 'reconnect') counters.reconnects += 1;
    else if (event.type === 'expired') counters.expired += 1;
    else if (event.type === 'event-sent') counters.eventsSent += 1;
    else if (event.type === 'closed' && event.code === 'SLOW_CONSUMER') {
      counters.slowConsumerCloses += 1;
    }
    options.onEvent?.(event);
  };

  const cursorOf = (sub: Subscription): string =>
    encodeCursor({ namespace: sub.entry.namespace, name: sub.entry.name }, sub.marks);

  /** Gives back the place a subscription of `identity` held under both caps. */
  const unreserve = (identity: string): void => {
    total -= 1;
    const left = (perCaller.get(identity) ?? 1) - 1;
    if (left <= 0) perCaller.delete(identity);
    else perCaller.set(identity, left);
  };

  /** A subscribe that arrives while the gateway drains (nothing to resume from yet). */
  const shuttingDown = (): GatewayError =>
    new GatewayError('SUBSCRIPTION_CLOSED', 'The gateway is shutting down; subscribe again.', {
      details: { reason: 'shutdown', retryable: true },
      retryAfterSeconds: 1,
    });

  /** Ends a subscription with a final error item (or quietly), releasing everything it holds. */
  const close = (sub: Subscription, error: GatewayError | undefined): void => {
    if (sub.closed) return;
    sub.closed = true;
    sub.pending = undefined;
    sub.queue = error === undefined ? [] : [{ type: 'error', error }];
    if (error !== undefined) emit({ type: 'closed', code: error.code });
    clearTimeout(sub.lifetime);
    unreserve(sub.identity);
    const { entry, grant } = sub;
    entry.subscriptions.delete(sub);
    grant.subscriptions.delete(sub);
    if (grant.subscriptions.size === 0) {
      clearTimeout(grant.timer);
      entry.grants.delete(grant.key);
    }
    if (entry.subscriptions.size === 0) {
      if (entries.get(entry.key) === entry) entries.delete(entry.key);
      void entry.session?.stop();
      entry.session = undefined;
    }
    sub.finish();
  };

  const closedWithCursor = (
    sub: Subscription,
    code: 'SLOW_CONSUMER' | 'SUBSCRIPTION_CLOSED',
    message: string,
    reason: string,
  ): GatewayError =>
    new GatewayError(code, message, {
      details: { reason, cursor: cursorOf(sub), retryable: true },
      retryAfterSeconds: 1,
    });

  /** Proves a grant's access again; a refusal closes its subscriptions. */
  const verify = (entry: Entry, grant: Grant): Promise<void> => {
    grant.checking ??= (async () => {
      counters.accessChecks += 1;
      const controller = new AbortController();
      try {
        const state = await options.getStream(entry, grant.credential, controller.signal);
        grant.verifiedAt = now();
        // A 404 proves nothing is hidden: the stream is gone, and the watch says so too.
        if (state !== null) offer(entry, state);
      } catch (error) {
        const refusal = isGatewayError(error)
          ? error
          : new GatewayError('INTERNAL_SERVER_ERROR', 'Access could not be verified.');
        for (const sub of [...grant.subscriptions]) close(sub, refusal);
      } finally {
        grant.checking = undefined;
      }
      schedule(entry, grant);
    })();
    return grant.checking;
  };

  const schedule = (entry: Entry, grant: Grant): void => {
    clearTimeout(grant.timer);
    if (grant.subscriptions.size === 0) return;
    // TTL 0 means "ask every time": before each event, and at least every second while quiet.
    const delay = Math.max(1000, grant.verifiedAt + ttl - now());
    grant.timer = setTimeout(() => void verify(entry, grant), delay);
    grant.timer.unref?.();
  };

  /** A state from anywhere (the watch, a GET): newer ones go to every subscriber. */
  const offer = (entry: Entry, state: ImageStreamResource | null): void => {
    if (state !== null && entry.latest !== null) {
      if (!isNewer(state.metadata.resourceVersion, entry.latest.metadata.resourceVersion)) return;
    }
    entry.latest = state;
    if (state === null) {
      // Deleted: its watch has ended. Subscribers still to read StreamDeleted keep this entry;
      // a subscriber of a stream created again under the name starts a new one.
      if (entries.get(entry.key) === entry) entries.delete(entry.key);
      entry.session = undefined;
    }
    for (const sub of [...entry.subscriptions]) {
      if (state !== null && !isNewer(state.metadata.resourceVersion, sub.seenVersion)) continue;
      if (sub.pending === undefined) sub.pendingSince = now();
      sub.pending = state;
      sub.pendingStates += 1;
      if (sub.pendingStates > slowStates || now() - sub.pendingSince > slowMs) {
        close(
          sub,
          closedWithCursor(
            sub,
            'SLOW_CONSUMER',
            'This subscription was not read fast enough and was closed; resubscribe with `after` set to the cursor.',
            'slow-consumer',
          ),
        );
        continue;
      }
      const wake = sub.wake;
      sub.wake = undefined;
      wake?.();
    }
  };

  const credentialKey = (subscriber: Subscriber): string => subscriber.identity;

  const ensureSession = (entry: Entry): void => {
    if (entry.session !== undefined || entry.latest === null) return;
    entry.session = startWatchSession(
      options.watcher,
      {
        credential() {
          // The most recently verified credential the server has not refused to watch with.
          let best: Grant | undefined;
          for (const grant of entry.grants.values()) {
            if (entry.refused.has(grant.key)) continue;
            if (best === undefined || grant.verifiedAt > best.verifiedAt) best = grant;
          }
          if (best === undefined && entry.grants.size > 0) {
            const error = new GatewayError(
              'FORBIDDEN',
              'No subscriber of this image stream may watch it.',
              { details: { resource: 'imagestreams', verb: 'watch' } },
            );
            for (const sub of [...entry.subscriptions]) close(sub, error);
          }
          return best?.credential;
        },
        refused(credential, error) {
          for (const grant of entry.grants.values()) {
            if (grant.credential !== credential) continue;
            entry.refused.add(grant.key);
            // Maybe the token was revoked: prove the grant again now, which closes it if so.
            void verify(entry, grant).then(() => {
              // It may read but not watch: its subscriptions still get events from others'
              // watches, which is safe (they proved `get`); nothing else to do.
              void error;
            });
          }
        },
        publish: (state) => offer(entry, state),
        get: (credential, signal) =>
          options.getStream({ namespace: entry.namespace, name: entry.name }, credential, signal),
        onEvent: emit,
      },
      {
        ...options.session,
        namespace: entry.namespace,
        name: entry.name,
        initial: entry.latest,
      },
    );
  };

  /** The next item of a subscription, waiting for one. */
  const pull = async (sub: Subscription): Promise<HubItem | undefined> => {
    for (;;) {
      const queued = sub.queue.shift();
      if (queued !== undefined) {
        if (queued.type === 'event') emit({ type: 'event-sent', kind: queued.event.kind });
        return queued;
      }
      if (sub.closed) return undefined;
      if (sub.pending !== undefined) {
        // Never deliver on a proof older than the TTL: wait for a fresh one.
        if (ttl === 0 || now() - sub.grant.verifiedAt > ttl) await verify(sub.entry, sub.grant);
        if (sub.closed) continue;
        const state = sub.pending;
        sub.pending = undefined;
        sub.pendingStates = 0;
        if (state === undefined) continue;
        const before = sub.lastState;
        const derived = deriveEvents(sub.marks, state);
        for (const { event, marks } of derived) {
          const { namespace, name } = sub.entry;
          const scope = { namespace, name };
          sub.queue.push({
            type: 'event',
            event,
            stream: state ?? before,
            cursor: () => encodeCursor(scope, marks),
            namespace,
            name,
          });
          sub.marks = marks;
        }
        sub.lastState = state;
        sub.seenVersion = state?.metadata.resourceVersion;
        if (state === null) {
          // Deleted: the last event; the subscription ends after it.
          const items = sub.queue;
          close(sub, undefined);
          sub.queue = items;
        }
        continue;
      }
      await new Promise<void>((resolve) => {
        sub.wake = resolve;
      });
    }
  };

  return {
    async subscribe(request) {
      const { namespace, name, subscriber } = request;
      validateNamespace(namespace);
      if (name.length > 255 || !STREAM_NAME.test(name)) {
        throw new GatewayError(
          'BAD_USER_INPUT',
          `The image stream name must be lowercase letters and digits, separated by '.', '_', '__' or '-', at most 255 characters, but got: ${JSON.stringify(name.slice(0, 100))}`,
          { details: { argument: 'name' } },
        );
      }
      const resumeFrom =
        request.after === undefined || request.after === null
          ? undefined
          : decodeCursor({ namespace, name }, request.after);
      if (draining) throw shuttingDown();
      const mine = perCaller.get(subscriber.identity) ?? 0;
      if (total >= options.maxSubscriptions || mine >= options.maxPerCaller) {
        const limit =
          total >= options.maxSubscriptions ? 'SUBSCRIPTIONS_MAX' : 'SUBSCRIPTIONS_MAX_PER_CALLER';
        throw new GatewayError(
          'TOO_MANY_SUBSCRIPTIONS',
          `Too many open subscriptions (${limit}); close one first.`,
          {
            details: {
              limit,
              max: limit === 'SUBSCRIPTIONS_MAX' ? options.maxSubscriptions : options.maxPerCaller,
            },
          },
        );
      }
      // Reserved before the GET so that concurrent subscribes cannot overshoot the caps.
      total += 1;
      perCaller.set(subscriber.identity, mine + 1);
      let state: ImageStreamResource | null;
      // A proof of this credential for this stream younger than the TTL is trusted, as the image
      // cache trusts a caller's read (CACHE_ACCESS_TTL_SECONDS): N subscriptions of one caller to
      // one stream cost one GET per TTL, not N.
      const proven = entries.get(`${namespace}/${name}`);
      const provenGrant = proven?.grants.get(subscriber.identity);
      const reuse =
        proven !== undefined &&
        proven.latest !== null &&
        provenGrant !== undefined &&
        provenGrant.checking === undefined &&
        ttl > 0 &&
        now() - provenGrant.verifiedAt < ttl;
      try {
        if (reuse) {
          state = proven.latest;
        } else {
          const controller = new AbortController();
          const abort = (): void => controller.abort();
          request.signal?.addEventListener('abort', abort, { once: true });
          counters.accessChecks += 1;
          state = await options
            .getStream({ namespace, name }, subscriber.credential, controller.signal)
            .finally(() => request.signal?.removeEventListener('abort', abort));
        }
      } catch (error) {
        unreserve(subscriber.identity);
        throw error;
      }
      if (state === null || draining) {
        unreserve(subscriber.identity);
        if (draining) throw shuttingDown();
        throw new GatewayError('NOT_FOUND', `Image stream ${namespace}/${name} not found.`, {
          details: { resource: 'imagestreams', namespace, name },
        });
      }

      const key = `${namespace}/${name}`;
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = {
          key,
          namespace,
          name,
          subscriptions: new Set(),
          grants: new Map(),
          refused: new Set(),
          session: undefined,
          latest: state,
        };
        entries.set(key, entry);
      }
      const grantKey = credentialKey(subscriber);
      let grant = entry.grants.get(grantKey);
      if (grant === undefined) {
        grant = {
          key: grantKey,
          credential: subscriber.credential,
          subscriptions: new Set(),
          verifiedAt: now(),
          checking: undefined,
          timer: undefined,
        };
        entry.grants.set(grantKey, grant);
      } else if (!reuse) {
        grant.verifiedAt = now();
      }

      const sub: Subscription = {
        entry,
        grant,
        identity: subscriber.identity,
        marks: resumeFrom ?? marksOf(state),
        lastState: state,
        seenVersion: resumeFrom === undefined ? state.metadata.resourceVersion : undefined,
        pending: undefined,
        pendingSince: 0,
        pendingStates: 0,
        queue: [],
        closed: false,
        wake: undefined,
        lifetime: undefined,
        finish: () => {
          const wake = sub.wake;
          sub.wake = undefined;
          wake?.();
        },
      };
      entry.subscriptions.add(sub);
      grant.subscriptions.add(sub);
      schedule(entry, grant);
      sub.lifetime = setTimeout(
        () =>
          close(
            sub,
            closedWithCursor(
              sub,
              'SUBSCRIPTION_CLOSED',
              'This subscription reached its maximum lifetime; resubscribe with `after` set to the cursor.',
              'lifetime',
            ),
          ),
        options.maxLifetimeMs,
      );
      sub.lifetime.unref?.();
      offer(entry, state);
      if (resumeFrom !== undefined) {
        // Resume: the state now against the cursor's marks, whatever the session has.
        sub.pending = entry.latest ?? state;
        sub.pendingSince = now();
      }
      ensureSession(entry);
      request.signal?.addEventListener('abort', () => close(sub, undefined), { once: true });

      const iterator: AsyncIterableIterator<HubItem> = {
        [Symbol.asyncIterator]() {
          return iterator;
        },
        async next() {
          const item = await pull(sub);
          return item === undefined
            ? { done: true, value: undefined }
            : { done: false, value: item };
        },
        return() {
          close(sub, undefined);
          return Promise.resolve({ done: true, value: undefined });
        },
      };
      return iterator;
    },

    stats() {
      let watches = 0;
      for (const entry of entries.values()) if (entry.session !== undefined) watches += 1;
      return { ...counters, subscriptions: total, upstreamWatches: watches };
    },

    async close() {
      draining = true;
      const sessions: WatchSession[] = [];
      for (const entry of [...entries.values()]) {
        if (entry.session !== undefined) sessions.push(entry.session);
        for (const sub of [...entry.subscriptions]) {
          close(
            sub,
            closedWithCursor(
              sub,
              'SUBSCRIPTION_CLOSED',
              'The gateway is shutting down; resubscribe with `after` set to the cursor.',
              'shutdown',
            ),
          );
        }
      }
      await Promise.all(sessions.map((session) => session.stop()));
      await options.watcher.close();
    },
  };
}
