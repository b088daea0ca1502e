import { spendPlan } from '../../src/rules/spendPlan';
import { jiangyin1, laoting1, run } from './helpers';

describe('资金支出计划', () => {
  it('passes laoting: 25 / 50 / 75 / 100', () => {
    expect(run(spendPlan, laoting1())).toEqual([]);
  });
  it('ignores a form without the plan', () => {
    expect(run(spendPlan, jiangyin1())).toEqual([]);
  });
  it('flags a cumulative figure below the period before', () => {
    const [d] = run(
      spendPlan,
      laoting1((x) => {
        x.spendPlan.oct = 40;
      }),
    );
    expect(d).toMatchObject({
      code: 'SPEND_PLAN_DECREASING',
      path: 'spendPlan.oct',
      related: ['spendPlan.jun'],
      expected: 50,
      actual: 40,
      difference: -10,
    });
    expect(d.params).toMatchObject({ field: '10月底', fieldEn: 'end of October' });
  });
  it('flags a plan that stops short of 100% in December, or leaves December blank', () => {
    const [d] = run(
      spendPlan,
      laoting1((x) => {
        x.spendPlan.dec = 90;
      }),
    );
    expect(d).toMatchObject({
      code: 'SPEND_PLAN_INCOMPLETE',
      path: 'spendPlan.dec',
      expected: 100,
      actual: 90,
    });
    expect(d.difference).toBe(-10);
    const [blank] = run(
      spendPlan,
      laoting1((x) => {
        x.spendPlan.dec = null;
      }),
    );
    expect(blank).toMatchObject({
      code: 'SPEND_PLAN_INCOMPLETE',
      expected: 100,
      actual: null,
      suggestedValue: '100%',
    });
  });
  it('flags a percentage outside 0–100', () => {
    const drafts = run(
      spendPlan,
      laoting1((x) => {
        x.spendPlan.mar = -5;
      }),
    );
    expect(drafts).toEqual([
      expect.objectContaining({
        code: 'PERCENT_OUT_OF_RANGE',
        path: 'spendPlan.mar',
        expected: 0,
        actual: -5,
      }),
    ]);
  });
});
