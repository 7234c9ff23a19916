/**
 * Domain events of one image stream, derived from consecutive states of its tag histories
 * (docs/subscriptions.md, "Events" and "Cursor"). Pure: no I/O, no clock.
 *
 * What a subscriber has been told is a set of marks, one per tag: the tag event its head was at
 * (image and creation time) and the last import failure it saw. The next events are whatever
 * moves the tag histories record after those marks, so a state that skipped several moves (a
 * coalesced slow consumer, a re-get after 410, a resume from a cursor) still yields every move,
 * once, oldest first. A mark that is no longer in a tag's history cannot be placed: the result
 * is `ResyncRequired` for that tag instead of a guess.
 */
import { createHash } from 'node:crypto';
import { GatewayError } from '../errors/gateway-error.js';
import type {
  ImageStreamResource,
  NamedTagEventListResource,
  TagEventResource,
} from '../model/image-stream.js';

/** Where one tag's head was when the subscriber was last told. */
export interface TagMark {
  /** The head's image digest; absent when the mark came from a cursor (which stores only `key`). */
  readonly image?: string;
  /** The head's `created`; absent when the mark came from a cursor. */
  readonly created?: string;
  /** Short hash of image and created: what a cursor stores. */
  readonly key: string;
  /** Short hash of the last failed-import condition seen, if any. */
  readonly failure?: string;
}

/** What a subscriber has been told about one stream. Immutable. */
export interface Marks {
  /** The stream's uid; a different uid later means it was deleted and created again. */
  readonly uid: string | undefined;
  readonly tags: ReadonlyMap<string, TagMark>;
}

/** One derived event, before the GraphQL layer adds its stream and cursor. */
export type DerivedEvent =
  | {
      readonly kind: 'TagUpdated';
      readonly tag: string;
      readonly event: TagEventResource;
      /** The digest the tag pointed at before; null for a new tag. */
      readonly previousImage: string | null;
    }
  | { readonly kind: 'TagRemoved'; readonly tag: string; readonly previousImage: string | null }
  | {
      readonly kind: 'ImportFailed';
      readonly tag: string;
      readonly message: string | null;
      readonly reason: string | null;
    }
  | { readonly kind: 'StreamDeleted' }
  | { readonly kind: 'ResyncRequired'; readonly reason: string; readonly tags: readonly string[] };

/** An event with the marks after it: its cursor. */
export interface MarkedEvent {
  readonly event: DerivedEvent;
  readonly marks: Marks;
}

const hashCache = new Map<string, string>();

function shortHash(text: string): string {
  let hash = hashCache.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('base64url').slice(0, 12);
    if (hashCache.size >= 10_000) hashCache.clear();
    hashCache.set(text, hash);
  }
  return hash;
}

function eventKey(event: TagEventResource): string {
  return shortHash(`${event.image}\n${event.created}`);
}

function markOf(event: TagEventResource, failure: string | undefined): TagMark {
  return {
    image: event.image,
    created: event.created,
    key: eventKey(event),
    ...(failure === undefined ? {} : { failure }),
  };
}

function matches(mark: TagMark, event: TagEventResource): boolean {
  return mark.image !== undefined
    ? mark.image === event.image && mark.created === event.created
    : mark.key === eventKey(event);
}

/** The failed-import condition of a tag (`ImportSuccess=False`), if any. */
function failureOf(tag: NamedTagEventListResource) {
  return tag.conditions?.find((c) => c.type === 'ImportSuccess' && c.status === 'False');
}

function failureKey(tag: NamedTagEventListResource): string | undefined {
  const failure = failureOf(tag);
  if (failure === undefined) return undefined;
  return shortHash(
    `${failure.generation}\n${failure.lastTransitionTime ?? ''}\n${failure.reason ?? ''}\n${failure.message ?? ''}`,
  );
}

/** Tags that have a head, by name (the server keeps `status.tags` sorted by tag). */
function tagsOf(stream: ImageStreamResource): Map<string, NamedTagEventListResource> {
  const tags = new Map<string, NamedTagEventListResource>();
  for (const tag of stream.status?.tags ?? []) tags.set(tag.tag, tag);
  return tags;
}

/** The marks of a state: what a subscriber who has seen it has been told (no events). */
export function marksOf(stream: ImageStreamResource): Marks {
  const tags = new Map<string, TagMark>();
  for (const [name, tag] of tagsOf(stream)) {
    const head = tag.items?.[0];
    const failure = failureKey(tag);
    if (head !== undefined) tags.set(name, markOf(head, failure));
    else if (failure !== undefined) tags.set(name, { key: '', failure });
  }
  return { uid: stream.metadata.uid, tags };
}

/**
 * The events that take a subscriber from `marks` to `next` (null: the stream is gone), each with
 * the marks after it. Order: by tag name; within a tag, oldest move first, then its failure.
 */
