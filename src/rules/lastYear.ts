import type { Declaration } from '../model';
import type { Draft, Rule } from './draft';
import { differs, round2, TOLERANCE, val } from './tolerance';
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
  // Spending beyond the budget is its own finding: a balance below 0 or a rate above 100% is no advice.
  if (budget !== null && used !== null && used > budget + TOLERANCE) {
    const n = numbers(budget, used);
    out.push({
      code: 'LAST_YEAR_OVERSPENT',
      path: 'lastYear.used',
      related: ['lastYear.budget', 'lastYear.balance', 'lastYear.usageRate'],
      params: { budget: n.expected, used: n.actual, difference: n.difference },
      ...n,
      suggestion: {
        zh: '核对“项目实际使用资金”与“年度预算安排资金”：如年中追加了预算，把追加后的金额填入预算安排；结余填 0，使用率填 100%。',
        en: 'Check the amount used against the budget: if the budget was raised during the year, enter the raised budget; the balance is then 0 and the usage rate 100%.',
      },
    });
    out.push(...percentInRange('lastYear.usageRate', '资金使用率(%)', usageRate));
    out.push(...percentInRange('lastYear.progress', '项目完成进度(%)', progress));
    return out;
  }
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

/** Last year's execution, in percent: the rate typed, else used ÷ budget; null when neither is known. */
function executionRate(decl: Extract<Declaration, { kind: 'project' }>): number | null {
  const { budget, used, usageRate } = decl.lastYear;
  if (usageRate !== null) return usageRate;
  return budget && used !== null ? round2((used / budget) * 100) : null;
}

/**
 * A request that grows after money went unspent last year: reviewers cut these first. The bar is the
 * bureau's (policy `low_execution`), 80% by default.
 */
export const requestAfterLowExecution: Rule = (decl, { policy }) => {
  if (decl.kind !== 'project') return [];
  const rate = executionRate(decl);
  const last = decl.lastYear.budget;
  const asked = decl.yearAmount ?? decl.totalAmount;
  const floor = policy?.lowExecution ?? LOW_EXECUTION;
  if (rate === null || last === null || asked === null || rate >= floor || asked <= last + TOLERANCE)
    return [];
  const n = numbers(last, asked);
  return [
    {
      code: 'REQUEST_GROWS_AFTER_LOW_EXECUTION',
      path: decl.yearAmount !== null ? 'yearAmount' : 'totalAmount',
      related: ['lastYear.budget', 'lastYear.used', 'lastYear.usageRate'],
      params: { rate, floor, last: n.expected, asked: n.actual },
      ...n,
      suggestion: {
        zh: `上年资金只用了 ${rate}%，今年申请却多于上年预算：在“需要说明的其他问题”中说明增加的理由，或按实际需要压减申请金额。`,
        en: `Only ${rate}% of last year's money was used, yet this year's request is larger: explain the increase under other matters, or reduce the request to what is needed.`,
      },
    },
  ];
};

/** The execution rate below which a growing request is questioned, unless the bureau sets its own. */
export const LOW_EXECUTION = 80;
