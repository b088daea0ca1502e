import type { Lang } from '../app/session';
import { Year, type DeclarationKind, type Finding, type ProfileId, type Severity } from '../model';
import { parseA1 } from '../layouts/plan';
import { PROFILES } from '../profiles';
import type { StringKey, Strings } from './strings';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const KINDS: readonly DeclarationKind[] = ['project', 'department', 'specialFund'];

export interface SectionGroup {
  section: string;
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  count: number;
  sections: SectionGroup[];
}

/** Row and column of an A1 address (1-based), or undefined when it is not one. */
function position(cell: string | null): [number, number] | undefined {
  const at = cell ? parseA1(cell) : undefined;
  return at && [at.row, at.col];
}

/**
 * Orders findings the way the user reads the form: by sheet (in order of first mention), then top to
 * bottom, left to right; findings without a cell go last. Stable, so ties keep the rules' order.
 */
function formOrder(findings: readonly Finding[]): Finding[] {
  const sheetRank = new Map<string, number>();
  for (const f of findings) if (f.sheet && !sheetRank.has(f.sheet)) sheetRank.set(f.sheet, sheetRank.size);
  const key = (f: Finding): [number, number, number] => {
    const pos = position(f.cell);
    if (!pos) return [Infinity, Infinity, Infinity];
    return [f.sheet ? (sheetRank.get(f.sheet) ?? 0) : -1, pos[0], pos[1]];
  };
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i)
    .map((x) => x.f);
}

/**
 * Findings by severity (errors first), then by section; sections and the findings in them follow the
 * form from top to bottom (a section sits where its first finding is). Empty severities are left out.
 */
export function groupFindings(findings: readonly Finding[]): SeverityGroup[] {
  const ordered = formOrder(findings);
  const groups: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const sections = new Map<string, Finding[]>();
    for (const f of ordered) {
      if (f.severity !== severity) continue;
      const list = sections.get(f.section);
      if (list) list.push(f);
      else sections.set(f.section, [f]);
    }
    const count = [...sections.values()].reduce((n, list) => n + list.length, 0);
    if (count > 0) {
      groups.push({
        severity,
        count,
        sections: [...sections].map(([section, list]) => ({ section, findings: list })),
      });
    }
  }
  return groups;
}

/**
 * The rules name sections by id ('basic', 'funds', …); the pane shows the form's own title. An unknown
 * name (a title already) is shown as it is.
 */
export function sectionTitle(section: string, s: Strings): string {
  const key = `section.${section}`;
  return key in s ? s[key as StringKey] : section;
}

/** "sheet!A1", the form Excel users know; empty when the finding has no cell. */
export function cellRef(f: Pick<Finding, 'sheet' | 'cell'>): string {
  if (!f.cell) return '';
  return f.sheet ? `${f.sheet}!${f.cell}` : f.cell;
}

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
};
const differenceFormats: Record<Lang, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, signDisplay: 'exceptZero' }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' }),
};

/** Up to two decimals: amounts are in 万元 and the rules' tolerance is 0.01. */
export function formatNumber(n: number, lang: Lang): string {
  return numberFormats[lang].format(n);
}

/** A difference carries its sign, so "+0.5" reads as "0.5 too much". */
export function formatDifference(n: number, lang: Lang): string {
  return differenceFormats[lang].format(n);
}

/**
 * A framework's name for the dropdown. The English names are written to sit inside a sentence ("the
 * classic framework …"), so the article goes and the first letter is raised for a list entry.
 */
export function profileName(id: ProfileId, lang: Lang): string {
  const p = PROFILES.find((x) => x.id === id);
  if (!p) return id;
  if (lang === 'zh') return p.name.zh;
  const bare = p.name.en.replace(/^the\s+/i, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

export const PROFILE_IDS: readonly ProfileId[] = PROFILES.map((p) => p.id);

/** Declarations are made for the coming budget year. */
export function defaultYear(now: Date = new Date()): number {
  return now.getFullYear() + 1;
}

/** The model's bounds, so the pane never offers a year that Declaration.parse would refuse. */
export const MIN_YEAR = Year.minValue ?? 1990;
export const MAX_YEAR = Year.maxValue ?? 2100;

export function isValidYear(y: number | null): y is number {
  return y !== null && Year.safeParse(y).success;
}
