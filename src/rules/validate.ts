import type { Declaration, Finding, Indicator, ProfileId, Severity, SourceMap } from '../model';
import { DEFAULT_PROFILE, getProfile } from '../profiles';
import { parseTarget } from '../targets';
import { incomeExpenseBalance, summaryVsProjectTotal, totalVsSources, yearWithinTotal } from './amounts';
import { costWithinBudget } from './cost';
import { filedOnDate, fundPeriod, projectDates } from './dates';
import { type Rule, toFinding } from './draft';
import { indicatorDuplicates, indicatorFramework, indicatorLevels, indicatorsPresent } from './framework';
import { lastYearUse } from './lastYear';
import { requiredFields } from './required';
import { fundShares } from './shares';
import { spendPlan } from './spendPlan';
import { targetValues } from './targets';
import {
  departmentTotals,
  fundingTotal,
  lineItemsTotal,
  projectSourcesTotal,
  staffingTotal,
  summaryRowTotals,
  yearAmountSplit,
} from './totals';
import { weights } from './weights';

export interface ValidateOptions {
  profile?: ProfileId;
  sourceMap?: SourceMap;
}

/** Every rule, in the order a reader meets the form: basic info, money, indicators, targets. */
export const RULES: readonly Rule[] = [
  requiredFields,
  projectDates,
  filedOnDate,
  fundPeriod,
  departmentTotals,
  incomeExpenseBalance,
  fundShares,
  staffingTotal,
  summaryRowTotals,
  summaryVsProjectTotal,
  projectSourcesTotal,
  lineItemsTotal,
  totalVsSources,
  yearAmountSplit,
  yearWithinTotal,
  fundingTotal,
  lastYearUse,
  spendPlan,
  indicatorsPresent,
  indicatorLevels,
  indicatorFramework,
  indicatorDuplicates,
  weights,
  targetValues,
  costWithinBudget,
];

const withReadings = (list: Indicator[]): Indicator[] =>
  list.map((ind) => ({ ...ind, target: { ...ind.target, reading: parseTarget(ind.target.text) } }));

/** The declaration with every target's reading taken afresh from its text (a reading that came in is ignored). */
export function hydrate(decl: Declaration): Declaration {
  if (decl.kind !== 'department') return { ...decl, indicators: withReadings(decl.indicators) };
  return {
    ...decl,
    indicators: withReadings(decl.indicators),
    goals: decl.goals.map((g) => ({ ...g, indicators: withReadings(g.indicators) })),
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** All findings for a declaration, errors first, then warnings, then info; otherwise in rule order. */
export function validate(decl: Declaration, opts: ValidateOptions = {}): Finding[] {
  const profile = getProfile(opts.profile ?? decl.profile ?? DEFAULT_PROFILE[decl.kind]);
  const model = hydrate(decl);
  const findings = RULES.flatMap((rule) => rule(model, { profile })).map((d) => toFinding(d, opts.sourceMap));
  // Array.prototype.sort is stable (ES2019), so equal severities keep rule order.
  return findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
