import { yearWithinTotal } from '../../src/rules/amounts';
import { incomeExpenseBalance, summaryVsProjectTotal, totalVsSources } from '../../src/rules/money';
import { jiangyin1, run, rugao, xinzhou } from './helpers';

describe('收入合计 = 支出合计', () => {
  it('passes xinzhou (1883.88 both sides, and 1633.25 / 1622.79 in prior years) and rugao (2120.08)', () => {
    expect(run(incomeExpenseBalance, xinzhou())).toEqual([]);
    expect(run(incomeExpenseBalance, rugao())).toEqual([]);
  });
  it('blames the expense total when it alone disagrees with its parts and with income', () => {
    const [d] = run(
      incomeExpenseBalance,
      rugao((x) => {
        x.funds.expenseTotal = 2118.08;
      }),
    );
    expect(d).toMatchObject({
      code: 'BALANCE_MISMATCH',
      path: 'funds.expenseTotal',
      related: ['funds.incomeTotal'],
      expected: 2120.08,
      actual: 2118.08,
      difference: -2,
      suggestedValue: '2120.08',
    });
    expect(d.params).toMatchObject({ actual: 2120.08, expected: 2118.08 });
    const [h] = run(
      incomeExpenseBalance,
      xinzhou((x) => {
        x.fundHistory[0].funds.expenseTotal = 1633.3;
      }),
    );
    expect(h).toMatchObject({ path: 'fundHistory.0.funds.expenseTotal', suggestedValue: '1633.25' });
  });
  it('tolerates half a hundredth', () => {
    const d = rugao((x) => {
      x.funds.expenseTotal = 2120.084;
    });
    expect(run(incomeExpenseBalance, d)).toEqual([]);
  });
});

describe('project summary against 项目支出', () => {
  it('passes rugao: its own projects add up to 402; the managed 245 is not one of them', () => {
    expect(run(summaryVsProjectTotal, rugao())).toEqual([]);
  });
  it('blames the one row whose 小计 disagrees with both its columns and 项目支出', () => {
    const [d] = run(
      summaryVsProjectTotal,
      rugao((x) => {
        x.projects[0].total = 29;
      }),
    );
    expect(d).toMatchObject({
      code: 'SUMMARY_MISMATCH',
      path: 'projects.0.total',
      expected: 27,
      actual: 29,
      suggestedValue: '27',
    });
    expect(d.params).toEqual({ expected: 404, actual: 402 });
    expect(d.related).toHaveLength(12);
    expect(d.related).toContain('funds.projectTotal');
  });
});

describe('项目总金额 = 项目资金总额', () => {
  it('passes jiangyin project 1 (148 = 148)', () => {
    expect(run(totalVsSources, jiangyin1())).toEqual([]);
  });
  it('points at the funding total when the line items agree with the project total', () => {
    const [d] = run(
      totalVsSources,
      jiangyin1((x) => {
        x.sources.total = 140;
      }),
    );
    expect(d).toMatchObject({ code: 'AMOUNT_MISMATCH', path: 'sources.total', related: ['totalAmount'] });
    expect(d).toMatchObject({ expected: 148, actual: 140, difference: -8, suggestedValue: '148' });
  });
  it('points at the project total otherwise', () => {
    const [d] = run(
      totalVsSources,
      jiangyin1((x) => {
        x.totalAmount = 150;
      }),
    );
    expect(d).toMatchObject({ path: 'totalAmount', expected: 148, actual: 150, difference: 2 });
  });
});

describe('本年度项目金额 ≤ 项目总金额', () => {
  it('passes 148 ≤ 148', () => {
    expect(run(yearWithinTotal, jiangyin1())).toEqual([]);
  });
  it('flags 150 > 148', () => {
    const [d] = run(
      yearWithinTotal,
      jiangyin1((x) => {
        x.yearAmount = 150;
      }),
    );
    expect(d).toMatchObject({
      code: 'YEAR_AMOUNT_EXCEEDS_TOTAL',
      path: 'yearAmount',
      expected: 148,
      actual: 150,
    });
    expect(d.difference).toBe(2);
  });
});
