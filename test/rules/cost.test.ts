import { costWithinBudget } from '../../src/rules/cost';
import { expectCode, jiangyin1, laoting1, nanyue, run, rows } from './helpers';

describe('成本指标 within the money declared', () => {
  it.each([
    [10, '≤10万元'],
    [28, '≤28万元'],
    [11, '=11万元'],
    [24, '=24万元'],
  ])('passes nanyue %d 万元 with %s', (amount, cost) => {
    expect(run(costWithinBudget, nanyue(amount, cost))).toEqual([]);
  });

  it('flags a bound above the fund', () => {
    const [d] = run(costWithinBudget, nanyue(10, '≤12万元'));
    expect(d).toMatchObject({
      code: 'COST_EXCEEDS_BUDGET',
      path: 'indicators.4.target',
      related: ['funding.total'],
      expected: 10,
      actual: 12,
      difference: 2,
      suggestedValue: '≤10万元',
    });
    expectCode(d, 'COST_EXCEEDS_BUDGET');
    expect(d.params?.name).toBe('“以奖代补”');
  });

  it('reads 元 as a ten-thousandth of 万元', () => {
    expect(run(costWithinBudget, nanyue(10, '≤100000元'))).toEqual([]);
    expect(run(costWithinBudget, nanyue(10, '≤120000元'))[0]).toMatchObject({ actual: 12, expected: 10 });
  });

  it("measures a project's cost against this year's amount", () => {
    const d = laoting1((x) => {
      x.indicators[2].target = { text: '≤3.5万元' };
    });
    expect(run(costWithinBudget, d)[0]).toMatchObject({
      path: 'indicators.2.target',
      related: ['yearAmount'],
      expected: 3,
    });
  });

  it('finds cost indicators by name under any framework (jiangsu 产出目标 › 成本)', () => {
    const d = jiangyin1((x) => {
      x.indicators.push(...rows([['产出目标', '成本', '调解员培训费', '≤150万元']]));
    });
    expect(run(costWithinBudget, d)[0]).toMatchObject({ expected: 148, actual: 150 });
  });

  it('leaves qualitative cost targets to the target rules', () => {
    expect(run(costWithinBudget, laoting1())).toEqual([]);
  });
});
