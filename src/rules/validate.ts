import type { Declaration, Finding, Indicator, ProfileId, Severity, SourceMap } from '../model';
import { DEFAULT_PROFILE, getProfile } from '../profiles';
import { parseTarget } from '../targets';
import { memoText } from '../model/memo';
import { yearWithinTotal } from './amounts';
import { amountsAgree } from './money';
import { costWithinBudget } from './cost';
import { filedOnDate, fundPeriod, projectDates } from './dates';
import { CATALOG } from './catalog';
import { type Draft, type Rule, toFinding } from './draft';
import { indicatorDuplicates, indicatorFramework, indicatorLevels, indicatorsPresent } from './framework';
import { lastYearUse, requestAfterLowExecution } from './lastYear';
import { benefitQuantified, measurableTargets } from './measurable';
import { targetDirection } from './direction';
import { targetsAgainstHistory } from './history';
import { goalTextAgainstIndicators } from './coherence';
import { basisRepeated, indicatorBoilerplate } from './boilerplate';
import { formRequired, requiredFields } from './required';
import { fundShares } from './shares';
import { spendPlan } from './spendPlan';
import { targetValues } from './targets';
import { weights } from './weights';
import { keepPromises } from './promises';
import { sharingRows } from './indicators';
import { policyFloors, type Policy } from './policy';
import type { Profile } from '../profiles';

export interface ValidateOptions {
  /** a built-in framework by id, instead of the one the declaration names */
  profile?: ProfileId;
  /** the framework itself (a form's, with the bureau's changes); wins over `profile` */
  framework?: Profile;
  /** the bureau's policy: floors, and severities raised, lowered or turned off */
  policy?: Policy;
  /** the fields the form marks required */
  required?: { path: string; label: string }[];
  sourceMap?: SourceMap;
}

/** Every rule, in the order a reader meets the form: basic info, money, indicators, targets. */
export const RULES: readonly Rule[] = [
  requiredFields,
  formRequired,
  projectDates,
  filedOnDate,
  fundPeriod,
  amountsAgree,
  fundShares,
  yearWithinTotal,
  lastYearUse,
  requestAfterLowExecution,
  spendPlan,
  indicatorsPresent,
  indicatorLevels,
  indicatorFramework,
  indicatorDuplicates,
  weights,
  targetValues,
  measurableTargets,
  benefitQuantified,
  targetDirection,
  targetsAgainstHistory,
  goalTextAgainstIndicators,
  indicatorBoilerplate,
  basisRepeated,
  costWithinBudget,
  policyFloors,
];

/**
 * Readings by text: a table repeats its targets (≥95%, 及时), and advice is checked by reading the
 * declaration again. Frozen, since one reading stands in every row with its text.
 */
const readTarget = memoText((text: string) => Object.freeze(parseTarget(text)));

const withReadings = (list: Indicator[]): Indicator[] =>
  list.map((ind) => ({ ...ind, target: { ...ind.target, reading: readTarget(ind.target.text) } }));

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

/** A field both the kind's minimum and the form require is reported once. */
function once(drafts: Draft[]): Draft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    if (d.code !== 'REQUIRED_FIELD_MISSING') return true;
    if (seen.has(d.path)) return false;
    seen.add(d.path);
    return true;
  });
}

/** A bureau's severities: a code raised, lowered, or turned off. */
export function applyPolicy(findings: Finding[], policy: Policy | undefined): Finding[] {
  if (!policy || Object.keys(policy.severities).length === 0) return findings;
  return findings.flatMap((f) => {
    const sev = policy.severities[f.code];
    if (sev === undefined) return [f];
    return sev === 'off' ? [] : [{ ...f, severity: sev }];
  });
}

/** What the rules say of a declaration, before it is placed on a sheet. */
export function judge(decl: Declaration, opts: Omit<ValidateOptions, 'sourceMap'> = {}): Draft[] {
  const profile = opts.framework ?? getProfile(opts.profile ?? decl.profile ?? DEFAULT_PROFILE[decl.kind]);
  const ctx = { profile, policy: opts.policy, required: opts.required };
  const run = (d: Declaration) => {
    const model = hydrate(d);
    return sharingRows(model, () => once(RULES.flatMap((rule) => rule(model, ctx))));
  };
  return keepPromises(decl, run(decl), run, (d) => severityOf(d, opts.policy) === 'error');
}

/** The severity a draft ends with, once the bureau's policy has had its say ('off': dropped). */
export function severityOf(d: Draft, policy: Policy | undefined): Severity | 'off' {
  return policy?.severities[d.code] ?? CATALOG[d.code].severity;
}

/** Drafts as findings, placed on the cells of a source map, errors first, then warnings, then info. */
export function place(drafts: Draft[], opts: Pick<ValidateOptions, 'policy' | 'sourceMap'> = {}): Finding[] {
  const findings = applyPolicy(
    drafts.map((d) => toFinding(d, opts.sourceMap)),
    opts.policy,
  );
  return worstFirst(findings);
}

/** Errors, then warnings, then info; Array.prototype.sort is stable (ES2019), so equal severities keep their order. */
export const worstFirst = (findings: Finding[]): Finding[] =>
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);

/** All findings for a declaration, errors first, then warnings, then info; otherwise in rule order. */
export function validate(decl: Declaration, opts: ValidateOptions = {}): Finding[] {
  return place(judge(decl, opts), opts);
}
