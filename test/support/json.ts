/** Small helpers to read and walk untyped JSON in assertions. */

/** The value at `path` (keys and indexes), or undefined when a step is missing. */
export function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

type Step = string | number;

/** Every leaf (scalar or null) of a JSON value: its steps, and its path in `a.b[0].c` form. */
export function leaves(
  value: unknown,
  steps: readonly Step[] = [],
): { steps: Step[]; path: string; value: unknown }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => leaves(item, [...steps, i]));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...steps, key]));
  }
  return [{ steps: [...steps], path: pathOf(steps), value }];
}

/** `a.b[0].c` for the steps `['a', 'b', 0, 'c']`, the form the comparator reports paths in. */
export function pathOf(steps: readonly Step[]): string {
  return steps
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('');
}

/** A copy of `value` with the leaf at `steps` replaced. */
export function withLeaf(value: unknown, steps: readonly Step[], replacement: unknown): unknown {
  const copy = structuredClone(value);
  const last = steps[steps.length - 1];
  const parent = at(copy, steps.slice(0, -1));
  if (last === undefined || typeof parent !== 'object' || parent === null) {
    throw new Error(`no leaf at ${pathOf(steps)}`);
  }
  (parent as Record<Step, unknown>)[last] = replacement;
  return copy;
}

/** A value of the same JSON kind that differs from `value` (null becomes a string). */
export function perturbed(value: unknown): unknown {
  if (typeof value === 'string') return `${value}~`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return 'not null';
}
