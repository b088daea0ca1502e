import { normalizeName, type Profile } from '../profiles';
import type { Draft, Rule } from './draft';
import { allRows, isQuantityLike, readingOf, type Row, rowName, specsOf } from './indicators';
import { isSatisfactionName } from './satisfaction';
import { append } from './util';

/**
 * Words a reviewer sends back: they promise a direction but no level (较好, 有所提高, 进一步加强). Listed
 * longest first, so the word named is the whole of it ('一定程度' before '一定').
 */
const VAGUE = [
  '一定程度',
  '进一步',
  '较好',
  '良好',
  '较高',
  '较大',
  '较强',
  '较快',
  '有所',
  '逐步',
  '明显',
  '显著',
  '大幅',
  '稳步',
  '不断',
  '尽量',
  '力争',
  '基本',
];
const VAGUE_RE = new RegExp(VAGUE.join('|'), 'u');

/** 数量, 质量, 效益 and 满意度 targets must be measurable; 时效 and management rows may say 按时, 健全. */
function measured(profile: Profile, r: Row): boolean {
  const { level1 } = specsOf(profile, r.ind);
  const l2 = normalizeName(r.ind.level2);
  return (
    isQuantityLike(profile, r.ind) ||
    l2 === '质量' ||
    isBenefit(level1?.name ?? r.ind.level1) ||
    isSatisfactionName(r.ind.level2) ||
    isSatisfactionName(rowName(r))
  );
}

/** 效益指标 (classic, national 2021), 效果目标 (Jiangsu). */
const isBenefit = (level1: string): boolean => /效益|效果/u.test(level1);

const SATISFACTION_HINT = {
  zh: '满意度按问卷调查结果衡量，写成百分比下限，如“≥90%”。',
  en: 'Satisfaction is measured by survey: give a floor in percent, e.g. “≥90%”.',
};

/** Targets a reviewer cannot measure: vague words, and satisfaction without a percentage. */
export const measurableTargets: Rule = (decl, { profile }) =>
  allRows(decl).flatMap((r): Draft[] => {
    const reading = readingOf(r.ind);
    if (reading.kind !== 'qualitative' || !measured(profile, r)) return [];
    const name = rowName(r);
    const value = r.ind.target.text;
    const path = `${r.path}.target`;
    if (isSatisfactionName(name) || isSatisfactionName(r.ind.level2))
      return [
        { code: 'SATISFACTION_NOT_PERCENT', path, params: { name, value }, suggestion: SATISFACTION_HINT },
      ];
    const word = VAGUE_RE.exec(value)?.[0];
    if (!word) return [];
    return [
      {
        code: 'TARGET_VAGUE',
        path,
        params: { name, value, word },
        suggestion: {
          zh: `写明要达到的程度：数值和单位（如“≥95%”“≥300件”），或可核验的完成状态（如“建成并投入使用”），不用“${word}”。`,
          en: `Say what level is to be reached: a number and a unit (“≥95%”, “≥300件”), or a state anyone can check (“built and in use”), not “${word}”.`,
        },
      },
    ];
  });

/** A 效益 block (satisfaction aside) with no number at all: its benefits cannot be checked at year end. */
export const benefitQuantified: Rule = (decl, { profile }) => {
  const blocks = new Map<string, Row[]>();
  for (const r of allRows(decl)) {
    const level1 = specsOf(profile, r.ind).level1?.name ?? r.ind.level1;
    if (!isBenefit(level1) || isSatisfactionName(r.ind.level2) || isSatisfactionName(rowName(r))) continue;
    append(blocks, `${r.table}|${level1}`, r);
  }
  return [...blocks.values()].flatMap(([first, ...rest]): Draft[] => {
    const numbered = [first, ...rest].some((r) => {
      const k = readingOf(r.ind).kind;
      return k === 'quantitative' || k === 'ratio' || k === 'range' || k === 'compound';
    });
    if (numbered) return [];
    return [
      {
        code: 'BENEFIT_NOT_QUANTIFIED',
        path: `${first.path}.target`,
        related: rest.map((r) => `${r.path}.target`),
        params: { level1: first.ind.level1 },
        suggestion: {
          zh: '至少把一项效益写成可量化的目标，如“服务人次增长率 ≥5%”“纠纷化解率 ≥95%”。',
          en: 'Give at least one benefit as a number, e.g. “服务人次增长率 ≥5%” or “纠纷化解率 ≥95%”.',
        },
      },
    ];
  });
};
