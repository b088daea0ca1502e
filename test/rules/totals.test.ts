import {
  departmentTotals,
  fundingTotal,
  lineItemsTotal,
  projectSourcesTotal,
  staffingTotal,
  summaryRowTotals,
  yearAmountSplit,
} from '../../src/rules/money';
import { message } from '../../src/rules/catalog';
import { expectCode, jiangyin1, laoting1, nanyue, ofCode, run, rugao, xinzhou } from './helpers';

describe('department fund trees', () => {
  it('passes xinzhou (1801.88 + 82 = 1883.88, 1366.49 + 517.39) and its two prior years', () => {
    expect(run(departmentTotals, xinzhou())).toEqual([]);
  });

  it('passes rugao (1501.59 + 77.85 + 138.64 = 1718.08; 55 + 347 = 402)', () => {
    expect(run(departmentTotals, rugao())).toEqual([]);
  });

  it('points at 财政拨款 and 其他资金 when 其他资金 changes: either explains it, the totals agree', () => {
    const [d] = run(
      departmentTotals,
      xinzhou((x) => {
        x.funds.otherIncome = 80;
      }),
    );
    expect(d).toMatchObject({
      code: 'TOTAL_MISMATCH',
      path: 'funds.fiscal',
      related: ['funds.incomeTotal', 'funds.otherIncome'],
      expected: 1881.88,
      actual: 1883.88,
      difference: 2,
    });
    expect(d.suggestedValue).toBeUndefined();
    expect(d.suggestion?.zh).toBe(
      '其余金额相互一致，相差的 2 万元出在财政拨款、其他资金中：请核对是哪一项有误。',
    );
    expect(d.params).toMatchObject({ total: '收入合计', parts: '财政拨款、其他资金' });
  });

  it('flags 基本支出 against its three parts, and uses the parts when the subtotal is blank', () => {
    const wrong = run(
      departmentTotals,
      rugao((x) => {
        x.funds.goods = 78.85;
      }),
    );
    expect(wrong).toHaveLength(1);
    // 基本支出 agrees with 支出合计, so one of its three parts is wrong: which one, the clerk knows.
    expect(wrong[0]).toMatchObject({
      path: 'funds.wages',
      related: ['funds.basicTotal', 'funds.goods', 'funds.grants'],
      expected: 1719.08,
      actual: 1718.08,
      difference: -1,
    });

    const blankSubtotal = run(
      departmentTotals,
      rugao((x) => {
        x.funds.basicTotal = null;
        x.funds.wages = 1500.59;
      }),
    );
    expect(blankSubtotal).toHaveLength(1);
    expect(blankSubtotal[0]).toMatchObject({
      path: 'funds.wages',
      related: ['funds.expenseTotal', 'funds.goods', 'funds.grants', 'funds.projectTotal'],
      expected: 2119.08,
      actual: 2120.08,
      difference: 1,
    });
  });

  it('checks 财政拨款 against its parts only when both are given', () => {
    expect(run(departmentTotals, xinzhou())).toEqual([]); // fiscal given, parts blank
    const [d] = run(
      departmentTotals,
      xinzhou((x) => {
        x.funds.generalBudget = 1800;
      }),
    );
    // 财政拨款 agrees with 收入合计, so the difference lies in its parts.
    expect(d).toMatchObject({
      path: 'funds.generalBudget',
      expected: 1800,
      actual: 1801.88,
      difference: 1.88,
    });
    expect(d.suggestedValue).toBeUndefined();
  });

  it('checks each prior-year column under its own path', () => {
    const [d] = run(
      departmentTotals,
      xinzhou((x) => {
        x.fundHistory[1].funds.projectTotal = 396;
      }),
    );
    // 支出合计 agrees with 收入合计; 基本支出 or 项目支出 is off (their own parts are blank in history).
    expect(d).toMatchObject({
      path: 'fundHistory.1.funds.basicTotal',
      related: ['fundHistory.1.funds.expenseTotal', 'fundHistory.1.funds.projectTotal'],
      expected: 1623.79,
      actual: 1622.79,
      difference: -1,
    });
    expectCode(d, 'TOTAL_MISMATCH');
    expect(d.params?.total).toBe('2018年支出合计');
  });
});

describe('staffing', () => {
  it('leaves rugao alone (合计 blank)', () => {
    expect(run(staffingTotal, rugao())).toEqual([]);
  });
  it('compares a given total with 实有 + 离退休 + 其他', () => {
    const [d] = run(
      staffingTotal,
      rugao((x) => {
        x.staffing.total = 97;
      }),
    );
    expect(d).toMatchObject({
      code: 'STAFF_TOTAL_MISMATCH',
      path: 'staffing.total',
      expected: 142,
      actual: 97,
    });
    expect(d.difference).toBe(-45);
    const right = rugao((x) => {
      x.staffing.total = 142;
    });
    expect(run(staffingTotal, right)).toEqual([]);
  });
});

