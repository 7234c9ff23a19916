/**
 * The per-request context: who the caller is (pass-through bearer token, the gateway's service
 * credential, or the demo user), the request id, the deadline and the per-request loaders.
 */
import { randomUUID } from 'node:crypto';
import { credentialIdentity } from '../loaders/image-cache.js';
import {
  createRequestStats,
  type Caller,
  type ImageStore,
  type RequestStats,
} from '../loaders/image-store.js';
import { createLoaders, type CreateLoadersOptions } from '../loaders/create-loaders.js';
import type { NavigationStore } from '../loaders/navigation-store.js';
import type { HubItem, StreamSubscriptions, WatchHub } from '../loaders/watch-hub.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { RequestCredential } from '../upstream/client.js';
import type { GatewayContext } from '../resolvers/context.js';
import type { GatewayConfig } from './config.js';

/** The server-side context: what resolvers see plus what plugins need. */
export interface ServerContext extends GatewayContext {
  readonly stats: RequestStats;
  /** Whether this response reports `extensions.stats`. */
  readonly wantsStats: boolean;
}

/** What request contexts are built from. */
export interface RequestContextOptions {
  readonly config: GatewayConfig;
  readonly store: ImageStore;
  /** Streams, pages and istags (per caller). */
  readonly navigation: NavigationStore;
  /** The gateway's own credential (AUTH_MODE=service), re-read per request as it may rotate. */
  readonly serviceCredential: () => Promise<RequestCredential>;
  /** The embedded simulator's demo user, for callers without a token. Never against a real API. */
  readonly demoCredential?: RequestCredential;
  /** DataLoader batch sizes, for metrics. */
  readonly onBatch?: CreateLoadersOptions['onBatch'];
  /** Live updates; without it `Subscription` fields answer BAD_REQUEST. */
  readonly watchHub?: WatchHub;
}

/** Builds request ids and contexts. */
export interface RequestContexts {
  /** The request id: the caller's `X-Request-Id` when well-formed, else a new UUID; one per request. */
  readonly requestIdOf: (request: Request) => string;
  readonly contextFor: (request: Request) => Promise<ServerContext>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** A caller-sent request id if it is safe to log and forward, else a new one. */
export function acceptedRequestId(sent: string | string[] | null | undefined): string {
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Creates the request-context factory of one gateway. */
export function createRequestContexts(options: RequestContextOptions): RequestContexts {
  const { config, store, navigation } = options;
  const requestIds = new WeakMap<Request, string>();

  const requestIdOf = (request: Request): string => {
    let id = requestIds.get(request);
    if (id === undefined) {
      id = acceptedRequestId(request.headers.get('x-request-id'));
      requestIds.set(request, id);
    }
    return id;
  };

  const callerOf = async (request: Request): Promise<Caller> => {
    if (config.authMode === 'service') {
      return {
        kind: 'authenticated',
        credential: await options.serviceCredential(),
        identity: 'service',
      };
    }
    const match = BEARER.exec(request.headers.get('authorization') ?? '');
    const token = match?.[1];
    if (token !== undefined) {
      return { kind: 'authenticated', credential: { token }, identity: credentialIdentity(token) };
    }
    const demo = options.demoCredential;
    if (demo?.token !== undefined) {
      return { kind: 'authenticated', credential: demo, identity: credentialIdentity(demo.token) };
    }
    return { kind: 'missing' };
  };

  const contextFor = async (request: Request): Promise<ServerContext> => {
    const requestId = requestIdOf(request);
    const stats = createRequestStats();
    const caller = await callerOf(request);
    // A deadline, an abort signal and DataLoaders of one execution: the request's, or (renewed
    // by a subscription) one event's.
    const loadersUntil = (deadline: number): GatewayContext['loaders'] => {
      // Built on first use: most warm requests never wait upstream, and abort signals with their
      // timers and DOMExceptions are a measurable share of a cached request's CPU.
      let signal: AbortSignal | undefined;
      const requestSignal = (): AbortSignal =>
        (signal ??= AbortSignal.any([
          request.signal,
          AbortSignal.timeout(Math.max(0, deadline - Date.now())),
        ]));
      return createLoaders({
        store,
        navigation,
        caller,
        stats,
        requestId,
        signal: requestSignal,
        deadline,
        maxConcurrency: config.upstreamMaxConcurrency,
        maxUpstreamCalls: config.limits.maxUpstreamCallsPerRequest,
        ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
      });
    };
    const hub = options.watchHub;
    const subscriptions: StreamSubscriptions | undefined =
      hub === undefined
        ? undefined
        : {
            async imageStreamChanged(args, executing) {
              let source: AsyncIterable<HubItem>;
              try {
                if (caller.kind === 'missing') {
                  throw new GatewayError(
                    'UNAUTHENTICATED',
                    'A bearer token is required (Authorization: Bearer <token>).',
                  );
                }
                source = await hub.subscribe({
                  namespace: args.namespace,
                  name: args.name,
                  after: args.after,
                  subscriber: { credential: caller.credential, identity: caller.identity },
                  signal: request.signal,
                });
              } catch (error) {
                // A refused subscription is one result with the error, on an accepted stream:
                // the graphql-sse protocol requires it (EventSource would hide a 4xx), and a
                // rejected subscribe() reaches graphql-sse's handler in a shape it answers 400.
                if (!isGatewayError(error)) throw error;
                source = toAsync([{ type: 'error', error }]);
              }
              return renewEachEvent(source, () => {
                // graphql-js executes every event with this one context object: each event gets
                // its own deadline and a DataLoader cache no older than the event.
                (executing as { loaders: GatewayContext['loaders'] }).loaders = loadersUntil(
                  Date.now() + config.requestTimeoutMs,
                );
              });
            },
          };
    return {
      requestId,
      stats,
      wantsStats: config.responseStats || request.headers.get('x-gateway-stats') === '1',
      loaders: loadersUntil(Date.now() + config.requestTimeoutMs),
      ...(subscriptions === undefined ? {} : { subscriptions }),
    };
  };

  return { requestIdOf, contextFor };
}

/** The same items, calling `renew` before handing out each one. */
function renewEachEvent<T>(source: AsyncIterable<T>, renew: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const wrapped: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => wrapped,
    async next() {
      const result = await iterator.next();
      if (result.done !== true) renew();
      return result;
    },
    async return() {
      return (await iterator.return?.()) ?? { done: true, value: undefined };
    },
  };
  return wrapped;
}

/** An async iterable of fixed items. */
function toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const item of items) yield await Promise.resolve(item);
    },
  };
}
