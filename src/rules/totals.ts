import type { Bilingual, DepartmentFunds } from '../model';
import type { Draft, Rule } from './draft';
import {
  BASIC_PARTS,
  FUND_LABEL,
  FUNDING_LABEL,
  INCOME_PARTS,
  PROJECT_LABEL,
  PROJECT_PARTS,
  SOURCE_LABEL,
} from './labels';
import { type Cell, checkTotal, numbers, sum } from './util';

type FundKey = keyof DepartmentFunds;

/**
 * The income and expense trees of one column. Where a subtotal (财政拨款, 基本支出, 项目支出) is blank the
 * total above it is compared with the parts below it instead, since many forms list those directly.
 */
export function fundTreeTotals(funds: DepartmentFunds, prefix: string, year?: number): Draft[] {
  const cell = (k: FundKey): Cell => {
    const l = FUND_LABEL[k];
    const label: Bilingual = year === undefined ? l : { zh: `${year}年${l.zh}`, en: `${l.en} (${year})` };
    return { path: `${prefix}.${k}`, value: funds[k], label };
  };
  const cells = (keys: readonly FundKey[]) => keys.map(cell);
  const orParts = (k: FundKey, parts: readonly FundKey[]) => (funds[k] !== null ? [cell(k)] : cells(parts));
  return [
    ...checkTotal(cell('fiscal'), cells(INCOME_PARTS)),
    ...checkTotal(cell('incomeTotal'), [...orParts('fiscal', INCOME_PARTS), cell('otherIncome')]),
    ...checkTotal(cell('basicTotal'), cells(BASIC_PARTS)),
    ...checkTotal(cell('projectTotal'), cells(PROJECT_PARTS)),
    ...checkTotal(cell('expenseTotal'), [
      ...orParts('basicTotal', BASIC_PARTS),
      ...orParts('projectTotal', PROJECT_PARTS),
    ]),
  ];
}

export const departmentTotals: Rule = (decl) => {
  if (decl.kind !== 'department') return [];
  return [
    ...fundTreeTotals(decl.funds, 'funds'),
    ...decl.fundHistory.flatMap((h, i) => fundTreeTotals(h.funds, `fundHistory.${i}.funds`, h.year)),
  ];
};

/** 人员情况: the head count total against 实有 + 离退休 + 其他 (编制 is a quota, not a part). */
export const staffingTotal: Rule = (decl) => {
  if (decl.kind !== 'department') return [];
  const { total, actual, retired, other } = decl.staffing;
  if (total === null || [actual, retired, other].every((v) => v === null)) return [];
  const expected = sum([actual, retired, other]);
  if (expected === total) return [];
  const n = numbers(expected, total);
  return [
    {
      code: 'STAFF_TOTAL_MISMATCH',
      path: 'staffing.total',
      related: ['staffing.actual', 'staffing.retired', 'staffing.other'],
      params: { ...n },
      ...n,
      suggestion: {
        zh: `将人员“合计”改为 ${expected}，或核对各类人数。`,
        en: `Change the head-count total to ${expected}, or check the counts.`,
      },
      suggestedValue: String(expected),
    },
  ];
};

/** Each row of the project summary: 小计 = 公共预算 + 政府性基金预算 + 上级转移支付 + 财政专户资金. */
export const summaryRowTotals: Rule = (decl) => {
  if (decl.kind !== 'department') return [];
  return decl.projects.flatMap((row, i) => {
    const p = `projects.${i}`;
    const name = row.name || `第${i + 1}行`;
    return checkTotal(
      { path: `${p}.total`, value: row.total, label: { zh: `${name} 小计`, en: `${name} subtotal` } },
      [
        {
          path: `${p}.publicBudget`,
          value: row.publicBudget,
          label: { zh: '公共预算', en: 'public budget' },
        },
        {
          path: `${p}.govFundBudget`,
          value: row.govFundBudget,
          label: { zh: '政府性基金预算', en: 'government funds' },
        },
        {
          path: `${p}.transfer`,
          value: row.transfer,
          label: { zh: '上级转移支付', en: 'transfers from above' },
        },
        {
          path: `${p}.specialAccount`,
          value: row.specialAccount,
          label: { zh: '财政专户资金', en: 'special-account funds' },
        },
      ],
    );
  });
};

/** 项目资金来源: 项目资金总额 = the sum of the sources below it. */
export const projectSourcesTotal: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  const keys = Object.keys(SOURCE_LABEL).filter((k) => k !== 'total') as (keyof typeof SOURCE_LABEL)[];
  return checkTotal(
    { path: 'sources.total', value: decl.sources.total, label: SOURCE_LABEL.total },
    keys.map((k) => ({ path: `sources.${k}`, value: decl.sources[k] ?? null, label: SOURCE_LABEL[k] })),
  );
};

/** 项目总金额 = the sum of the 项目概算 line items. */
export const lineItemsTotal: Rule = (decl) => {
  if (decl.kind !== 'project' || decl.lineItems.length === 0) return [];
  return checkTotal(
    { path: 'totalAmount', value: decl.totalAmount, label: PROJECT_LABEL.totalAmount },
    decl.lineItems.map((li, i) => ({
      path: `lineItems.${i}.amount`,
      value: li.amount,
      label: { zh: li.name, en: li.name },
    })),
    { zh: '项目概算各明细', en: 'the line items' },
  );
};

/** 本年度项目金额 = 财政资金 + 其他资金 (laoting's 预算数 row). */
export const yearAmountSplit: Rule = (decl) => {
  if (decl.kind !== 'project') return [];
  return checkTotal({ path: 'yearAmount', value: decl.yearAmount, label: PROJECT_LABEL.yearAmount }, [
    { path: 'fiscalAmount', value: decl.fiscalAmount, label: PROJECT_LABEL.fiscalAmount },
    { path: 'otherAmount', value: decl.otherAmount, label: PROJECT_LABEL.otherAmount },
  ]);
};

/** 本年度预计投入 = 中央 + 省级 + 市级 + 本级 + 其他. */
export const fundingTotal: Rule = (decl) => {
  if (decl.kind !== 'specialFund') return [];
  const f = decl.funding;
  const keys = ['central', 'provincial', 'municipal', 'local', 'other'] as const;
  return checkTotal(
    { path: 'funding.total', value: f.total, label: FUNDING_LABEL.total },
    keys.map((k) => ({ path: `funding.${k}`, value: f[k], label: FUNDING_LABEL[k] })),
  );
};
