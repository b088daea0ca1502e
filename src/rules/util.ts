import type { Bilingual } from '../model';
import type { Draft } from './draft';
import { differs, round2, val } from './tolerance';

/** A cell that takes part in a sum: its model path, its value (null = blank) and its label on the form. */
export interface Cell {
  path: string;
  value: number | null;
  label: Bilingual;
}

export const sum = (values: (number | null)[]): number => values.reduce<number>((a, v) => a + val(v), 0);

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

/**
 * A total against the sum of its parts (blank parts count as 0). Nothing when the total is blank (whether
 * it must be filled in is the required-field rule's business) or when every part is blank (nothing to add).
 */
export function checkTotal(total: Cell, parts: Cell[], partsLabel?: Bilingual): Draft[] {
  if (total.value === null || parts.every((p) => p.value === null)) return [];
  const expected = sum(parts.map((p) => p.value));
  if (!differs(total.value, expected)) return [];
  const names = partsLabel ?? joinLabels(parts.map((p) => p.label));
  const n = numbers(expected, total.value);
  return [
    {
      code: 'TOTAL_MISMATCH',
      path: total.path,
      related: parts.map((p) => p.path),
      params: {
        total: total.label.zh,
        parts: names.zh,
        partsEn: names.en,
        actual: n.actual,
        expected: n.expected,
        difference: n.difference,
      },
      ...n,
      suggestion: {
        zh: `将“${total.label.zh}”改为 ${n.expected}，或核对${names.zh}。`,
        en: `Change “${total.label.en}” to ${n.expected}, or check ${names.en}.`,
      },
      suggestedValue: String(n.expected),
    },
  ];
}

/** The symbols the budget systems store, for building a suggested value. */
export const OP_SYMBOL = { ge: '≥', gt: '>', eq: '=', lt: '<', le: '≤' } as const;
