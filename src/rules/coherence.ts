import type { Declaration } from '../model';
import type { Draft, Rule } from './draft';
import { allRows, readingOf, type Row, rowName } from './indicators';
import { append } from './util';

interface GoalText {
  path: string;
  field: string;
  fieldEn: string;
  text: string;
}

/** The texts that state targets in words, by kind. */
function goalTexts(decl: Declaration): GoalText[] {
  switch (decl.kind) {
    case 'project':
      return [
        {
          path: 'texts.annualGoal',
          field: '年度绩效目标',
          fieldEn: 'annual goal',
          text: decl.texts.annualGoal,
        },
        {
          path: 'texts.longTermGoal',
          field: '项目总目标',
          fieldEn: 'overall goal',
          text: decl.texts.longTermGoal,
        },
      ];
    case 'specialFund':
      return [
        { path: 'annualGoal', field: '本年度绩效目标', fieldEn: 'annual goal', text: decl.annualGoal },
        { path: 'longTermGoal', field: '中长期绩效目标', fieldEn: 'long-term goal', text: decl.longTermGoal },
      ];
    case 'department':
      return [
        {
          path: 'texts.annualGoal',
          field: '年度绩效目标',
          fieldEn: 'annual goal',
          text: decl.texts.annualGoal,
        },
        { path: 'texts.policies', field: '年度工作任务', fieldEn: 'annual tasks', text: decl.texts.policies },
        ...decl.goals.flatMap((g, i) =>
          g.term === 'annual'
            ? [{ path: `goals.${i}.title`, field: '年度目标', fieldEn: 'annual goal', text: g.title }]
            : [],
        ),
      ];
  }
}

const UNITS = '人次|万元|件|人|次|个|场|份|户|家|所|篇|期|名|%';
/** 'Han words, then a number and a unit': 办理法律援助案件400件以上. */
const MENTION = new RegExp(`(\\p{Script=Han}{2,20})(\\d+(?:\\.\\d+)?)(${UNITS})(以上|以下|左右)?`, 'gu');
/** Words between the subject and its number that are not part of the subject. */
const LEAD =
  /(?:每年平均|每年|平均|全年|累计)?(?:不少于|不低于|不超过|不高于|达到|超过|力争|确保|约|达|为|共|在)$/u;

/** The name an indicator goes by in prose: without its unit bracket and a trailing 数/数量 (案件数 → 案件). */
const core = (name: string): string =>
  name
    .replace(/[(（][^()（）]*[)）]/gu, '')
    .replace(/(?:数量|数)$/u, '')
    .trim();

/**
 * A number in the goal text for a quantity an indicator also sets, where the two differ: 新洲's tasks say
 * 法律援助案件400件以上 while the indicator says 300件. One finding per mention, at the indicator.
 */
export const goalTextAgainstIndicators: Rule = (decl) => {
  // Indicators by unit and by the name prose calls them: a mention's subject is at most 20 characters,
  // so looking up each of its substrings costs a bounded amount per mention, whatever the row count.
  const named = new Map<string, { row: Row; value: number; at: number }[]>();
  for (const [at, row] of allRows(decl).entries()) {
    const q = readingOf(row.ind);
    if (q.kind !== 'quantitative' || q.unit === null) continue;
    const c = core(rowName(row));
    if (c.length < 3 || c.length > 20) continue;
    const k = `${q.unit}|${c}`;
    append(named, k, { row, value: q.value, at });
  }
  if (named.size === 0) return [];
  const lookup = (unit: string, subject: string) => {
    const hits: { row: Row; value: number; at: number }[] = [];
    for (let i = 0; i < subject.length; i++)
      for (let j = i + 3; j <= subject.length; j++)
        hits.push(...(named.get(`${unit}|${subject.slice(i, j)}`) ?? []));
    return hits.sort((a, b) => a.at - b.at);
  };
  return goalTexts(decl).flatMap((g): Draft[] => {
    const out: Draft[] = [];
    for (const m of g.text.matchAll(MENTION)) {
      const [quote, before, number, unit] = m;
      const subject = before.replace(LEAD, '');
      const hits = lookup(unit, subject);
      if (hits.length === 0 || hits.some((h) => h.value === Number(number))) continue;
      const [first, ...rest] = hits;
      out.push({
        code: 'GOAL_TEXT_CONFLICT',
        path: `${first.row.path}.target`,
        related: [g.path, ...rest.map((h) => `${h.row.path}.target`)],
        params: {
          name: rowName(first.row),
          value: first.row.ind.target.text,
          field: g.field,
          fieldEn: g.fieldEn,
          quote,
        },
        suggestion: {
          zh: `让“${g.field}”与指标值一致：改其中一处，使两者说同一个数。`,
          en: `Make the ${g.fieldEn} and the indicator agree: change one so that both give the same number.`,
        },
      });
    }
    return out;
  });
};
