import type { GatewayError } from '../../src/errors/gateway-error.js';

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejectionOf<E extends Error = GatewayError>(
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
