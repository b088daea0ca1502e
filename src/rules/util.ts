import type { Bilingual } from '../model';
import type { Blame, Relation } from './agreement';
import { round2, val } from './tolerance';

/** A cell that takes part in a sum: its model path, its value (null = blank) and its label on the form. */
export interface Cell {
  path: string;
  value: number | null;
  label: Bilingual;
}

export const sum = (values: (number | null)[]): number => values.reduce<number>((a, v) => a + val(v), 0);

/** Add a value to a key's list (in place: spreading a copy each time would be quadratic in the rows). */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const hasAny = (values: (number | null)[]): boolean => values.some((v) => v !== null);

export const isBlank = (s: string): boolean => s.trim() === '';

/** '财政拨款、其他资金' and 'fiscal appropriations and other funds'. */
export function joinLabels(labels: Bilingual[]): Bilingual {
  const en = labels.map((l) => l.en);
  return {
    zh: labels.map((l) => l.zh).join('、'),
    en: en.length <= 1 ? en.join('') : `${en.slice(0, -1).join(', ')} and ${en[en.length - 1]}`,
  };
}

/** The numbers every numeric finding carries; difference = actual − expected. */
export interface Numbers {
  expected: number;
  actual: number;
  difference: number;
}

export function numbers(expected: number, actual: number): Numbers {
  return { expected: round2(expected), actual: round2(actual), difference: round2(actual - expected) };
}

/** Where a broken relation's finding sits, what it marks, and what it advises, given who is to blame. */
export interface Placement {
  path: string;
  related: string[];
  expected: number;
  actual: number;
  difference: number;
  suggestion: Bilingual;
  suggestedValue?: string;
}

/**
 * A broken relation's finding, placed by blame: on the one cell that explains everything, with its value;
 * on the first of the cells that could, with no value; else on the relation's first cell, with no value.
 * It marks every cell of the relation. `n` are the relation's own numbers (first cell against the rest).
 */
export function place(
  blame: Blame,
  cells: Cell[],
  n: Numbers,
  check: Bilingual,
  /** what the parts are called together (“the line items”), for a long list of suspects */
  partsLabel?: Bilingual,
): Placement {
  const [first] = cells;
  const others = (c: Cell) => cells.filter((x) => x.path !== c.path).map((x) => x.path);
  if (blame.kind === 'one' && cells.some((c) => c.path === blame.cell.path)) {
    const c = blame.cell;
    const value = String(blame.value);
    return {
      path: c.path,
      related: others(c),
      ...(c.path === first.path ? n : numbers(blame.value, c.value ?? 0)),
      suggestion: {
        zh: `将“${c.label.zh}”改为 ${value}：其余金额相互一致，只有这一项与它们不符。`,
        en: `Change “${c.label.en}” to ${value}: the other amounts agree with each other, and this one alone does not.`,
      },
      suggestedValue: value,
    };
  }
  const suspects =
    blame.kind === 'group' ? cells.filter((c) => blame.cells.some((b) => b.path === c.path)) : [];
  if (suspects.length > 0 && !suspects.some((c) => c.path === first.path)) {
    // On the first amount actually given (a 0 or a blank is less likely the mistake).
    const at = suspects.find((c) => c.value) ?? suspects.find((c) => c.value !== null) ?? suspects[0];
    const names = partsLabel && suspects.length > 3 ? partsLabel : joinLabels(suspects.map((c) => c.label));
    return {
      path: at.path,
      related: others(at),
      ...n,
      suggestion: {
        zh: `其余金额相互一致，相差的 ${Math.abs(n.difference)} 万元出在${names.zh}中：请核对是哪一项有误。`,
        en: `The other amounts agree with each other; the difference of ${Math.abs(n.difference)} lies in ${names.en}: check which of them is wrong.`,
      },
    };
  }
  return { path: first.path, related: others(first), ...n, suggestion: check };
}

/**
 * total = Σ parts (blank parts count as 0), reported as TOTAL_MISMATCH. Whether it is checked at all, and
 * where its finding goes, is `agree`'s business: it needs every relation of the declaration to judge.
 */
export function sumRelation(rule: string, total: Cell, parts: Cell[], partsLabel?: Bilingual): Relation {
  const names = partsLabel ?? joinLabels(parts.map((p) => p.label));
  return {
    rule,
    total,
    parts,
    report: (blame) => {
      const n = numbers(sum(parts.map((p) => p.value)), total.value ?? 0);
      return {
        code: 'TOTAL_MISMATCH',
        params: {
          total: total.label.zh,
          totalEn: total.label.en,
          parts: names.zh,
          partsEn: names.en,
          actual: n.actual,
          expected: n.expected,
          difference: n.difference,
        },
        ...place(
          blame,
          [total, ...parts],
          n,
          {
            zh: `核对“${total.label.zh}”与${names.zh}，使合计等于各项之和。`,
            en: `Check “${total.label.en}” against ${names.en} so that the total equals their sum.`,
          },
          names,
        ),
      };
    },
  };
}

/** The symbols the budget systems store, for building a suggested value. */
export const OP_SYMBOL = { ge: '≥', gt: '>', eq: '=', lt: '<', le: '≤' } as const;
