import type { Lang } from '../app/session';
import { Year, type DeclarationKind, type Finding, type ProfileId, type Severity } from '../model';
import { PROFILES } from '../profiles';

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

/**
 * Findings by severity (errors first), then by section in the order the rules reported them, which
 * follows the form from top to bottom. Empty severities are left out.
 */
export function groupFindings(findings: readonly Finding[]): SeverityGroup[] {
  const groups: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const sections = new Map<string, Finding[]>();
    for (const f of findings) {
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
