import { parseTarget } from '../targets';
import type { Draft, Rule } from './draft';
import { lowerIsBetter } from './direction';
import { allRows, readingOf, rowName } from './indicators';

/**
 * A target below what was achieved before, where the form holds the past years (新洲's 近两年指标值):
 * 300件 of legal aid against 376 the year before asks for less than the unit already does.
 */
export const targetsAgainstHistory: Rule = (decl) =>
  allRows(decl).flatMap((r): Draft[] => {
    const last = r.ind.history.at(-1);
    if (!last) return [];
    const q = readingOf(r.ind);
    const past = parseTarget(last.text);
    if (q.kind !== 'quantitative' || past.kind !== 'quantitative') return [];
    const name = rowName(r);
    // A ceiling (≤, <) and a lower-is-better indicator promise nothing from below.
    if (q.op === 'le' || q.op === 'lt' || lowerIsBetter(name)) return [];
    if ((q.unit ?? '') !== (past.unit ?? '') || q.value >= past.value) return [];
    return [
      {
        code: 'TARGET_BELOW_HISTORY',
        path: `${r.path}.target`,
        params: { name, value: r.ind.target.text, year: last.year, past: last.text },
        expected: past.value,
        actual: q.value,
        difference: Math.round((q.value - past.value) * 100) / 100,
        suggestion: {
          zh: `目标一般不低于上年实际（${last.year} 年为 ${last.text}）；如确需降低，请在“指标值确定依据”中说明原因。`,
          en: `A target is usually no lower than last year's actual (${last.text} in ${last.year}); if it must be lower, say why in the basis column.`,
        },
      },
    ];
  });
