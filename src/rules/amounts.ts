import type { DepartmentFunds } from '../model';
import type { Draft, Rule } from './draft';
import { differs, TOLERANCE } from './tolerance';
import { hasAny, numbers, sum } from './util';

function balance(funds: DepartmentFunds, prefix: string): Draft[] {
  const { incomeTotal, expenseTotal } = funds;
  if (incomeTotal === null || expenseTotal === null || !differs(incomeTotal, expenseTotal)) return [];
  const n = numbers(expenseTotal, incomeTotal);
  return [
    {
      code: 'BALANCE_MISMATCH',
      path: `${prefix}.incomeTotal`,
      related: [`${prefix}.expenseTotal`],
      params: { ...n },
      ...n,
      suggestion: {
        zh: '部门预算收支应平衡：核对收入和支出各项，使“收入合计”等于“支出合计”。',
        en: 'A department budget balances: check the income and expense items so that total income equals total expense.',
      },
    },
  ];
}

/** 收入合计 = 支出合计, for the current year and each historic column. */
export const incomeExpenseBalance: Rule = (decl) => {
  if (decl.kind !== 'department') return [];
  return [
    ...balance(decl.funds, 'funds'),
    ...decl.fundHistory.flatMap((h, i) => balance(h.funds, `fundHistory.${i}.funds`)),
  ];
};

/** The department's own projects in the summary table add up to its 项目支出 (a warning: rows may be omitted). */
export const summaryVsProjectTotal: Rule = (decl) => {
  if (decl.kind !== 'department') return [];
  const projectTotal = decl.funds.projectTotal;
  const own = decl.projects.map((row, i) => ({ row, i })).filter(({ row }) => row.category === 'own');
  // A row's 小计, or the sum of its columns where 小计 is blank.
  const amounts = own.map(({ row }) => {
    const columns = [row.publicBudget, row.govFundBudget, row.transfer, row.specialAccount];
    return row.total ?? (hasAny(columns) ? sum(columns) : null);
  });
  if (projectTotal === null || amounts.every((a) => a === null)) return [];
  const expected = sum(amounts);
  if (!differs(projectTotal, expected)) return [];
  const n = numbers(expected, projectTotal);
  return [
    {
      code: 'SUMMARY_MISMATCH',
      path: 'funds.projectTotal',
      related: own.map(({ i }) => `projects.${i}.total`),
      params: { ...n },
      ...n,
      suggestion: {
        zh: '核对项目汇总表是否漏列项目，或“项目支出”金额是否有误。',
        en: 'Check whether the summary leaves out a project, or whether project expenditure is wrong.',
      },
    },
  ];
};

/**
 * 项目总金额 = 项目资金总额. The finding goes to the cell more likely wrong: the funding total when the line
 * items agree with the project total, else the project total.
 */
export const totalVsSources: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const { totalAmount } = decl;
  const fundingTotal = decl.sources.total;
  if (totalAmount === null || fundingTotal === null || !differs(totalAmount, fundingTotal)) return [];
  const items = decl.lineItems.map((l) => l.amount);
  const itemsAgree = hasAny(items) && !differs(sum(items), totalAmount);
  const project = { path: 'totalAmount', value: totalAmount, zh: '项目总金额', en: 'project total' };
  const funding = { path: 'sources.total', value: fundingTotal, zh: '项目资金总额', en: 'total funding' };
  const [a, b] = itemsAgree ? [funding, project] : [project, funding];
  const n = numbers(b.value, a.value);
  return [
    {
      code: 'AMOUNT_MISMATCH',
      path: a.path,
      related: [b.path],
      params: { a: a.zh, aEn: a.en, b: b.zh, bEn: b.en, ...n },
      ...n,
      suggestion: {
        zh: `“${a.zh}”应与“${b.zh}”一致，请核对后修改。`,
        en: `The ${a.en} must equal the ${b.en}; check both.`,
      },
      suggestedValue: String(n.expected),
    },
  ];
};

/** 本年度项目金额 ≤ 项目总金额. */
export const yearWithinTotal: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const { yearAmount, totalAmount } = decl;
  if (yearAmount === null || totalAmount === null || yearAmount <= totalAmount + TOLERANCE) return [];
  const n = numbers(totalAmount, yearAmount);
  return [
    {
      code: 'YEAR_AMOUNT_EXCEEDS_TOTAL',
      path: 'yearAmount',
      related: ['totalAmount'],
      params: { ...n },
      ...n,
      suggestion: {
        zh: '本年度金额是项目总金额的一部分，不能超过总金额；请核对两者。',
        en: "This year's amount is part of the project total and cannot exceed it; check both.",
      },
    },
  ];
};
