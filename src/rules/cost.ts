import type { Declaration } from '../model';
import type { Draft, Rule } from './draft';
import { allRows, isCost, readingOf, rowName } from './indicators';
import { differs } from './tolerance';
import { numbers, OP_SYMBOL } from './util';

/** Money units the parser reads, as a factor to 万元. */
const TO_WAN: Readonly<Record<string, number>> = { 元: 1 / 10000, 万元: 1, 亿元: 10000 };

/** The money a cost indicator is measured against. */
function declared(decl: Declaration): { path: string; value: number } | null {
  const pick = (...cells: [string, number | null][]) => {
    const hit = cells.find(([, v]) => v !== null);
    return hit ? { path: hit[0], value: hit[1] as number } : null;
  };
  switch (decl.kind) {
    case 'project':
      return pick(['yearAmount', decl.yearAmount], ['totalAmount', decl.totalAmount]);
    case 'specialFund':
      return pick(['funding.total', decl.funding.total]);
    case 'department':
      // A department-wide cost indicator cannot exceed what the department spends.
      return pick(
        ['funds.expenseTotal', decl.funds.expenseTotal],
        ['funds.incomeTotal', decl.funds.incomeTotal],
      );
  }
}

/** A cost indicator's bound ('≤28万元') does not exceed the money declared (nanyue: ≤28万元 for 28 passes). */
export const costWithinBudget: Rule = (decl, { profile }) => {
  const money = declared(decl);
  if (!money) return [];
  return allRows(decl).flatMap((r): Draft[] => {
    if (!isCost(profile, r.ind)) return [];
    const q = readingOf(r.ind);
    if (q.kind !== 'quantitative' || q.unit === null || !(q.unit in TO_WAN)) return [];
    const bound = q.value * TO_WAN[q.unit];
    if (bound <= money.value || !differs(bound, money.value)) return [];
    const n = numbers(money.value, bound);
    return [
      {
        code: 'COST_EXCEEDS_BUDGET',
        path: `${r.path}.target`,
        related: [money.path],
        params: { name: rowName(r), ...n },
        ...n,
        suggestion: {
          zh: `成本指标不应超过申报资金 ${n.expected} 万元，请核对指标值或申报金额。`,
          en: `A cost indicator cannot exceed the ${n.expected} declared; check the target or the amount.`,
        },
        suggestedValue: `${OP_SYMBOL[q.op]}${n.expected}万元`,
      },
    ];
  });
};
