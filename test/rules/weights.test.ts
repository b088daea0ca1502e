import { weights } from '../../src/rules/weights';
import { jiangyin1, rows, run, rugao } from './helpers';

describe('权重', () => {
  it('passes rugao: 18 weights summing to 100%', () => {
    expect(run(weights, rugao())).toEqual([]);
  });

  it('flags a sum off 100', () => {
    const [d] = run(
      weights,
      rugao((x) => {
        x.indicators[2].weight = 4;
      }),
    );
    expect(d).toMatchObject({
      code: 'WEIGHT_SUM',
      path: 'indicators.0.weight',
      expected: 100,
      actual: 98,
      difference: -2,
    });
    expect(d.related).toHaveLength(17);
  });

  it('flags a row without a weight among weighted rows', () => {
    const drafts = run(
      weights,
      rugao((x) => {
        x.indicators[13].weight = null;
      }),
    );
    expect(drafts).toEqual([
      expect.objectContaining({
        code: 'WEIGHT_MISSING',
        path: 'indicators.13.weight',
        params: { name: '满意度指标' },
      }),
      expect.objectContaining({ code: 'WEIGHT_SUM', actual: 99, difference: -1 }),
    ]);
  });

  it('asks a weighted framework for weights even when none were typed', () => {
    const d = rugao((x) => {
      for (const i of x.indicators) i.weight = null;
    });
    expect(run(weights, d)).toEqual([
      expect.objectContaining({ code: 'WEIGHT_SUM', actual: 0, difference: -100 }),
    ]);
  });

  it('leaves unweighted tables alone, but checks any table where weights were typed', () => {
    expect(run(weights, jiangyin1())).toEqual([]);
    const d = jiangyin1((x) => {
      x.indicators = rows([
        ['产出目标', '数量', '调解员人均调解案件数', '≥16件', 60],
        ['效果目标', '满意度', '人民调解工作满意度', '≥95%', 30],
      ]);
    });
    expect(run(weights, d)).toEqual([expect.objectContaining({ code: 'WEIGHT_SUM', actual: 90 })]);
  });
});
