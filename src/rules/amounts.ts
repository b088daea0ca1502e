import type { Declaration, DepartmentFunds } from '../model';
import type { Bound, Relation } from './agreement';
import type { Rule } from './draft';
import { FUND_LABEL, PROJECT_LABEL, SOURCE_LABEL } from './labels';
import { TOLERANCE } from './tolerance';
import { type Cell, numbers, place, sum } from './util';

function balance(funds: DepartmentFunds, prefix: string): Relation {
  const income: Cell = {
    path: `${prefix}.incomeTotal`,
    value: funds.incomeTotal,
    label: FUND_LABEL.incomeTotal,
  };
  const expense: Cell = {
    path: `${prefix}.expenseTotal`,
    value: funds.expenseTotal,
    label: FUND_LABEL.expenseTotal,
  };
  return {
    rule: 'incomeExpenseBalance',
    total: income,
    parts: [expense],
    report: (blame) => {
      const n = numbers(expense.value ?? 0, income.value ?? 0);
      return {
        code: 'BALANCE_MISMATCH',
        params: { ...n },
        ...place(blame, [income, expense], n, {
          zh: '部门预算收支应平衡：核对收入和支出各项，使“收入合计”等于“支出合计”。',
          en: 'A department budget balances: check the income and expense items so that total income equals total expense.',
        }),
      };
    },
  };
}

/** 收入合计 = 支出合计, for the current year and each historic column. */
export const balanceRelations = (decl: Declaration): Relation[] =>
  decl.kind !== 'department'
    ? []
    : [
        balance(decl.funds, 'funds'),
        ...decl.fundHistory.map((h, i) => balance(h.funds, `fundHistory.${i}.funds`)),
      ];

/**
 * The department's own projects in the summary table add up to its 项目支出 (a warning: rows may be
 * omitted). A row counts with its 小计, or with its columns where 小计 is blank.
 */
export const summaryRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'department') return [];
  const projectTotal: Cell = {
    path: 'funds.projectTotal',
    value: decl.funds.projectTotal,
    label: FUND_LABEL.projectTotal,
  };
  const parts = decl.projects.flatMap((row, i): Cell[] => {
    if (row.category !== 'own') return [];
    const name = row.name || `第${i + 1}行`;
    if (row.total !== null)
      return [
        {
          path: `projects.${i}.total`,
          value: row.total,
          label: { zh: `${name} 小计`, en: `${name} subtotal` },
        },
      ];
    return (['publicBudget', 'govFundBudget', 'transfer', 'specialAccount'] as const)
      .filter((k) => row[k] !== null)
      .map((k) => ({ path: `projects.${i}.${k}`, value: row[k], label: { zh: name, en: name } }));
  });
  if (parts.length === 0) return [];
  return [
    {
      rule: 'summaryVsProjectTotal',
      total: projectTotal,
      parts,
      report: (blame) => {
        const n = numbers(sum(parts.map((p) => p.value)), projectTotal.value ?? 0);
        return {
          code: 'SUMMARY_MISMATCH',
          params: { expected: n.expected, actual: n.actual },
          ...place(blame, [projectTotal, ...parts], n, {
            zh: '核对项目汇总表是否漏列项目，或“项目支出”金额是否有误。',
            en: 'Check whether the summary leaves out a project, or whether project expenditure is wrong.',
          }),
        };
      },
    },
  ];
};

/** 项目总金额 = 项目资金总额. */
export const totalVsSourcesRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'project') return [];
  const project: Cell = {
    path: 'totalAmount',
    value: decl.totalAmount,
    label: { zh: '项目总金额', en: 'project total' },
  };
  const funding: Cell = { path: 'sources.total', value: decl.sources.total, label: SOURCE_LABEL.total };
  return [
    {
      rule: 'totalVsSources',
      total: project,
      parts: [funding],
      report: (blame) => {
        // The cell blamed is named first: “a” must equal “b”.
        const [a, b] =
          blame.kind === 'one' && blame.cell.path === funding.path ? [funding, project] : [project, funding];
        const n = numbers(b.value ?? 0, a.value ?? 0);
        const placed = place(blame, [a, b], n, {
          zh: `“${project.label.zh}”应与“${funding.label.zh}”一致，请核对两者及项目概算、资金来源。`,
          en: `The ${project.label.en} must equal the ${funding.label.en}; check both, the line items and the sources.`,
        });
        return {
          code: 'AMOUNT_MISMATCH',
          params: { a: a.label.zh, aEn: a.label.en, b: b.label.zh, bEn: b.label.en, ...n },
          ...placed,
        };
      },
    },
  ];
};

/** 本年度项目金额 ≤ 项目总金额, as a bound no advice may break. */
export const yearBounds = (decl: Declaration): Bound[] =>
  decl.kind !== 'project'
    ? []
    : [
        {
          lower: { path: 'yearAmount', value: decl.yearAmount, label: PROJECT_LABEL.yearAmount },
          upper: { path: 'totalAmount', value: decl.totalAmount, label: PROJECT_LABEL.totalAmount },
        },
      ];

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
