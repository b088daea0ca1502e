/** A value as one box of a form shows it. */
export type Leaf = string | number | boolean | null;

/** A changed field between two versions: its model path, and what it was and became (null: blank). */
export interface FieldChange {
  path: string;
  old: Leaf;
  new: Leaf;
}

/**
 * Every box of a declaration by its model path (`name`, `sources.total`, `indicators.3.target`), in the
 * order the declaration holds them. Empty lists and objects hold no box.
 */
export function flatten(value: unknown, prefix = '', out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== undefined && prefix) out.set(prefix, value as Leaf);
  return out;
}

/**
 * The fields that differ from `older` to `newer`, in the newer version's order, then those only the older
 * one had. A blank (null, '' or absent) is one value: a box left blank and one removed are the same.
 */
export function diffVersions(older: unknown, newer: unknown): FieldChange[] {
  const a = flatten(older);
  const b = flatten(newer);
  const blank = (v: Leaf | undefined): Leaf => (v === undefined || v === '' ? null : v);
  const changes: FieldChange[] = [];
  for (const [path, v] of b) {
    const was = blank(a.get(path));
    if (was !== blank(v)) changes.push({ path, old: was, new: blank(v) });
  }
  for (const [path, v] of a) if (!b.has(path) && blank(v) !== null) changes.push({ path, old: v, new: null });
  return changes;
}
