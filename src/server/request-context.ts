/**
 * The per-request context: who the caller is (pass-through bearer token, the gateway's service
 * credential, or the demo user), the request id, the deadline and the per-request loaders.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { credentialIdentity } from '../loaders/image-cache.js';
import type { CredentialRejections } from '../loaders/credential-rejections.js';
import { createRequestBudget, type RequestBudget } from '../loaders/request-budget.js';
import type { InFlightLimiter } from '../upstream/in-flight.js';
import {
  createRequestStats,
  type Caller,
  type ImageStore,
  type RequestStats,
} from '../loaders/image-store.js';
import { createLoaders, type CreateLoadersOptions } from '../loaders/create-loaders.js';
import { createLoadRecord, type LoadRecord } from '../loaders/load-record.js';
import type { NavigationStore } from '../loaders/navigation-store.js';
import type { HubItem, StreamSubscriptions, WatchHub } from '../loaders/watch-hub.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { RequestCredential } from '../upstream/client.js';
import type { GatewayContext } from '../resolvers/context.js';
import type { GatewayConfig } from './config.js';
import { requestSlot } from './request-slot.js';

/** The server-side context: what resolvers see plus what plugins need. */
export interface ServerContext extends GatewayContext {
  readonly stats: RequestStats;
  /**
   * Who the caller is to the caches: their credential identity (a SHA-256 of the token; `service`
   * in AUTH_MODE=service), undefined without a credential.
   */
  readonly identity: string | undefined;
  /** What this request's loaders read (for the replay memo, ./replay-memo.ts). */
  readonly loads: LoadRecord;
  /** Whether this response reports `extensions.stats`. */
  readonly wantsStats: boolean;
}

/**
 * A result with `extensions.stats` when its operation asked for them (X-Gateway-Stats or
 * RESPONSE_STATS), else the result itself: the gateway's last word on an execution result.
 */
export function withStats<R extends { extensions?: Record<string, unknown> }>(
  result: R,
  context: ServerContext,
): R {
  if (!context.wantsStats) return result;
  return { ...result, extensions: { ...result.extensions, stats: { ...context.stats } } };
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
  /** The process-wide negative credential record (AUTH_NEGATIVE_TTL_SECONDS). */
  readonly rejections?: CredentialRejections;
  /** The process-wide bound on upstream GETs in flight (UPSTREAM_MAX_IN_FLIGHT). */
  readonly inFlight?: InFlightLimiter;
  /** Live updates; without it `Subscription` fields answer BAD_REQUEST. */
  readonly watchHub?: WatchHub;
}