export function deriveEvents(marks: Marks, next: ImageStreamResource | null): MarkedEvent[] {
  if (next === null) {
    return [{ event: { kind: 'StreamDeleted' }, marks: { uid: marks.uid, tags: new Map() } }];
  }
  if (
    marks.uid !== undefined &&
    next.metadata.uid !== undefined &&
    marks.uid !== next.metadata.uid
  ) {
    return [
      {
        event: {
          kind: 'ResyncRequired',
          reason: 'The stream was deleted and created again.',
          tags: [...tagsOf(next).keys()],
        },
        marks: marksOf(next),
      },
    ];
  }
  const out: MarkedEvent[] = [];
  const current = new Map(marks.tags);
  const uid = next.metadata.uid ?? marks.uid;
  const snapshot = (): Marks => ({ uid, tags: new Map(current) });
  const nextTags = tagsOf(next);
  const names = [...new Set([...current.keys(), ...nextTags.keys()])].sort();
  const gaps: string[] = [];

  for (const name of names) {
    const mark = current.get(name);
    const tag = nextTags.get(name);
    const items = tag?.items ?? [];
    const failure = tag === undefined ? undefined : failureKey(tag);
    if (items.length === 0) {
      if (mark !== undefined && mark.key !== '') {
        current.delete(name);
        out.push({
          event: { kind: 'TagRemoved', tag: name, previousImage: mark.image ?? null },
          marks: snapshot(),
        });
      }
    } else {
      // Where the subscriber's mark is in the history (newest first); no mark: all of it is new.
      let index = items.length;
      if (mark !== undefined && mark.key !== '') {
        index = items.findIndex((item) => matches(mark, item));
        if (index === -1) {
          gaps.push(name);
          continue;
        }
      }
      for (let i = index - 1; i >= 0; i--) {
        const item = items[i] as TagEventResource;
        current.set(name, markOf(item, current.get(name)?.failure));
        out.push({
          event: {
            kind: 'TagUpdated',
            tag: name,
            event: item,
            previousImage: items[i + 1]?.image ?? null,
          },
          marks: snapshot(),
        });
      }
    }
    const base = current.get(name);
    if (failure === base?.failure) continue;
    if (failure === undefined) {
      // The import works again: forget the failure (no event; the move itself is the news).
      if (base !== undefined) {
        if (base.key === '') current.delete(name);
        else current.set(name, withoutFailure(base));
      }
      continue;
    }
    current.set(name, { ...(base ?? { key: '' }), failure });
    const condition = tag === undefined ? undefined : failureOf(tag);
    out.push({
      event: {
        kind: 'ImportFailed',
        tag: name,
        message: condition?.message ?? null,
        reason: condition?.reason ?? null,
      },
      marks: snapshot(),
    });
  }
  if (gaps.length > 0) {
    for (const name of gaps) {
      const tag = nextTags.get(name);
      const head = tag?.items?.[0];
      if (head !== undefined) current.set(name, markOf(head, tag && failureKey(tag)));
    }
    out.unshift({
      event: {
        kind: 'ResyncRequired',
        reason: 'Moves of these tags are no longer in the stream history; read the stream again.',
        tags: gaps,
      },
      marks: snapshot(),
    });
    // Every event computed before the gap was known must carry marks that include the gap's
    // resolution, or resuming from one of them would report the gap again.
    for (let i = 1; i < out.length; i++) {
      const item = out[i] as MarkedEvent;
      const tags = new Map(item.marks.tags);
      for (const name of gaps) {
        const mark = current.get(name);
        if (mark !== undefined) tags.set(name, mark);
      }
      out[i] = { event: item.event, marks: { uid, tags } };
    }
  }
  return out;
}

function withoutFailure(mark: TagMark): TagMark {
  return mark.image === undefined || mark.created === undefined
    ? { key: mark.key }
    : { image: mark.image, created: mark.created, key: mark.key };
}

/** What a cursor is about, so that a cursor of another stream is refused. */
export interface CursorScope {
  readonly namespace: string;
  readonly name: string;
}

interface CursorBody {
  readonly v: 1;
  /** Hash of namespace/name. */
  readonly s: string;
  readonly u?: string;
  /** [tag, head key, failure key?] */
  readonly t: readonly (readonly [string, string, string?])[];
}

/** The opaque cursor of some marks (base64url JSON; see docs/subscriptions.md). */
export function encodeCursor(scope: CursorScope, marks: Marks): string {
  const body: CursorBody = {
    v: 1,
    s: shortHash(`${scope.namespace}/${scope.name}`),
    ...(marks.uid === undefined ? {} : { u: marks.uid }),
    t: [...marks.tags].map(([tag, mark]) =>
      mark.failure === undefined ? [tag, mark.key] : [tag, mark.key, mark.failure],
    ),
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Largest cursor accepted (a stream with hundreds of tags fits). */
const MAX_CURSOR_LENGTH = 64 * 1024;

/** Decodes a cursor of `scope`; BAD_USER_INPUT for anything else. */
export function decodeCursor(scope: CursorScope, cursor: string): Marks {
  const invalid = (why: string): GatewayError =>
    new GatewayError('BAD_USER_INPUT', `The after cursor is not valid: ${why}.`, {
      details: { argument: 'after' },
    });
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid('it is not a cursor of this subscription');
  }
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid('it is not a cursor of this subscription');
  }
  if (body.v !== 1 || !Array.isArray(body.t))
    throw invalid('it is not a cursor of this subscription');
  if (body.s !== shortHash(`${scope.namespace}/${scope.name}`)) {
    throw invalid('it belongs to another image stream');
  }
  const tags = new Map<string, TagMark>();
  for (const entry of body.t as readonly unknown[]) {
    const [tag, key, failure] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (
      typeof tag !== 'string' ||
      typeof key !== 'string' ||
      (failure !== undefined && typeof failure !== 'string')
    ) {
      throw invalid('it is not a cursor of this subscription');
    }
    tags.set(tag, failure === undefined ? { key } : { key, failure });
  }
  return { uid: typeof body.u === 'string' ? body.u : undefined, tags };
}
