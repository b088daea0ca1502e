import { lastYearUse } from '../../src/rules/lastYear';
import { jiangyin1, jiangyin2LastYear, run } from './helpers';

describe('上年度项目资金使用情况', () => {
  it('passes jiangyin project 1 (149.7 / 149.7 / 0 / 100%) and project 2 (157.98 / 157.67 / 0.31 / 99.8%)', () => {
    expect(run(lastYearUse, jiangyin1())).toEqual([]);
    expect(run(lastYearUse, jiangyin2LastYear())).toEqual([]);
  });

  it('flags a balance that is not budget − used', () => {
    const [d] = run(
      lastYearUse,
      jiangyin2LastYear((x) => {
        x.lastYear.balance = 0.3;
      }),
    );
    expect(d).toMatchObject({
      code: 'CARRYOVER_MISMATCH',
      path: 'lastYear.balance',
      expected: 0.31,
      actual: 0.3,
      difference: -0.01,
      suggestedValue: '0.31',
    });
  });

  it('flags a usage rate that is not used ÷ budget', () => {
    const [d] = run(
      lastYearUse,
      jiangyin2LastYear((x) => {
        x.lastYear.usageRate = 100;
      }),
    );
    expect(d).toMatchObject({
      code: 'USAGE_RATE_MISMATCH',
      path: 'lastYear.usageRate',
      expected: 99.8,
      actual: 100,
    });
    expect(d.difference).toBe(0.2);
  });

  it('expects a 0% usage rate when nothing was planned', () => {
    const planned0 = jiangyin1((x) => {
      x.lastYear = { budget: 0, used: 0, balance: 0, usageRate: 0, progress: 100 };
    });
    expect(run(lastYearUse, planned0)).toEqual([]);
    const [d] = run(
      lastYearUse,
      jiangyin1((x) => {
        x.lastYear = { budget: null, used: 0, balance: 0, usageRate: 100, progress: 100 };
      }),
    );
    expect(d).toMatchObject({ code: 'USAGE_RATE_MISMATCH', expected: 0, actual: 100 });
  });

  it('keeps 资金使用率 and 项目完成进度 within 0–100', () => {
    const [d] = run(
      lastYearUse,
      jiangyin1((x) => {
        x.lastYear.progress = 120;
      }),
    );
    expect(d).toMatchObject({
      code: 'PERCENT_OUT_OF_RANGE',
      path: 'lastYear.progress',
      expected: 100,
      actual: 120,
    });
    expect(d.difference).toBe(20);
  });
});
