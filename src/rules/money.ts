import type { Declaration } from '../model';
import { agree, type Relation } from './agreement';
import { balanceRelations, summaryRelations, totalVsSourcesRelations, yearBounds } from './amounts';
import type { Rule } from './draft';
import {
  departmentRelations,
  fundingRelations,
  lineItemsRelations,
  sourcesRelations,
  staffingRelations,
  summaryRowRelations,
  yearSplitRelations,
} from './totals';

/** Every amount relation of a declaration, in the order a reader meets them on the form. */
export const relationsOf = (decl: Declaration): Relation[] => [
  ...departmentRelations(decl),
  ...balanceRelations(decl),
  ...staffingRelations(decl),
  ...summaryRowRelations(decl),
  ...summaryRelations(decl),
  ...sourcesRelations(decl),
  ...lineItemsRelations(decl),
  ...totalVsSourcesRelations(decl),
  ...yearSplitRelations(decl),
  ...fundingRelations(decl),
];

/**
 * Totals, sums and amounts that must agree, judged together: a finding points at the cells whose change
 * makes everything agree while the rest already agree among themselves (DOMAIN.md's arithmetic).
 */
export const amountsAgree: Rule = (decl) => agree(relationsOf(decl), yearBounds(decl));

/** One rule's share of the judgement (blame still weighs every relation): for tests and the catalogue. */
const only =
  (rule: string): Rule =>
  (decl) =>
    agree(relationsOf(decl), yearBounds(decl), rule);

export const departmentTotals = only('departmentTotals');
export const incomeExpenseBalance = only('incomeExpenseBalance');
export const staffingTotal = only('staffingTotal');
export const summaryRowTotals = only('summaryRowTotals');
export const summaryVsProjectTotal = only('summaryVsProjectTotal');
export const projectSourcesTotal = only('projectSourcesTotal');
export const lineItemsTotal = only('lineItemsTotal');
export const totalVsSources = only('totalVsSources');
export const yearAmountSplit = only('yearAmountSplit');
export const fundingTotal = only('fundingTotal');
