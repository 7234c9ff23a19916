/**
 * Mapper types of the live-update events (wired in `codegen.ts`): each event type receives the
 * hub's item, narrowed to its kind, with the stream state after it and its cursor.
 */
import type { DerivedEvent } from '../loaders/stream-events.js';
import type { StreamEventItem } from '../loaders/watch-hub.js';

type Of<K extends DerivedEvent['kind']> = StreamEventItem<Extract<DerivedEvent, { kind: K }>>;

/** `ImageStreamEvent`: any event. */
export type ImageStreamEventMapper = StreamEventItem;
/** `TagUpdated`. */
export type TagUpdatedMapper = Of<'TagUpdated'>;
/** `TagRemoved`. */
export type TagRemovedMapper = Of<'TagRemoved'>;
/** `StreamDeleted`. */
export type StreamDeletedMapper = Of<'StreamDeleted'>;
/** `ImportFailed`. */
export type ImportFailedMapper = Of<'ImportFailed'>;
/** `ResyncRequired`. */
export type ResyncRequiredMapper = Of<'ResyncRequired'>;
