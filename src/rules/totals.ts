import type { Bilingual, Declaration, DepartmentFunds } from '../model';
import type { Relation } from './agreement';
import {
  BASIC_PARTS,
  FUND_LABEL,
  FUNDING_LABEL,
  INCOME_PARTS,
  PROJECT_LABEL,
  PROJECT_PARTS,
  SOURCE_LABEL,
} from './labels';
import { type Cell, numbers, place, sum, sumRelation } from './util';

type FundKey = keyof DepartmentFunds;

/**
 * The income and expense trees of one column. Where a subtotal (财政拨款, 基本支出, 项目支出) is blank the
 * total above it is compared with the parts below it instead, since many forms list those directly.
 */
export function fundTreeRelations(funds: DepartmentFunds, prefix: string, year?: number): Relation[] {
  const cell = (k: FundKey): Cell => {
    const l = FUND_LABEL[k];
    const label: Bilingual = year === undefined ? l : { zh: `${year}年${l.zh}`, en: `${l.en} (${year})` };
    return { path: `${prefix}.${k}`, value: funds[k], label };
  };
  const cells = (keys: readonly FundKey[]) => keys.map(cell);
  const orParts = (k: FundKey, parts: readonly FundKey[]) => (funds[k] !== null ? [cell(k)] : cells(parts));
  const rel = (total: Cell, parts: Cell[]) => sumRelation('departmentTotals', total, parts);
  return [
    rel(cell('fiscal'), cells(INCOME_PARTS)),
    rel(cell('incomeTotal'), [...orParts('fiscal', INCOME_PARTS), cell('otherIncome')]),
    rel(cell('basicTotal'), cells(BASIC_PARTS)),
    rel(cell('projectTotal'), cells(PROJECT_PARTS)),
    rel(cell('expenseTotal'), [
      ...orParts('basicTotal', BASIC_PARTS),
      ...orParts('projectTotal', PROJECT_PARTS),
    ]),
  ];
}

/** The department's fund trees: this year's column and each historic one. */
export const departmentRelations = (decl: Declaration): Relation[] =>
  decl.kind !== 'department'
    ? []
    : [
        ...fundTreeRelations(decl.funds, 'funds'),
        ...decl.fundHistory.flatMap((h, i) => fundTreeRelations(h.funds, `fundHistory.${i}.funds`, h.year)),
      ];

/** 人员情况: the head count total against 实有 + 离退休 + 其他 (编制 is a quota, not a part). */
export const staffingRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'department') return [];
  const { staffing } = decl;
  const c = (k: 'total' | 'actual' | 'retired' | 'other', zh: string, en: string): Cell => ({
    path: `staffing.${k}`,
    value: staffing[k],
    label: { zh, en },
  });
  const total = c('total', '人员合计', 'head-count total');
  const parts = [
    c('actual', '实有人数', 'staff'),
    c('retired', '离退休人员', 'retirees'),
    c('other', '其他人员', 'others'),
  ];
  return [
    {
      rule: 'staffingTotal',
      total,
      parts,
      report: (blame) => {
        const n = numbers(sum(parts.map((p) => p.value)), total.value ?? 0);
        return {
          code: 'STAFF_TOTAL_MISMATCH',
          params: { ...n },
          ...place(blame, [total, ...parts], n, {
            zh: `核对人员“合计”与实有人数、离退休人员、其他人员，使合计等于三者之和（${n.expected}）。`,
            en: `Check the head-count total against staff, retirees and others, whose sum is ${n.expected}.`,
          }),
        };
      },
    },
  ];
};

const SUMMARY_COLUMNS = [
  ['publicBudget', '公共预算', 'public budget'],
  ['govFundBudget', '政府性基金预算', 'government funds'],
  ['transfer', '上级转移支付', 'transfers from above'],
  ['specialAccount', '财政专户资金', 'special-account funds'],
] as const;

/** Each row of the project summary: 小计 = 公共预算 + 政府性基金预算 + 上级转移支付 + 财政专户资金. */
export const summaryRowRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'department') return [];
  return decl.projects.map((row, i) => {
    const p = `projects.${i}`;
    const name = row.name || `第${i + 1}行`;
    return sumRelation(
      'summaryRowTotals',
      { path: `${p}.total`, value: row.total, label: { zh: `${name} 小计`, en: `${name} subtotal` } },
      SUMMARY_COLUMNS.map(([k, zh, en]) => ({ path: `${p}.${k}`, value: row[k], label: { zh, en } })),
    );
  });
};

/** 项目资金来源: 项目资金总额 = the sum of the sources below it. */
export const sourcesRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'project') return [];
  const keys = Object.keys(SOURCE_LABEL).filter((k) => k !== 'total') as (keyof typeof SOURCE_LABEL)[];
  return [
    sumRelation(
      'projectSourcesTotal',
      { path: 'sources.total', value: decl.sources.total, label: SOURCE_LABEL.total },
      keys.map((k) => ({ path: `sources.${k}`, value: decl.sources[k] ?? null, label: SOURCE_LABEL[k] })),
      { zh: '各项资金来源', en: 'the funding sources' },
    ),
  ];
};

/** 项目总金额 = the sum of the 项目概算 line items. */
export const lineItemsRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'project' || decl.lineItems.length === 0) return [];
  return [
    sumRelation(
      'lineItemsTotal',
      { path: 'totalAmount', value: decl.totalAmount, label: PROJECT_LABEL.totalAmount },
      decl.lineItems.map((li, i) => ({
        path: `lineItems.${i}.amount`,
        value: li.amount,
        label: { zh: li.name || `项目概算第${i + 1}行`, en: li.name || `line item ${i + 1}` },
      })),
      { zh: '项目概算各明细', en: 'the line items' },
    ),
  ];
};

/** 本年度项目金额 = 财政资金 + 其他资金 (laoting's 预算数 row). */
export const yearSplitRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'project') return [];
  return [
    sumRelation(
      'yearAmountSplit',
      { path: 'yearAmount', value: decl.yearAmount, label: PROJECT_LABEL.yearAmount },
      [
        { path: 'fiscalAmount', value: decl.fiscalAmount, label: PROJECT_LABEL.fiscalAmount },
        { path: 'otherAmount', value: decl.otherAmount, label: PROJECT_LABEL.otherAmount },
      ],
    ),
  ];
};

/** 本年度预计投入 = 中央 + 省级 + 市级 + 本级 + 其他. */
export const fundingRelations = (decl: Declaration): Relation[] => {
  if (decl.kind !== 'specialFund') return [];
  const f = decl.funding;
  const keys = ['central', 'provincial', 'municipal', 'local', 'other'] as const;
  return [
    sumRelation(
      'fundingTotal',
      { path: 'funding.total', value: f.total, label: FUNDING_LABEL.total },
      keys.map((k) => ({ path: `funding.${k}`, value: f[k], label: FUNDING_LABEL[k] })),
    ),
  ];
};
