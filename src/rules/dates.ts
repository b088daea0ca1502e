import type { Draft, Rule } from './draft';
import { isBlank } from './util';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

// 2020-01-01, 2020/1/1, 2020.1.1, 2020年1月1日; a time of day after it (a date cell read as text) is ignored.
const DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/u;

/** A calendar date as the forms write it, or null when it is not one (2021-13-01, 2021-02-30). */
export function parseDate(text: string): Ymd | null {
  const m = DATE.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

const iso = (v: Ymd) => `${v.y}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;

interface DateField {
  path: string;
  zh: string;
  en: string;
  text: string;
}

function invalid(f: DateField): Draft {
  return {
    code: 'DATE_INVALID',
    path: f.path,
    params: { field: f.zh, fieldEn: f.en, value: f.text },
    suggestion: { zh: '日期请写成 2021-01-01 的形式。', en: 'Write the date like 2021-01-01.' },
  };
}

function outsideYear(f: DateField, year: number): Draft {
  return {
    code: 'DATE_OUTSIDE_YEAR',
    path: f.path,
    params: { field: f.zh, fieldEn: f.en, value: f.text, year },
    suggestion: {
      zh: `核对日期是否应在 ${year} 年内；跨年度项目可忽略此提示。`,
      en: `Check whether the date should fall in ${year}; ignore this for a project spanning years.`,
    },
  };
}

/**
 * 计划开始/完成日期: readable, start ≤ end, and inside the declared year. A project whose dates lie in
 * different years spans years; it is only flagged when its whole period misses the declared year.
 */
export const projectDates: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const start: DateField = {
    path: 'startDate',
    zh: '计划开始日期',
    en: 'planned start',
    text: decl.startDate,
  };
  const end: DateField = { path: 'endDate', zh: '计划完成日期', en: 'planned end', text: decl.endDate };
  const out: Draft[] = [];
  const read = (f: DateField) => {
    if (isBlank(f.text)) return null;
    const v = parseDate(f.text);
    if (!v) out.push(invalid(f));
    return v;
  };
  const s = read(start);
  const e = read(end);
  if (s && e && iso(s) > iso(e)) {
    out.push({
      code: 'DATE_ORDER',
      path: 'startDate',
      related: ['endDate'],
      params: { start: iso(s), end: iso(e) },
      suggestion: {
        zh: '开始日期应不晚于完成日期，请核对。',
        en: 'The start must not be after the end; check both.',
      },
    });
  }
  const year = decl.year;
  // Reversed dates are DATE_ORDER's business; then each date is judged on its own.
  if (s && e && s.y !== e.y && iso(s) <= iso(e)) {
    if (e.y < year || s.y > year) out.push(outsideYear(start, year), outsideYear(end, year));
  } else {
    if (s && s.y !== year) out.push(outsideYear(start, year));
    if (e && e.y !== year) out.push(outsideYear(end, year));
  }
  return out;
};

/** 填报日期 ('2021.3.28'), when given, must be a date. It may fall in the year before the budget year. */
export const filedOnDate: Rule = (decl) => {
  if (decl.kind !== 'department' || isBlank(decl.filedOn) || parseDate(decl.filedOn)) return [];
  return [invalid({ path: 'filedOn', zh: '填报日期', en: 'filing date', text: decl.filedOn })];
};

/**
 * 专项起止时间 is free text ('2021年1-12月'); only a year it names is checked: the years it names must
 * cover the declared year.
 */
export const fundPeriod: Rule = (decl) => {
  if (decl.kind !== 'specialFund') return [];
  const years = [...decl.period.normalize('NFKC').matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/gu)].map((m) =>
    Number(m[0]),
  );
  if (years.length === 0) return [];
  const [min, max] = [Math.min(...years), Math.max(...years)];
  if (decl.year >= min && decl.year <= max) return [];
  return [
    outsideYear({ path: 'period', zh: '专项起止时间', en: 'fund period', text: decl.period }, decl.year),
  ];
};
