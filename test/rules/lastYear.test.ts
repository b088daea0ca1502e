import type { Project } from '../../src/model';
import { getProfile } from '../../src/profiles';
import { lastYearUse, requestAfterLowExecution } from '../../src/rules/lastYear';
import { DEFAULT_POLICY } from '../../src/rules/policy';
import { hydrate } from '../../src/rules/validate';
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

describe('a request that grows after low execution last year', () => {
  const low = (mut?: (d: Project) => void) =>
    jiangyin2LastYear((x) => {
      x.lastYear = { budget: 100, used: 55.2, balance: 44.8, usageRate: 55.2, progress: 60 };
      x.yearAmount = 130;
      x.totalAmount = 130;
      mut?.(x);
    });

  it('warns when last year used little more than half and this year asks for more', () => {
    const [d] = run(requestAfterLowExecution, low());
    expect(d).toMatchObject({
      code: 'REQUEST_GROWS_AFTER_LOW_EXECUTION',
      path: 'yearAmount',
      params: { rate: 55.2, floor: 80, last: 100, asked: 130 },
    });
  });

  it('is quiet when execution was high, or the request does not grow', () => {
    expect(run(requestAfterLowExecution, jiangyin2LastYear())).toEqual([]);
    expect(
      run(
        requestAfterLowExecution,
        low((x) => (x.yearAmount = 100)),
      ),
    ).toEqual([]);
    expect(
      run(
        requestAfterLowExecution,
        low((x) => {
          x.lastYear.used = 90;
          x.lastYear.usageRate = 90;
        }),
      ),
    ).toEqual([]);
  });

  it('takes its bar from the bureau’s policy (low_execution)', () => {
    const d = hydrate(low());
    const ctx = { profile: getProfile('jiangsu') };
    expect(requestAfterLowExecution(d, { ...ctx, policy: { ...DEFAULT_POLICY, lowExecution: 50 } })).toEqual(
      [],
    );
    expect(
      requestAfterLowExecution(d, { ...ctx, policy: { ...DEFAULT_POLICY, lowExecution: 60 } }),
    ).toHaveLength(1);
  });
});
