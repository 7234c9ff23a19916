/**
 * Per-request state kept on the request object itself, under a symbol of its own, instead of in
 * a WeakMap keyed by the request. Every request object dies young, and a WeakMap entry whose key
 * dies young is work for the garbage collector (ephemeron tables) on top of the hashing of each
 * get and set: three WeakMaps with a set and a get each cost 3.4-4.3 µs per short-lived key on
 * this machine, a property ~0.01 µs (bench/README.md, issue #11). Each slot has its own symbol, never
 * exported: nothing else reads or writes it, and two gateways in one process never share one.
 */

/** One kind of per-request state. */
export interface RequestSlot<T> {
  /** The value `owner` holds, if any. */
  get(owner: object): T | undefined;
  set(owner: object, value: T): void;
  /** Forgets the value (the property stays, undefined: deleting it would slow the object down). */
  clear(owner: object): void;
}

/** A slot named `description` (shown by a debugger only). */
export function requestSlot<T>(description: string): RequestSlot<T> {
  const key = Symbol(description);
  type Holder = Record<symbol, T | undefined>;
  return {
    get: (owner) => (owner as Holder)[key],
    set: (owner, value) => {
      (owner as Holder)[key] = value;
    },
    clear: (owner) => {
      (owner as Holder)[key] = undefined;
    },
  };
}
