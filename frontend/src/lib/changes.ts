/**
 * The fields of `wanted` that differ from `current`, for PATCH bodies that must name only real changes (the API
 * treats a field that is present as a change: a role "changed" to the same role still logs the user out).
 * A missing value in `current` counts as null, as the API's optional fields do.
 */
export function changedFields<T extends object>(current: Partial<T>, wanted: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(wanted) as (keyof T)[]) {
    if (wanted[key] !== (current[key] ?? null)) changes[key] = wanted[key];
  }
  return changes;
}