describe('project summary rows', () => {
  it('passes rugao, including the 财政专户 row', () => {
    expect(run(summaryRowTotals, rugao())).toEqual([]);
  });
  it('flags a row whose 小计 differs from its columns', () => {
    const [d] = run(
      summaryRowTotals,
      rugao((x) => {
        x.projects[8].publicBudget = 42;
      }),
    );
    // The 小计 agrees with 项目支出 through the summary, so a column is off.
    expect(d).toMatchObject({ path: 'projects.8.publicBudget', expected: 42, actual: 42.6, difference: 0.6 });
    expectCode(d, 'TOTAL_MISMATCH');
    expect(d.params?.total).toBe('普法宣传 小计');
  });
});

describe('project sources and line items', () => {
  it('passes jiangyin project 1 (6 + 8 + 1.3 + 1 + 4.4 + 120 + 2 + 2.8 + 2.5 = 148)', () => {
    const d = jiangyin1();
    expect(run(lineItemsTotal, d)).toEqual([]);
    expect(run(projectSourcesTotal, d)).toEqual([]);
  });

  it('points at the line items, not the project total, when a line item changes', () => {
    const [d] = run(
      lineItemsTotal,
      jiangyin1((x) => {
        x.lineItems[5].amount = 122;
      }),
    );
    // 项目总金额, 项目资金总额 and the sources agree on 148: the difference is in one of the line items.
    expect(d).toMatchObject({
      code: 'TOTAL_MISMATCH',
      path: 'lineItems.0.amount',
      expected: 150,
      actual: 148,
      difference: -2,
    });
    expect(d.suggestedValue).toBeUndefined();
    expect(d.related).toHaveLength(9);
    expect(d.related).toContain('totalAmount');
    expect(d.related).toContain('lineItems.5.amount');
    expect(d.params).toMatchObject({ parts: '项目概算各明细', partsEn: 'the line items' });
  });

  it('treats a blank line-item amount as 0', () => {
    const [d] = run(
      lineItemsTotal,
      jiangyin1((x) => {
        x.lineItems[0].amount = null;
      }),
    );
    expect(d).toMatchObject({ expected: 142, actual: 148, difference: 6 });
  });

  it('flags 项目资金总额 against its sources', () => {
    const [d] = run(
      projectSourcesTotal,
      jiangyin1((x) => {
        x.sources.special = 140;
      }),
    );
    // 项目资金总额 agrees with 项目总金额, so the sources are off; none is named, since any could be.
    expect(d).toMatchObject({ path: 'sources.special', expected: 140, actual: 148, difference: 8 });
    expect(d.suggestedValue).toBeUndefined();
    expect(d.related).toContain('sources.total');
  });

  it('does not check a total whose parts are all blank', () => {
    const d = jiangyin1((x) => {
      for (const k of Object.keys(x.sources) as (keyof typeof x.sources)[])
        if (k !== 'total') x.sources[k] = null;
    });
    expect(run(projectSourcesTotal, d)).toEqual([]);
  });
});

describe('this year: 财政资金 + 其他资金', () => {
  it('passes laoting (3.00 = 3.00 + blank)', () => {
    expect(run(yearAmountSplit, laoting1())).toEqual([]);
  });
  it('flags a split that does not add up', () => {
    const [d] = run(
      yearAmountSplit,
      laoting1((x) => {
        x.otherAmount = 0.5;
      }),
    );
    // 本年度项目金额 cannot rise to 3.5 above the total of 3, so 财政资金 or 其他资金 is off.
    expect(d).toMatchObject({
      path: 'fiscalAmount',
      related: ['yearAmount', 'otherAmount'],
      expected: 3.5,
      difference: -0.5,
    });
  });
});

describe('special fund funding', () => {
  it('passes nanyue (10 = 本级 10)', () => {
    expect(run(fundingTotal, nanyue())).toEqual([]);
  });
  it('flags 本年度预计投入 against 中央/省级/市级/本级/其他', () => {
    const [d] = run(
      fundingTotal,
      nanyue(28, '≤28万元', (x) => {
        x.funding.other = 2;
      }),
    );
    expect(d).toMatchObject({ path: 'funding.total', expected: 30, actual: 28, difference: -2 });
    expect(ofCode(run(fundingTotal, nanyue(28, '≤28万元')), 'TOTAL_MISMATCH')).toEqual([]);
  });
});

describe('messages', () => {
  it('name the total in English in the English message, with the form’s Chinese label in brackets', () => {
    const [d] = run(
      departmentTotals,
      xinzhou((x) => {
        x.funds.otherIncome = 80;
      }),
    );
    const m = message('TOTAL_MISMATCH', d.params as Parameters<typeof message<'TOTAL_MISMATCH'>>[1]);
    expect(m.en).toMatch(/^Total income \(收入合计\) is 1883\.88 \(10k yuan\)/);
    expect(m.zh).toMatch(/^“收入合计”为 1883\.88 万元/);
  });
});
