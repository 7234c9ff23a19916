import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  deriveEvents,
  encodeCursor,
  marksOf,
  type MarkedEvent,
} from '../../../src/loaders/stream-events.js';
import { buildStream, digest } from '../../support/watch-factories.js';

const scope = { namespace: 'ns', name: 's' };

/** The events as short strings, e.g. `TagUpdated latest a->b`. */
function shown(events: readonly MarkedEvent[]): string[] {
  return events.map(({ event }) => {
    switch (event.kind) {
      case 'TagUpdated':
        return `TagUpdated ${event.tag} ${event.previousImage?.slice(7, 8) ?? '-'}->${event.event.image.slice(7, 8)}`;
      case 'TagRemoved':
        return `TagRemoved ${event.tag}`;
      case 'ImportFailed':
        return `ImportFailed ${event.tag} ${event.message ?? ''}`;
      case 'StreamDeleted':
        return 'StreamDeleted';
      case 'ResyncRequired':
        return `ResyncRequired ${event.tags.join(',')}`;
    }
  });
}

describe('deriveEvents', () => {
  const base = buildStream({ rv: 1, tags: { latest: ['a'], stable: ['s'] } });

  it('sends one TagUpdated for a push, with the previous image', () => {
    const next = buildStream({ rv: 2, tags: { latest: ['b', 'a'], stable: ['s'] } });
    const events = deriveEvents(marksOf(base), next);
    expect(shown(events)).toEqual(['TagUpdated latest a->b']);
    const [first] = events;
    expect(first?.event.kind === 'TagUpdated' && first.event.event.image).toBe(digest('b'));
  });

  it('sends nothing when no tag head moved (annotations, unrelated status, a newer version alone)', () => {
    const next = buildStream({ rv: 7, tags: { latest: ['a'], stable: ['s'] } });
    expect(deriveEvents(marksOf(base), next)).toEqual([]);
  });

  it('delivers every move a coalesced state skipped, oldest first, tags by name', () => {
    const next = buildStream({ rv: 9, tags: { latest: ['d', 'c', 'b', 'a'], stable: ['t', 's'] } });
    expect(shown(deriveEvents(marksOf(base), next))).toEqual([
      'TagUpdated latest a->b',
      'TagUpdated latest b->c',
      'TagUpdated latest c->d',
      'TagUpdated stable s->t',
    ]);
  });

  it('delivers a move back to an earlier image (a, b, a) as its own move', () => {
    const moved = buildStream({ rv: 3, tags: { latest: ['b', 'a'], stable: ['s'] } });
    const back = {
      ...moved,
      metadata: { ...moved.metadata, resourceVersion: '4' },
      status: {
        tags: [
          {
            tag: 'latest',
            items: [
              {
                ...(moved.status?.tags?.[0]?.items?.[1] ?? fail()),
                created: '2026-02-02T00:00:00Z',
              },
              ...(moved.status?.tags?.[0]?.items ?? []),
            ],
          },
          moved.status?.tags?.[1] ?? fail(),
        ],
      },
    };
    expect(shown(deriveEvents(marksOf(base), back))).toEqual([
      'TagUpdated latest a->b',
      'TagUpdated latest b->a',
    ]);
  });

  it('reports a new tag with its whole history and a removed tag once', () => {
    const next = buildStream({ rv: 2, tags: { latest: ['a'], dev: ['y', 'x'] } });
    expect(shown(deriveEvents(marksOf(base), next))).toEqual([
      'TagUpdated dev -->x',
      'TagUpdated dev x->y',
      'TagRemoved stable',
    ]);
  });

  it('reports a failed import once, and again only when the failure changes', () => {
    const failed = buildStream({
      rv: 2,
      tags: { latest: ['a'], stable: ['s'] },
      failures: { latest: {} },
    });
    const first = deriveEvents(marksOf(base), failed);
    expect(shown(first)).toEqual(['ImportFailed latest manifest unknown']);
    const marks = first.at(-1)?.marks ?? fail();
    const same = buildStream({
      rv: 3,
      tags: { latest: ['a'], stable: ['s'] },
      failures: { latest: {} },
    });
    expect(deriveEvents(marks, same)).toEqual([]);
    const again = buildStream({
      rv: 4,
      tags: { latest: ['a'], stable: ['s'] },
      failures: { latest: { lastTransitionTime: '2026-01-01T02:00:00Z', message: 'unauthorized' } },
    });
    expect(shown(deriveEvents(marks, again))).toEqual(['ImportFailed latest unauthorized']);
  });

  it('says ResyncRequired for a tag whose delivered head left the history, and stays exact for the others', () => {
    const next = buildStream({ rv: 5, tags: { latest: ['z', 'y'], stable: ['t', 's'] } });
    const events = deriveEvents(marksOf(base), next);
    expect(shown(events)).toEqual(['ResyncRequired latest', 'TagUpdated stable s->t']);
    // Resuming from any of these events never reports the gap again.
    for (const { marks } of events) {
      expect(shown(deriveEvents(marks, next)).filter((e) => e.startsWith('Resync'))).toEqual([]);
    }
  });

  it('says ResyncRequired when the stream was deleted and created again, StreamDeleted when gone', () => {
    const recreated = buildStream({ rv: 8, uid: 'uid-2', tags: { latest: ['a'] } });
    expect(shown(deriveEvents(marksOf(base), recreated))).toEqual(['ResyncRequired latest']);
    expect(shown(deriveEvents(marksOf(base), null))).toEqual(['StreamDeleted']);
  });
});

describe('cursors', () => {
  const base = buildStream({ rv: 1, tags: { latest: ['a'], stable: ['s'] } });

  it('resumes after any event with exactly the moves that followed it', () => {
    const later = buildStream({
      rv: 6,
      tags: { latest: ['d', 'c', 'b', 'a'], stable: ['t', 's'] },
    });
    const all = deriveEvents(marksOf(base), later);
    all.forEach(({ marks }, index) => {
      const resumed = deriveEvents(decodeCursor(scope, encodeCursor(scope, marks)), later);
      expect(shown(resumed)).toEqual(shown(all.slice(index + 1)));
    });
  });

  it('refuses a cursor of another stream and garbage with BAD_USER_INPUT', () => {
    const cursor = encodeCursor(scope, marksOf(base));
    expect(() => decodeCursor({ namespace: 'ns', name: 'other' }, cursor)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
    for (const bad of ['', 'not a cursor', 'eyJ2IjoyfQ', 'x'.repeat(70_000)]) {
      expect(() => decodeCursor(scope, bad)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
    }
  });
});

function fail(): never {
  throw new Error('fixture shape');
}
