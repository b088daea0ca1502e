import type { Draft, Rule } from './draft';
import { differs, round2, val } from './tolerance';
import { numbers } from './util';

/** Rates are typed to at most two decimals (99.8 for 157.67 ÷ 157.98), so compare at that precision. */
const RATE_TOLERANCE = 0.01;

/** A percentage a person typed must lie in 0–100. */
export function percentInRange(path: string, field: string, value: number | null): Draft[] {
  if (value === null || (value >= 0 && value <= 100)) return [];
  const n = numbers(value < 0 ? 0 : 100, value);
  return [
    {
      code: 'PERCENT_OUT_OF_RANGE',
      path,
      params: { field, actual: n.actual },
      ...n,
      suggestion: {
        zh: '百分比应在 0% 到 100% 之间，请核对。',
        en: 'A percentage lies between 0% and 100%; check it.',
      },
    },
  ];
}

/** 上年度项目资金使用情况: 结余 = 安排 − 使用; 使用率 = 使用 ÷ 安排 (0 when nothing was planned). */
export const lastYearUse: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const { budget, used, balance, usageRate, progress } = decl.lastYear;
  const out: Draft[] = [];
  const anyMoney = budget !== null || used !== null;
  if (balance !== null && anyMoney) {
    const expected = val(budget) - val(used);
    if (differs(balance, expected)) {
      const n = numbers(expected, balance);
      out.push({
        code: 'CARRYOVER_MISMATCH',
        path: 'lastYear.balance',
        related: ['lastYear.budget', 'lastYear.used'],
        params: { ...n },
        ...n,
        suggestion: {
          zh: `将“项目结余资金”改为 ${n.expected}，或核对预算安排与实际使用金额。`,
          en: `Change the balance to ${n.expected}, or check the budget and the amount used.`,
        },
        suggestedValue: String(n.expected),
      });
    }
  }
  if (usageRate !== null && anyMoney) {
    const expected = budget ? round2((val(used) / budget) * 100) : 0;
    if (differs(expected, usageRate, RATE_TOLERANCE)) {
      const n = numbers(expected, usageRate);
      out.push({
        code: 'USAGE_RATE_MISMATCH',
        path: 'lastYear.usageRate',
        related: ['lastYear.used', 'lastYear.budget'],
        params: { ...n },
        ...n,
        suggestion: {
          zh: `将“资金使用率”改为 ${expected}，或核对预算安排与实际使用金额。`,
          en: `Change the usage rate to ${expected}, or check the budget and the amount used.`,
        },
        suggestedValue: String(expected),
      });
    }
  }
  out.push(...percentInRange('lastYear.usageRate', '资金使用率(%)', usageRate));
  out.push(...percentInRange('lastYear.progress', '项目完成进度(%)', progress));
  return out;
};
