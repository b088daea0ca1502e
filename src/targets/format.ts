import type { ComparisonOp } from '../model';

/** The symbols the budget systems store, in their half-width spelling for > = <. */
export const OP_SYMBOLS: Readonly<Record<ComparisonOp, string>> = {
  ge: '≥',
  gt: '>',
  eq: '=',
  lt: '<',
  le: '≤',
};

/**
 * The largest magnitude we read. `String(n)` switches to exponent notation ('1e+21') from here on, which
 * would not read back as the same number.
 */
export const MAX_VALUE = 1e21;

/**
 * Rounds to at most 6 decimals. `toFixed` rounds the exact decimal expansion, so applying this twice gives
 * the same number, which keeps `normalized` idempotent.
 */
export function round6(n: number): number {
  if (!Number.isFinite(n) || Math.abs(n) >= MAX_VALUE) return n;
  const r = Number(n.toFixed(6));
  // toFixed may give '-0.000000'; print zero as '0'.
  return r === 0 ? 0 : r;
}

export function formatNumber(n: number): string {
  return String(round6(n));
}

/**
 * Standard notation: symbol, number, unit ('≥389件', '=100%', '≤10万元', '=5').
 * The label is not part of the value: it belongs in the indicator name.
 */
export function formatQuantity(q: {
  op: ComparisonOp;
  value: number;
  unit: string | null;
  label?: string;
}): string {
  return `${OP_SYMBOLS[q.op]}${formatNumber(q.value)}${q.unit ?? ''}`;
}

export function formatRatio(left: number, right: number): string {
  return `${formatNumber(left)}:${formatNumber(right)}`;
}
