export {
  validate,
  judge,
  place,
  severityOf,
  hydrate,
  applyPolicy,
  worstFirst,
  RULES,
  type ValidateOptions,
} from './validate';
export { CATALOG, type CodeSpec, type FindingCode } from './catalog';
export type { Draft, Rule, RuleContext } from './draft';
export { repeatedTexts } from './boilerplate';
export { DEFAULT_POLICY, type Policy, type PolicySeverity } from './policy';
