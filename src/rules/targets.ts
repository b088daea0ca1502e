import type { MalformedReason, Quantity } from '../model';
import type { Profile } from '../profiles';
import { TARGET_UNITS } from '../targets';
import type { Draft, Rule } from './draft';
import { allRows, isQuantityLike, readingOf, type Row, rowName } from './indicators';
import { lowerIsBetter } from './direction';
import { numbers, OP_SYMBOL } from './util';

const REASON: Record<MalformedReason, { zh: string; en: string }> = {
  noNumber: { zh: '比较符后没有数值', en: 'no number after the operator' },
  badNumber: { zh: '数值写法有误', en: 'the number is mistyped' },
  forbiddenChar: {
    zh: '含有预算系统不接受的字符“*”或“_”',
    en: 'it holds “*” or “_”, which the budget systems refuse',
  },
  danglingText: { zh: '数值后有不是计量单位的文字', en: 'the number is followed by text that is not a unit' },
};

/** 率/满意度/覆盖率/占比/比例/比率: targets in percent. */
export const isRate = (name: string): boolean => /率|满意度|占比|比例/u.test(name);
/** Growth rates may exceed 100%, so the 0–100 checks leave them alone. */
const isGrowth = (name: string): boolean => /增长|增幅/u.test(name);
/** '社区矫正人数(人）': the unit sits in the name, so a bare number is fine. */
const unitInName = (name: string): boolean =>
  [...name.matchAll(/[(（]\s*([^()（）\d]{1,4}?)\s*[)）]/gu)].some(([, u]) => KNOWN_UNITS.has(u));
/** Units a bracket in a name may give; qualifiers such as 年均, 累计 and 全年 are not among them. */
const KNOWN_UNITS = new Set([...TARGET_UNITS, '万', '元/人', '次/年', '人/次']);
const PERCENT_IN_NAME = /[(（]\s*%\s*[)）]/u;

const fmtValue = (q: Pick<Quantity, 'op' | 'value'>, unit: string) => `${OP_SYMBOL[q.op]}${q.value}${unit}`;

function quantityFindings(r: Row, q: Quantity, profile: Profile): Draft[] {
  const name = rowName(r);
  const path = `${r.path}.target`;
  const value = r.ind.target.text;
  const rate = isRate(name);
  const inPercent = q.unit === '%' || (q.unit === null && PERCENT_IN_NAME.test(name));
  const out: Draft[] = [];
  // A unit in the name ('社区矫正人数(人）', '资金使用率(%)') covers a bare number, rate or not.
  if (q.unit === null && !unitInName(name)) {
    if (rate && q.value !== 0) {
      const suggested = fmtValue(q, '%');
      out.push({
        code: 'TARGET_RATE_WITHOUT_PERCENT',
        path,
        params: { name, value, suggested },
        suggestion: {
          zh: `比率类指标的值应带 %，如“${suggested}”。`,
          en: `A rate takes a %: “${suggested}”.`,
        },
        suggestedValue: suggested,
      });
    } else {
      out.push({
        code: 'TARGET_UNIT_MISSING',
        path,
        params: { name, value },
        suggestion: {
          zh: '在数值后写上计量单位（如 件、人、次、%），或在指标名称中注明单位。',
          en: 'Put a unit after the number (件, 人, 次, %), or name the unit in the indicator.',
        },
        ...(rate ? { suggestedValue: fmtValue(q, '%') } : {}),
      });
    }
  } else if (rate && inPercent && !isGrowth(name)) {
    if (q.value > 100 || (q.op === 'gt' && q.value >= 100)) {
      out.push({
        code: 'TARGET_OUT_OF_RANGE',
        path,
        params: { name, value },
        ...numbers(100, q.value),
        suggestion: {
          zh: '比率或满意度的目标不能超过 100%，请改为不超过 100% 的值。',
          en: 'A rate or satisfaction target cannot exceed 100%; give a value up to 100%.',
        },
        suggestedValue: '=100%',
      });
    } else if (q.op === 'ge' && q.value === 100) {
      out.push({
        code: 'TARGET_BOUND_UNREACHABLE',
        path,
        params: { name, value },
        suggestion: { zh: '写成“=100%”。', en: 'Write “=100%”.' },
        suggestedValue: '=100%',
      });
    }
  }
  if (q.notes.length > 0) {
    out.push({
      code: 'TARGET_NONSTANDARD',
      path,
      params: { value, suggested: q.normalized },
      suggestion: {
        zh: `预算系统按“比较符 + 数值 + 单位”保存指标值，请写成“${q.normalized}”。`,
        en: `The budget systems store a comparison, a number and a unit: write “${q.normalized}”.`,
      },
      suggestedValue: q.normalized,
    });
  } else if (q.opImplicit && profile.requireOperator && !(lowerIsBetter(name) && q.value !== 0)) {
    // (A lower-is-better one without an operator is TARGET_DIRECTION's, with the ceiling it needs.)
    out.push({
      code: 'TARGET_OPERATOR_MISSING',
      path,
      params: { value },
      suggestion: {
        zh: `写明比较符，如“${q.normalized}”，或按目标改为“≥”“≤”。`,
        en: `Write the comparison, e.g. “${q.normalized}”, or “≥”/“≤” as the target means.`,
      },
      suggestedValue: q.normalized,
    });
  }
  return out;
}

