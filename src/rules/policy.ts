import type { Severity } from '../model';
import type { Draft, Rule } from './draft';
import { allRows, readingOf, rowName } from './indicators';
import { OP_SYMBOL } from './util';

/** A severity a bureau may set for a finding code, or off. */
export type PolicySeverity = Severity | 'off';

/** A bureau's bar, from its form's policy sheet. Without one, the national-practice defaults apply. */
export interface Policy {
  /** the form's framework applies whatever framework a declaration claims */
  pinFramework: boolean;
  /** the lowest 满意度 target accepted (percent) */
  satisfactionMin?: number;
  /** the lowest 预算执行率 target accepted (percent) */
  executionMin?: number;
  /** last year's execution rate (percent) below which a growing request is questioned (default 80) */
  lowExecution?: number;
  /** severities raised, lowered or turned off, by finding code */
  severities: Record<string, PolicySeverity>;
}

export const DEFAULT_POLICY: Policy = { pinFramework: false, severities: {} };

/**
 * A satisfaction score: the name ends in 满意度 or 满意率, and is not a rate of the dissatisfied (群众投诉不满意率)
 * nor of something about satisfaction (满意度调查覆盖率).
 */
const isSatisfaction = (name: string): boolean => /满意[度率]$/u.test(name.trim()) && !/不满意/u.test(name);

/** The floors a bureau sets on the targets it accepts: 满意度 and 预算执行率. */
export const policyFloors: Rule = (decl, { policy }) => {
  if (!policy || (policy.satisfactionMin === undefined && policy.executionMin === undefined)) return [];
  return allRows(decl).flatMap((r): Draft[] => {
    const name = rowName(r);
    const q = readingOf(r.ind);
    if (q?.kind !== 'quantitative' || q.unit !== '%') return [];
    const floor = isSatisfaction(name)
      ? policy.satisfactionMin
      : /执行率$/u.test(name.trim())
        ? policy.executionMin
        : undefined;
    if (floor === undefined) return [];
    // ≥, = and > promise at least their number; ≤ and < promise nothing from below.
    const promises = q.op === 'ge' || q.op === 'eq' || q.op === 'gt';
    if (promises && q.value >= floor) return [];
    const suggested = `${OP_SYMBOL.ge}${floor}%`;
    return [
      {
        code: 'TARGET_BELOW_POLICY',
        path: `${r.path}.target`,
        params: { name, value: r.ind.target.text, floor },
        expected: floor,
        actual: q.value,
        difference: Math.round((q.value - floor) * 100) / 100,
        suggestion: {
          zh: `本地财政部门要求不低于 ${floor}%，改为“${suggested}”。`,
          en: `The bureau asks for at least ${floor}%: write “${suggested}”.`,
        },
        suggestedValue: suggested,
      },
    ];
  });
};
