/**
 * How upstream maps become GraphQL: string maps are lists of `StringEntry` sorted by key (stable
 * order, every key reachable without knowing it in advance), sets are sorted lists of keys. An
 * absent or `null` map stays `null`, an empty one is `[]`.
 */
import type { StringEntryMapper } from './mappers.js';

/** Code-unit order, the same order Go's `sort.Strings` gives, independent of the locale. */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A `map[string]string` as entries sorted by key; `null` when the map is absent. */
export function toStringEntries(
  map: Readonly<Record<string, string>> | null | undefined,
): StringEntryMapper[] | null {
  if (map === null || map === undefined) {
    return null;
  }
  return Object.keys(map)
    .sort(byKey)
    .map((key) => ({ key, value: map[key] ?? '' }));
}

/** The keys of a set-like map (`map[string]struct{}`), sorted; `null` when the map is absent. */
export function toSortedKeys(
  map: Readonly<Record<string, unknown>> | null | undefined,
): string[] | null {
  return map === null || map === undefined ? null : Object.keys(map).sort(byKey);
}

/** One value of a string map by key, or `null` (never a value inherited from `Object.prototype`). */
export function stringEntryValue(
  map: Readonly<Record<string, string>> | null | undefined,
  key: string,
): string | null {
  return map !== null && map !== undefined && Object.hasOwn(map, key) ? (map[key] ?? null) : null;
}
