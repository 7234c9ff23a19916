/**
 * The per-request GraphQL context. Built by the server for every request; resolvers only read it.
 */
import type { Loaders } from '../loaders/types.js';
import type { StreamSubscriptions } from '../loaders/watch-hub.js';

export interface GatewayContext {
  /** Per-request DataLoaders (batching and de-duplication within this request). */
  readonly loaders: Loaders;
  /** Correlation id of this request (returned to the client, sent upstream). */
  readonly requestId: string;
  /** Live updates (`Subscription.*`); absent where the gateway serves none (some unit tests). */
  readonly subscriptions?: StreamSubscriptions;
}
