import type { Declaration } from '../model';
import { normalizeName } from '../profiles';
import type { Draft, Rule } from './draft';
import { allRows, indicatorTables, type Row, tableRows } from './indicators';
import { isBlank } from './util';

const same = (a: string, b: string) => normalizeName(a) === normalizeName(b);

/** An indicator that only repeats itself: its name, description (where the form has one) and target are one text. */
export const indicatorBoilerplate: Rule = (decl) =>
  allRows(decl).flatMap((r): Draft[] => {
    const { name, description, target } = r.ind;
    if (isBlank(name) || !same(name, target.text)) return [];
    if (!isBlank(description) && !same(description, name)) return [];
    return [
      {
        code: 'INDICATOR_BOILERPLATE',
        path: `${r.path}.target`,
        related: [`${r.path}.name`],
        params: { name },
        suggestion: {
          zh: '指标值写要达到的程度：数值和单位，或可核验的完成状态（如“建成并投入使用”），不要重复指标名称。',
          en: 'Give the level to reach as the target, a number and a unit or a state anyone can check, rather than the name again.',
        },
      },
    ];
  });

/** The four kinds of 绩效标准 a form may ask for by name: picking one for every row is a choice, not boilerplate. */
const STANDARD_KINDS = new Set(['计划标准', '行业标准', '历史标准', '其他标准']);
/** Fewer rows than this sharing a basis is too little to call it pasted. */
const MIN_ROWS = 4;

/** One 依据 pasted on every row of a table says nothing of where each value comes from. */
export const basisRepeated: Rule = (decl) =>
  indicatorTables(decl).flatMap((t): Draft[] => {
    const rows: Row[] = tableRows(t).filter((r) => !isBlank(r.ind.name) || !isBlank(r.ind.target.text));
    if (rows.length < MIN_ROWS) return [];
    const basis = rows[0].ind.basis;
    if (isBlank(basis) || STANDARD_KINDS.has(basis.trim()) || !rows.every((r) => same(r.ind.basis, basis)))
      return [];
    return [
      {
        code: 'BASIS_REPEATED',
        path: `${rows[0].path}.basis`,
        related: rows.slice(1).map((r) => `${r.path}.basis`),
        params: { basis, count: rows.length },
        suggestion: {
          zh: '逐行写明指标值的来源：计划或文件（写文号）、行业标准、历史数据（写年份和数值）。',
          en: 'Give each row its own source: a plan or document (with its number), an industry standard, or past data (with the year and value).',
        },
      },
    ];
  });

const TEXT_FIELDS = [
  ['texts.overview', '项目概况', 'project overview'],
  ['texts.basis', '立项依据', 'grounds for the project'],
] as const;
/** Shorter texts (“无”, “详见附件”) are alike by nature. */
const MIN_TEXT = 20;

/**
 * The same 概况 or 立项依据 in two projects of one workbook: copied and not rewritten. Each declaration gets
 * the findings for its texts that an earlier one already has; one pass, keyed by text.
 */
export function repeatedTexts(decls: Declaration[]): Draft[][] {
  const first = new Map<string, string>();
  return decls.map((d): Draft[] => {
    if (d.kind !== 'project') return [];
    return TEXT_FIELDS.flatMap(([path, field, fieldEn]): Draft[] => {
      const text = path === 'texts.overview' ? d.texts.overview : d.texts.basis;
      const key = `${path}|${normalizeName(text)}`;
      if (text.trim().length < MIN_TEXT) return [];
      const other = first.get(key);
      if (other === undefined) {
        first.set(key, d.name || '未命名项目');
        return [];
      }
      return [
        {
          code: 'TEXT_REPEATED',
          path,
          params: { field, fieldEn, other },
          suggestion: {
            zh: `按本项目的实际情况重写“${field}”。`,
            en: `Rewrite the ${fieldEn} for this project.`,
          },
        },
      ];
    });
  });
}
