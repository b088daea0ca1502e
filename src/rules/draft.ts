import type { Bilingual, Declaration, Finding, SourceMap } from '../model';
import type { Profile } from '../profiles';
import type { Policy } from './policy';
import { CATALOG, type FindingCode, message, type NoParams, type ParamsOf } from './catalog';

interface DraftBase {
  /** model path of the cell to look at first */
  path: string;
  /** model paths of the other cells involved (a total's parts) */
  related?: string[];
  expected?: number | null;
  actual?: number | null;
  difference?: number | null;
  suggestion?: Bilingual;
  suggestedValue?: string;
}

/**
 * The params code C's messages take; a code that takes none has none. (Not `params?: NoParams`: its index
 * signature in the union would turn a misspelt parameter's error into "not assignable to never".)
 */
type ParamsField<C extends FindingCode> =
  ParamsOf<C> extends NoParams ? { params?: undefined } : { params: ParamsOf<C> };

/**
 * What a rule returns: a finding before it is placed on a sheet. One member per code, so a misspelt or
 * missing parameter is a compile error where the draft is built.
 */
export type Draft = { [C in FindingCode]: DraftBase & { code: C } & ParamsField<C> }[FindingCode];

export interface RuleContext {
  profile: Profile;
  /** the bureau's policy, from the form the declaration was read with */
  policy?: Policy;
  /** the fields the form marks required, with the names findings give them */
  required?: { path: string; label: string }[];
}

/** A rule is a pure function of the declaration and its framework. */
export type Rule = (decl: Declaration, ctx: RuleContext) => Draft[];

const SECTION_OF: Record<string, string> = {
  funds: 'funds',
  fundShares: 'funds',
  fundHistory: 'funds',
  staffing: 'funds',
  funding: 'funds',
  indicators: 'indicators',
  goals: 'indicators',
  lineItems: 'lineItems',
  sources: 'sources',
  lastYear: 'lastYear',
  spendPlan: 'spendPlan',
  texts: 'texts',
  projects: 'projects',
};

export function sectionOf(path: string): string {
  return SECTION_OF[path.split('.')[0]] ?? 'basic';
}

/** The cell of a path, or of its nearest ancestor that has one (a table, a section). */
export function locate(
  path: string,
  map: SourceMap | undefined,
): { sheet: string; cell: string } | undefined {
  if (!map) return undefined;
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const ref = map[p];
    if (ref) return ref;
  }
  return undefined;
}

export function toFinding(d: Draft, map?: SourceMap): Finding {
  const spec = CATALOG[d.code];
  const at = locate(d.path, map);
  const cells = (d.related ?? [])
    .map((p) => locate(p, map))
    .filter((r): r is { sheet: string; cell: string } => !!r)
    .map((r) => r.cell);
  const f: Finding = {
    code: d.code,
    severity: spec.severity,
    message: message(d.code, d.params ?? {}),
    path: d.path,
    section: sectionOf(d.path),
    sheet: at?.sheet ?? null,
    cell: at?.cell ?? null,
    cells: [...new Set(cells)],
  };
  if (d.expected !== undefined) f.expected = d.expected;
  if (d.actual !== undefined) f.actual = d.actual;
  if (d.difference !== undefined) f.difference = d.difference;
  if (d.suggestion) f.suggestion = d.suggestion;
  if (d.suggestedValue !== undefined) f.suggestedValue = d.suggestedValue;
  return f;
}
