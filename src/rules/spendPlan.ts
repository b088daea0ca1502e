import type { Draft, Rule } from './draft';
import { percentInRange } from './lastYear';
import { differs } from './tolerance';
import { numbers } from './util';

const PERIODS = [
  { key: 'mar', zh: '3月底', en: 'end of March' },
  { key: 'jun', zh: '6月底', en: 'end of June' },
  { key: 'oct', zh: '10月底', en: 'end of October' },
  { key: 'dec', zh: '12月底', en: 'end of December' },
] as const;

/** 资金支出计划: cumulative percentages in 0–100 that never decrease and reach 100% by December. */
export const spendPlan: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const plan = decl.spendPlan;
  if (PERIODS.every((p) => plan[p.key] === null)) return [];
  const out: Draft[] = [];
  let prev: { path: string; value: number } | null = null;
  for (const p of PERIODS) {
    const value = plan[p.key];
    const path = `spendPlan.${p.key}`;
    if (value === null) continue;
    out.push(...percentInRange(path, `资金支出计划${p.zh}`, value));
    if (prev && value < prev.value - 1e-9) {
      const n = numbers(prev.value, value);
      out.push({
        code: 'SPEND_PLAN_DECREASING',
        path,
        related: [prev.path],
        params: { field: p.zh, fieldEn: p.en, actual: n.actual, expected: n.expected },
        ...n,
        suggestion: {
          zh: `累计进度不能下降：${p.zh}应不低于 ${n.expected}%。`,
          en: `The plan is cumulative: the ${p.en} figure must be at least ${n.expected}%.`,
        },
      });
    }
    prev = { path, value };
  }
  const dec = plan.dec;
  if (dec === null || differs(dec, 100)) {
    out.push({
      code: 'SPEND_PLAN_INCOMPLETE',
      path: 'spendPlan.dec',
      related: PERIODS.filter((p) => p.key !== 'dec').map((p) => `spendPlan.${p.key}`),
      params: { actual: dec === null ? '—' : numbers(100, dec).actual },
      ...(dec === null ? { expected: 100, actual: null, difference: null } : numbers(100, dec)),
      suggestion: {
        zh: '资金支出计划是累计进度，12月底应为 100%。',
        en: 'The spend plan is cumulative and reaches 100% at the end of December.',
      },
      suggestedValue: '100%',
    });
  }
  return out;
};
