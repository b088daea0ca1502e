import type { Declaration } from '../../src/model';
import type { Draft } from '../../src/rules/draft';
import { keepPromises } from '../../src/rules/promises';
import { jiangyin1 } from './helpers';

/** A stand-in rule set: 本年度项目金额 must equal 30, and 项目总金额 must not be below 150. */
function rules(d: Declaration): Draft[] {
  if (d.kind !== 'project') return [];
  const out: Draft[] = [];
  if (d.yearAmount !== 30)
    out.push({
      code: 'REQUIRED_FIELD_MISSING',
      path: 'yearAmount',
      params: { field: 'y', fieldEn: '' },
      suggestedValue: '30',
    });
  if ((d.totalAmount ?? 0) < 150)
    out.push({
      code: 'REQUIRED_FIELD_MISSING',
      path: 'totalAmount',
      params: { field: 't', fieldEn: '' },
      suggestedValue: '10',
    });
  return out;
}
const isError = () => true;

describe('keepPromises: advice that adds an error is withdrawn, the rest stands', () => {
  it('keeps an offer that, taken, adds nothing', () => {
    const d = jiangyin1((x) => {
      x.totalAmount = 150;
    });
    const out = keepPromises(d, rules(d), rules, isError);
    expect(out.map((x) => x.suggestedValue)).toEqual(['30']);
  });

  it('keeps an offer that leaves its own error standing: an error already reported is not a new one', () => {
    // 项目总金额 148 → “10” is still below 150; that error was there before, so nothing was added.
    const d = jiangyin1();
    const out = keepPromises(d, rules(d), rules, isError);
    expect(out.map((x) => [x.path, x.suggestedValue])).toEqual([
      ['yearAmount', '30'],
      ['totalAmount', '10'],
    ]);
  });

  it('withdraws an offer whose value raises an error at another cell', () => {
    const breaking = (d: Declaration): Draft[] => {
      if (d.kind !== 'project') return [];
      const out: Draft[] = [];
      if (d.name === '')
        out.push({ code: 'REQUIRED_FIELD_MISSING', path: 'name', params: { field: 'n', fieldEn: '' } });
      if (d.totalAmount === 148)
        out.push({ code: 'TOTAL_MISMATCH', path: 'totalAmount', suggestedValue: '0', ...params() });
      if (d.totalAmount === 0)
        out.push({ code: 'YEAR_AMOUNT_EXCEEDS_TOTAL', path: 'yearAmount', params: n() });
      return out;
    };
    const d = jiangyin1();
    const [f] = keepPromises(d, breaking(d), breaking, isError);
    expect(f.suggestedValue).toBeUndefined();
    expect(f.suggestion?.zh).toBe('请与相关单元格一并核对：只改这一处会引出新的问题。');
  });

  it('lets one value per cell stand: a later, different offer for the same cell is dropped', () => {
    const two = (d: Declaration): Draft[] =>
      d.kind === 'project' && d.totalAmount === 148
        ? [
            { code: 'TOTAL_MISMATCH', path: 'totalAmount', suggestedValue: '150', ...params() },
            {
              code: 'AMOUNT_MISMATCH',
              path: 'totalAmount',
              suggestedValue: '140',
              params: { a: '', aEn: '', b: '', bEn: '', ...n() },
            },
          ]
        : [];
    const d = jiangyin1();
    expect(keepPromises(d, two(d), two, isError).map((x) => x.suggestedValue)).toEqual(['150', undefined]);
  });
});

function n() {
  return { expected: 0, actual: 0, difference: 0 };
}
function params() {
  return { params: { total: '', parts: '', partsEn: '', totalEn: '', ...n() } };
}
