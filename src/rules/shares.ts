import type { DepartmentFunds } from '../model';
import type { Draft, Rule } from './draft';
import { EXPENSE_KEYS, FUND_LABEL, INCOME_KEYS } from './labels';
import { differs, round2, val } from './tolerance';
import { numbers } from './util';

type FundKey = keyof DepartmentFunds;

/** Shares are typed to two decimals (xinzhou: 95.65%), so a hundredth either way is rounding, not an error. */
const SHARE_TOLERANCE = 0.01;

/** 占比: each given share = amount ÷ its side's 合计 × 100; the two 合计 are 100%. */
export const fundShares: Rule = (decl) => {
  if (decl.kind !== 'department' || !decl.fundShares) return [];
  const { funds } = decl;
  const shares = decl.fundShares;
  const out: Draft[] = [];
  const check = (key: FundKey, totalKey: 'incomeTotal' | 'expenseTotal') => {
    const actual = shares[key];
    const total = funds[totalKey];
    if (actual === null || total === null || total === 0) return;
    const expected = round2((val(funds[key]) / total) * 100);
    if (!differs(expected, actual, SHARE_TOLERANCE)) return;
    const n = numbers(expected, actual);
    out.push({
      code: 'SHARE_MISMATCH',
      path: `fundShares.${key}`,
      related: key === totalKey ? [`funds.${key}`] : [`funds.${key}`, `funds.${totalKey}`],
      params: { field: FUND_LABEL[key].zh, ...n },
      ...n,
      suggestion: {
        zh: `按“${FUND_LABEL[key].zh} ÷ ${FUND_LABEL[totalKey].zh}”计算，占比应为 ${expected}%。`,
        en: `${FUND_LABEL[key].en} ÷ ${FUND_LABEL[totalKey].en} gives ${expected}%.`,
      },
      suggestedValue: `${expected}%`,
    });
  };
  check('incomeTotal', 'incomeTotal');
  INCOME_KEYS.forEach((k) => check(k, 'incomeTotal'));
  check('expenseTotal', 'expenseTotal');
  EXPENSE_KEYS.forEach((k) => check(k, 'expenseTotal'));
  return out;
};
