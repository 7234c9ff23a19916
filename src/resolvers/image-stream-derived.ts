/**
 * Derived views of an ImageStream, computed from the stream alone (docs/navigation.md): the merged
 * tag table, the timeline, pull specs by referencePolicy and import errors.
 */
import type { LoadedImageStream } from '../loaders/types.js';
import type { TagEventConditionResource, TagEventResource } from '../model/image-stream.js';
import type {
  ImageStreamTagSummaryMapper,
  TagEventMapper,
  TagImportErrorMapper,
} from './navigation-mappers.js';

/** Code-unit order, as Go's `sort.Strings` (the server's order of tags). */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Spec and status tags merged by name, sorted by name. */
export function tagSummaries(stream: LoadedImageStream): ImageStreamTagSummaryMapper[] {
  const specs = new Map((stream.resource.spec.tags ?? []).map((t) => [t.name, t]));
  const statuses = new Map((stream.resource.status?.tags ?? []).map((t) => [t.tag, t]));
  const names = [...new Set([...specs.keys(), ...statuses.keys()])].sort(byName);
  return names.map((name) => ({
    stream,
    name,
    spec: specs.get(name),
    status: statuses.get(name),
  }));
}

/** The events of one tag as the API orders them (newest first), at most `first`. */
export function tagEvents(
  stream: LoadedImageStream,
  tag: string,
  items: readonly TagEventResource[] | undefined,
  first?: number | null,
): TagEventMapper[] {
  const events = (items ?? []).map((event) => ({ stream, tag, event }));
  return first === undefined || first === null ? events : events.slice(0, Math.max(0, first));
}

const createdAt = (event: TagEventResource): number => {
  const ms = Date.parse(event.created);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
};

/**
 * Every event of every tag, newest first. Ties keep the tag order (by name) and, within a tag,
 * the API's order: a sort that is stable by construction.
 */
export function timeline(stream: LoadedImageStream, first?: number | null): TagEventMapper[] {
  const all = (stream.resource.status?.tags ?? [])
    .slice()
    .sort((a, b) => byName(a.tag, b.tag))
    .flatMap((list) => tagEvents(stream, list.tag, list.items));
  const sorted = all
    .map((entry, index) => ({ entry, index, at: createdAt(entry.event) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ entry }) => entry);
  return first === undefined || first === null ? sorted : sorted.slice(0, Math.max(0, first));
}

/** The newest `items[0].created` over the tags, or null. */
export function lastUpdated(stream: LoadedImageStream): string | null {
  let best: TagEventResource | undefined;
  for (const list of stream.resource.status?.tags ?? []) {
    const head = list.items?.[0];
    if (head !== undefined && (best === undefined || createdAt(head) > createdAt(best))) {
      best = head;
    }
  }
  return best?.created ?? null;
}

/** The failing `ImportSuccess` condition of a tag, if its status is `False`. */
export function importError(
  tag: string,
  conditions: readonly TagEventConditionResource[] | undefined,
): TagImportErrorMapper | null {
  const failed = conditions?.find((c) => c.type === 'ImportSuccess' && c.status === 'False');
  return failed === undefined ? null : { tag, condition: failed };
}

/** Every tag's import error, in tag order. */
export function importErrors(stream: LoadedImageStream): TagImportErrorMapper[] {
  return (stream.resource.status?.tags ?? [])
    .slice()
    .sort((a, b) => byName(a.tag, b.tag))
    .flatMap((list) => importError(list.tag, list.conditions) ?? []);
}

/**
 * A pull spec by digest that a person can copy, following the tag's referencePolicy as the API
 * server does for an istag (ResolveReferenceForTagEvent): `Local` gives
 * `status.dockerImageRepository@digest` (when the stream has a registry repository), anything else
 * the event's own `dockerImageReference`.
 */
export function pullSpec({ stream, tag, event }: TagEventMapper): string {
  const spec = stream.resource.spec.tags?.find((t) => t.name === tag);
  const repository = stream.resource.status?.dockerImageRepository;
  if (spec?.referencePolicy?.type === 'Local' && repository !== undefined && repository !== '') {
    return `${repository}@${event.image}`;
  }
  return event.dockerImageReference;
}

/** The pull spec through the public registry route, only when the route is exposed. */
export function publicPullSpec({ stream, event }: TagEventMapper): string | null {
  const repository = stream.resource.status?.publicDockerImageRepository;
  return repository === undefined || repository === '' ? null : `${repository}@${event.image}`;
}
