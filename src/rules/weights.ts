import type { Draft, Rule } from './draft';
import { indicatorTables, rowName, tableRows } from './indicators';
import { differs } from './tolerance';
import { numbers, sum } from './util';

/** Weights are whole or two-decimal percentages; the budget systems refuse a table that misses 100 by more. */
const WEIGHT_TOLERANCE = 0.01;

/**
 * 权重: in a weighted framework, or in any table where someone typed a weight, every row has one and the
 * table's weights sum to 100%. Checked per table: each of a department's goal tables stands alone.
 */
export const weights: Rule = (decl, { profile }) =>
  indicatorTables(decl).flatMap((t): Draft[] => {
    const rows = tableRows(t).filter((r) => r.ind.name || r.ind.target.text);
    const weighted = rows.filter((r) => r.ind.weight !== null);
    if (rows.length === 0 || (!profile.weighted && weighted.length === 0)) return [];
    const out: Draft[] = [];
    if (weighted.length > 0) {
      for (const r of rows.filter((x) => x.ind.weight === null)) {
        out.push({
          code: 'WEIGHT_MISSING',
          path: `${r.path}.weight`,
          params: { name: rowName(r) },
          suggestion: { zh: '为该指标填写权重。', en: 'Give this indicator a weight.' },
        });
      }
    }
    const total = sum(weighted.map((r) => r.ind.weight));
    if (differs(total, 100, WEIGHT_TOLERANCE)) {
      const n = numbers(100, total);
      const at = weighted[0] ?? rows[0];
      out.push({
        code: 'WEIGHT_SUM',
        path: `${at.path}.weight`,
        related: rows.filter((r) => r !== at).map((r) => `${r.path}.weight`),
        params: { actual: n.actual, difference: n.difference },
        ...n,
        suggestion: {
          zh: `调整各指标权重，使合计为 100%（现差 ${n.difference}%）。`,
          en: `Adjust the weights so that they add up to 100% (now off by ${n.difference}%).`,
        },
      });
    }
    return out;
  });