/** Each target value against DOMAIN.md's table of real cells. */
export const targetValues: Rule = (decl, { profile }) =>
  allRows(decl).flatMap((r): Draft[] => {
    const name = rowName(r);
    const path = `${r.path}.target`;
    const value = r.ind.target.text;
    // A row with neither name nor target is INDICATOR_LEVEL_EMPTY; one empty finding is enough.
    if (!r.ind.name && !r.ind.description && !value) return [];
    const reading = readingOf(r.ind);
    switch (reading.kind) {
      case 'empty':
        return [
          {
            code: 'TARGET_MISSING',
            path,
            params: { name },
            suggestion: {
              zh: '填写指标值，如“≥90%”“=100件”，或定性表述如“健全”。',
              en: 'Fill in a target such as “≥90%”, “=100件”, or a statement such as “健全”.',
            },
          },
        ];
      case 'malformed': {
        const why = REASON[reading.reason];
        return [
          {
            code: 'TARGET_MALFORMED',
            path,
            params: { name, value, reason: why.zh, reasonEn: why.en },
            suggestion: {
              zh: '写成“比较符 + 数值 + 单位”（如“≥90%”），或写定性表述。',
              en: 'Write a comparison, a number and a unit (“≥90%”), or a statement.',
            },
          },
        ];
      }
      case 'quantitative':
        return quantityFindings(r, reading, profile);
      case 'range':
        return [
          {
            code: 'TARGET_RANGE',
            path,
            params: { value, suggested: reading.normalized },
            suggestion: {
              zh: `只写一个界值，如“${reading.normalized}”。`,
              en: `Give one bound, e.g. “${reading.normalized}”.`,
            },
            suggestedValue: reading.normalized,
          },
        ];
      case 'compound': {
        const parts = reading.parts.map((p) => (p.label ? `${p.label} ${p.normalized}` : p.normalized));
        const suggested = parts.join('；');
        return [
          {
            code: 'TARGET_COMPOUND',
            path,
            params: { value, count: reading.parts.length, suggested },
            suggestion: {
              zh: `拆分为 ${reading.parts.length} 个三级指标：${suggested}。`,
              en: `Split it into ${parts.length} indicators: ${parts.map((x) => `“${x}”`).join(', ')}.`,
            },
          },
        ];
      }
      case 'qualitative':
        if (!isQuantityLike(profile, r.ind)) return [];
        return [
          {
            code: 'TARGET_NOT_QUANTITATIVE',
            path,
            params: { level2: r.ind.level2 || r.ind.level1, name, value },
            suggestion: {
              zh: '数量、成本指标应写成“比较符 + 数值 + 单位”，如“≥6次”“≤3万元”。',
              en: 'Quantity and cost indicators take a comparison, a number and a unit, e.g. “≥6次”, “≤3万元”.',
            },
          },
        ];
      case 'ratio':
        return [];
    }
  });
