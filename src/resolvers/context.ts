/**
 * The per-request GraphQL context. Built by the server for every request; resolvers only read it.
 */
import type { Loaders } from '../loaders/types.js';

export interface GatewayContext {
  /** Per-request DataLoaders (batching and de-duplication within this request). */
  readonly loaders: Loaders;
  /** Correlation id of this request (returned to the client, sent upstream). */
  readonly requestId: string;
}