/** Builds request ids and contexts. */
export interface RequestContexts {
  /** The request id: the caller's `X-Request-Id` when well-formed, else a new UUID; one per request. */
  readonly requestIdOf: (request: Request) => string;
  /**
   * The context of one operation. Operations of one HTTP request (a batch) share its upstream
   * budget, concurrency bound and deadline; `req` is the node request when served over HTTP.
   */
  readonly contextFor: (request: Request, req?: IncomingMessage) => Promise<ServerContext>;
  /** Records when an HTTP request arrived: its REQUEST_TIMEOUT_MS deadline counts from then. */
  readonly noteArrival: (req: IncomingMessage) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** A caller-sent request id if it is safe to log and forward, else a new one. */
export function acceptedRequestId(sent: string | string[] | null | undefined): string {
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** A short, non-reversible key for a caller's identity (the limiter map holds nothing personal). */
function fairnessKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
}

/**
 * Who a caller is for the per-caller concurrency cap in AUTH_MODE=service, where every caller
 * sends the gateway's credential upstream: a verified client certificate, else the trusted front
 * proxy's header (SERVICE_IDENTITY_HEADER), else the remote address. Never a token the caller
 * chose: those cost nothing to rotate. This decides fairness only, never what a caller may read.
 */
export function serviceCallerKey(
  request: Request,
  req: IncomingMessage | undefined,
  identityHeader: string | undefined,
): string | undefined {
  const socket = req?.socket as Partial<TLSSocket> | undefined;
  if (socket?.authorized === true && typeof socket.getPeerCertificate === 'function') {
    const fingerprint = socket.getPeerCertificate().fingerprint256;
    if (typeof fingerprint === 'string' && fingerprint !== '') {
      return fairnessKey('cert', fingerprint);
    }
  }
  if (identityHeader !== undefined) {
    const value = request.headers.get(identityHeader);
    if (value !== null && value.trim() !== '') return fairnessKey('header', value.trim());
  }
  const address = req?.socket.remoteAddress;
  return address === undefined ? undefined : fairnessKey('address', address);
}

/** Creates the request-context factory of one gateway. */
export function createRequestContexts(options: RequestContextOptions): RequestContexts {
  const { config, store, navigation } = options;
  const requestIds = requestSlot<string>('request id');
  const arrivals = requestSlot<number>('arrival');
  /** One budget per HTTP request: yoga hands every operation of a batch the same Request. */
  const budgets = requestSlot<{ budget: RequestBudget; deadline: number }>('upstream budget');

  const requestIdOf = (request: Request): string => {
    let id = requestIds.get(request);
    if (id === undefined) {
      id = acceptedRequestId(request.headers.get('x-request-id'));
      requestIds.set(request, id);
    }
    return id;
  };

  const callerOf = async (request: Request, req: IncomingMessage | undefined): Promise<Caller> => {
    if (config.authMode === 'service') {
      const key = serviceCallerKey(request, req, config.serviceIdentityHeader);
      return {
        kind: 'authenticated',
        credential: await options.serviceCredential(),
        identity: 'service',
        ...(key === undefined ? {} : { fairnessKey: key }),
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

  const budgetOf = (request: Request, req: IncomingMessage | undefined) => {
    let entry = budgets.get(request);
    if (entry === undefined) {
      // From arrival, not from the end of the body: a slow body does not buy more upstream time.
      const deadline = (req === undefined ? undefined : arrivals.get(req)) ?? Date.now();
      entry = {
        deadline: deadline + config.requestTimeoutMs,
        budget: createRequestBudget({
          maxConcurrency: config.upstreamMaxConcurrency,
          maxUpstreamCalls: config.limits.maxUpstreamCallsPerRequest,
          deadline: deadline + config.requestTimeoutMs,
          ...(options.rejections === undefined ? {} : { rejections: options.rejections }),
          ...(options.inFlight === undefined ? {} : { inFlight: options.inFlight }),
        }),
      };
      budgets.set(request, entry);
    }
    return entry;
  };

  const contextFor = async (request: Request, req?: IncomingMessage): Promise<ServerContext> => {
    const requestId = requestIdOf(request);
    const stats = createRequestStats();
    const caller = await callerOf(request, req);
    const perRequest = budgetOf(request, req);
    // The DataLoaders of one execution: the HTTP request's (its budget is shared by every
    // operation of a batch), or, renewed by a subscription, one event's with its own budget.
    const loads = createLoadRecord();
    const loadersUntil = (
      deadline: number,
      budget: RequestBudget | undefined,
      record: LoadRecord | undefined,
    ): GatewayContext['loaders'] =>
      createLoaders({
        store,
        navigation,
        caller,
        stats,
        requestId,
        // No signal is built from it: the upstream client carries the deadline itself, and only a
        // load that joins another request's GET listens to the client going away.
        signal: () => request.signal,
        deadline,
        maxConcurrency: config.upstreamMaxConcurrency,
        maxUpstreamCalls: config.limits.maxUpstreamCallsPerRequest,
        ...(budget === undefined ? {} : { budget }),
        ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
        ...(record === undefined ? {} : { record }),
      });
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
                  undefined,
                  undefined,
                );
              });
            },
          };
    return {
      requestId,
      stats,
      identity: caller.kind === 'authenticated' ? caller.identity : undefined,
      wantsStats: config.responseStats || request.headers.get('x-gateway-stats') === '1',
      loads,
      loaders: loadersUntil(perRequest.deadline, perRequest.budget, loads),
      ...(subscriptions === undefined ? {} : { subscriptions }),
    };
  };

  const noteArrival = (req: IncomingMessage): void => {
    arrivals.set(req, Date.now());
  };

  return { requestIdOf, contextFor, noteArrival };
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
