/**
 * `Subscription.imageStreamChanged`: the hub's events for the caller (src/loaders/watch-hub.ts).
 * A final error item (revoked access, lifetime, drain, slow consumer) is thrown here so that it
 * reaches the client through the one error boundary, with its code and cursor.
 */
import { GatewayError } from '../../errors/gateway-error.js';
import type { SubscriptionResolvers } from '../../generated/graphql.js';
import type { HubItem, StreamEventItem } from '../../loaders/watch-hub.js';

/** Resolver of `Subscription.imageStreamChanged`. */
export const imageStreamChanged: NonNullable<SubscriptionResolvers['imageStreamChanged']> = {
  subscribe: (_root, args, context) => {
    if (context.subscriptions === undefined) {
      throw new GatewayError('BAD_REQUEST', 'This gateway serves no subscriptions.');
    }
    return context.subscriptions.imageStreamChanged(args, context);
  },
  resolve: (item: HubItem): StreamEventItem => {
    if (item.type === 'error') throw item.error;
    return item;
  },
};
