import type { Draft } from './draft';
import { differs, round2, TOLERANCE } from './tolerance';
import { append, type Cell } from './util';

/**
 * Who is to blame when amounts that must agree disagree.
 * - `one`: changing this cell alone, to `value`, makes every relation hold while the rest already agree;
 * - `group`: any one of these cells could, so the clerk chooses (no value is offered);
 * - `open`: no single cell explains the differences (two mistakes, or too few amounts to tell).
 */
export type Blame =
  { kind: 'one'; cell: Cell; value: number } | { kind: 'group'; cells: Cell[] } | { kind: 'open' };

/** total = Σ parts (blank parts count as 0), and the finding it makes when it does not hold. */
export interface Relation {
  /** the rule the relation belongs to, so the rule's own findings can be asked for */
  rule: string;
  total: Cell;
  parts: Cell[];
  report: (blame: Blame) => Draft;
}

/** lower ≤ upper: not a finding here, but a fix that breaks it is no fix. */
export interface Bound {
  lower: Cell;
  upper: Cell;
}

/** A relation is checked when its total is filled and some part is (whether a blank is allowed is another rule's). */
const active = (r: Relation): boolean => r.total.value !== null && r.parts.some((p) => p.value !== null);

const residual = (r: Relation, values: Map<string, number | null>): number =>
  (values.get(r.total.path) ?? 0) - r.parts.reduce((a, p) => a + (values.get(p.path) ?? 0), 0);

/** +1 when the cell is the relation's total, −1 per time it is a part. */
function coefficient(r: Relation, path: string): number {
  let c = r.total.path === path ? 1 : 0;
  for (const p of r.parts) if (p.path === path) c -= 1;
  return c;
}

/** Relations that share a cell, together: a mistake in one column of a table says nothing of another. */
function components(relations: Relation[]): Relation[][] {
  const parent = relations.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  relations.forEach((r, i) => {
    for (const c of [r.total, ...r.parts]) {
      const j = owner.get(c.path);
      if (j === undefined) owner.set(c.path, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Relation[]>();
  relations.forEach((r, i) => append(groups, find(i), r));
  return [...groups.values()];
}

/**
 * The cells whose change alone makes every relation of the group hold: each sits in every broken relation
 * and in no relation that holds, the broken ones agree on how far it is off, its new value is not negative,
 * and no bound that held is broken by it.
 */
function suspects(
  group: Relation[],
  broken: Relation[],
  values: Map<string, number | null>,
  bounds: Bound[],
): { cell: Cell; value: number }[] {
  const holding = group.filter((r) => !broken.includes(r));
  const cells = new Map<string, Cell>();
  for (const r of broken) for (const c of [r.total, ...r.parts]) if (!cells.has(c.path)) cells.set(c.path, c);
  const out: { cell: Cell; value: number }[] = [];
  for (const cell of cells.values()) {
    if (holding.some((r) => coefficient(r, cell.path) !== 0)) continue;
    const shifts = broken.map((r) => {
      const k = coefficient(r, cell.path);
      return k === 0 ? null : -residual(r, values) / k;
    });
    if (shifts.some((s) => s === null)) continue;
    const delta = shifts[0] as number;
    if (shifts.some((s) => differs(s as number, delta))) continue;
    const value = round2((cell.value ?? 0) + delta);
    if (value < -TOLERANCE) continue;
    const at = (c: Cell) => (c.path === cell.path ? value : c.value);
    const breaks = bounds.some(
      (b) =>
        b.lower.value !== null &&
        b.upper.value !== null &&
        b.lower.value <= b.upper.value + TOLERANCE &&
        (at(b.lower) ?? 0) > (at(b.upper) ?? 0) + TOLERANCE,
    );
    if (!breaks) out.push({ cell, value });
  }
  return out;
}

/** The findings of every broken relation, in the order given, each pointing where the others' consensus points. */
export function agree(relations: Relation[], bounds: Bound[] = [], only?: string): Draft[] {
  const blames = new Map<Relation, Blame>();
  for (const group of components(relations.filter(active))) {
    const values = new Map(
      group.flatMap((r) => [r.total, ...r.parts].map((c) => [c.path, c.value] as const)),
    );
    const broken = group.filter((r) => differs(residual(r, values), 0));
    if (broken.length === 0) continue;
    const found = suspects(group, broken, values, bounds);
    const blame: Blame =
      found.length === 1
        ? { kind: 'one', ...found[0] }
        : found.length > 1
          ? { kind: 'group', cells: found.map((f) => f.cell) }
          : { kind: 'open' };
    for (const r of broken) blames.set(r, blame);
  }
  return relations.flatMap((r) => {
    const blame = only === undefined || r.rule === only ? blames.get(r) : undefined;
    return blame ? [r.report(blame)] : [];
  });
}
