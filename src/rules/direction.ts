import type { Draft, Rule } from './draft';
import { allRows, readingOf, rowName } from './indicators';
import { isRate } from './targets';
import { OP_SYMBOL } from './util';

/** What goes wrong: an indicator of failures, incidents or complaints, better when lower. */
const BAD =
  /故障|事故|投诉|差错|脱管|漏管|再犯|重新犯罪|败诉|超支|发生|违纪|违法|违规|失误|返工|不合格|不满意|损失|上访|死亡|伤亡|延误|逾期|超标|流失|纠错|被撤销|被纠正/u;
/** …unless the indicator measures the response to it (投诉办结率, 故障修复率) or its fall (事故下降率). */
const RESPONSE =
  /处理|办结|回复|答复|受理|处置|修复|解决|化解|纠正|整改|查处|排除|下降|降低|减少|控制|防范|预防|调处|排查|报告|上报|响应|知晓|培训|宣传/u;

/** Rates of failures, and counts of incidents (安全事故次数, 投诉件数): lower is better. */
export function lowerIsBetter(name: string): boolean {
  if (!BAD.test(name) || RESPONSE.test(name)) return false;
  return /率|次数|起数|件数|数量|次|起|人数/u.test(name);
}

/** A lower-is-better indicator's target is a ceiling: ≤ or <, never ≥ or >, and never left without one. */
export const targetDirection: Rule = (decl) =>
  allRows(decl).flatMap((r): Draft[] => {
    const q = readingOf(r.ind);
    const name = rowName(r);
    if (q.kind !== 'quantitative' || !lowerIsBetter(name)) return [];
    const upward = q.op === 'ge' || q.op === 'gt';
    if (!upward && !q.opImplicit) return [];
    // '0' with no operator already says “none at all”; an explicit “=0” is a fine ceiling too.
    if (!upward && q.value === 0) return [];
    const unit = q.unit ?? (isRate(name) ? '%' : '');
    const suggested = `${OP_SYMBOL.le}${q.value}${unit}`;
    return [
      {
        code: 'TARGET_DIRECTION',
        path: `${r.path}.target`,
        params: { name, value: r.ind.target.text, suggested },
        suggestion: {
          zh: `写成上限，如“${suggested}”：这项指标越低越好。`,
          en: `Write a ceiling, e.g. “${suggested}”: this indicator is better when lower.`,
        },
        suggestedValue: suggested,
      },
    ];
  });
