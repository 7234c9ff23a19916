import { describe, expect, it } from 'vitest';

import { requestSlot } from '../../../src/server/request-slot.js';

describe('requestSlot', () => {
  it('keeps a value per object, until cleared', () => {
    const slot = requestSlot<number>('arrival');
    const first = {};
    const second = {};
    expect(slot.get(first)).toBeUndefined();
    slot.set(first, 1);
    slot.set(second, 2);
    expect([slot.get(first), slot.get(second)]).toEqual([1, 2]);
    slot.clear(first);
    expect([slot.get(first), slot.get(second)]).toEqual([undefined, 2]);
  });

  it('never shares a value between two slots, even of the same name', () => {
    const one = requestSlot<string>('request id');
    const other = requestSlot<string>('request id');
    const request = {};
    one.set(request, 'a');
    expect(other.get(request)).toBeUndefined();
    other.set(request, 'b');
    expect([one.get(request), other.get(request)]).toEqual(['a', 'b']);
  });

  it('adds nothing that a caller enumerates or serialises', () => {
    const slot = requestSlot<string>('access record');
    const request = { url: '/graphql' };
    slot.set(request, 'record');
    expect(Object.keys(request)).toEqual(['url']);
    expect(JSON.stringify(request)).toBe('{"url":"/graphql"}');
  });
});
