import { checkDeclaration } from '../app/check';
import type { FormSet } from '../forms';
import { Declaration, type Finding } from '../model';
import type { VersionCounts } from '../submit/review';
import { amountOf } from './amount';

/**
 * What the review desk works out of a stored version under its form. Pure, so that a validator thread
 * (validator.worker.ts) answers exactly as the event loop does.
 */

/** A stored version's findings under its form, every one placed on its cell; none when the form is gone. */
export function findingsOf(body: string, forms: FormSet): Finding[] {
  try {
    return checkDeclaration(Declaration.parse(JSON.parse(body)), { forms }).findings;
  } catch {
    return [];
  }
}

/** A stored version's errors, warnings and amount, under its form. */
export function countsOf(body: string, forms: FormSet): VersionCounts {
  const decl = Declaration.parse(JSON.parse(body));
  let findings: { severity: string }[] = [];
  try {
    findings = checkDeclaration(decl, { forms, place: 'errors' }).findings;
  } catch {
    // A form no longer installed: the counts stay unknown rather than wrong (0 and 0 say “clean”).
    findings = [];
  }
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    amount: amountOf(decl),
  };
}
