// An audit entry holds the whole row before and after the change as JSON. People want to see what changed:
// the fields whose value differs, in a stable order, with values written readably.

type Row = Record<string, unknown> | null | undefined;

export type FieldChange = { field: string; before: string | null; after: string | null; changed: boolean };

/** A value as text: strings as they are, null as null, everything else as compact JSON. */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The fields of a change, in the order of the row (the fields of `after`, then any that only `before` has).
 * With `all` false only the changed fields are listed; an insert or a delete changes every field.
 */
export function auditChanges(before: Row, after: Row, all = false): FieldChange[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields
    .map((field) => {
      const b = valueText(before?.[field]);
      const a = valueText(after?.[field]);
      return { field, before: before ? b : null, after: after ? a : null, changed: !before || !after || a !== b };
    })
    .filter((c) => all || c.changed);
}
