import type { Draft, Rule } from './draft';
import { EXPENSE_KEYS, INCOME_KEYS, fieldEn } from './labels';
import { isBlank } from './util';

function missing(path: string, field: string): Draft {
  const en = fieldEn(path);
  return {
    code: 'REQUIRED_FIELD_MISSING',
    path,
    params: { field, fieldEn: en },
    suggestion: {
      zh: `请填写“${field}”。`,
      en: en ? `Fill in the ${en} (${field}).` : `Fill in “${field}”.`,
    },
  };
}

type Value = string | number | null;
const empty = (v: Value) => v === null || (typeof v === 'string' && isBlank(v));

/** Each [path, label, value] that is empty. */
const each = (fields: [string, string, Value][]): Draft[] =>
  fields.filter(([, , v]) => empty(v)).map(([p, f]) => missing(p, f));

/** A block of the form: when any of its cells is filled the form has the block, so all of it is required. */
const block = (fields: [string, string, Value][]): Draft[] =>
  fields.every(([, , v]) => empty(v)) ? [] : each(fields);

/**
 * Required fields, kept to what every real form of the kind has. The starred fields of the standard
 * project form (负责人, 联系人, 电话, 日期, 概况, 实施计划…) are absent from other layouts (laoting's project
 * tables have none of them), and a rule cannot tell which layout a model came from. So a project needs its
 * name, an amount, its annual goal and indicators (INDICATORS_MISSING); the contact block and the date pair
 * are required as blocks, once any of their cells is filled. Top-level totals are required when any amount
 * under them is given; intermediate subtotals (财政拨款, 基本支出) may stay blank.
 */
export const requiredFields: Rule = (decl) => {
  switch (decl.kind) {
    case 'project': {
      const src = decl.sources;
      const anySource = Object.entries(src).some(([k, v]) => k !== 'total' && v !== null);
      return [
        ...each([['name', '项目名称', decl.name]]),
        ...(decl.totalAmount === null && decl.yearAmount === null
          ? [missing('totalAmount', '项目总金额(万元)')]
          : []),
        ...each([['texts.annualGoal', '年度绩效目标', decl.texts.annualGoal]]),
        ...block([
          ['manager', '项目负责人', decl.manager],
          ['contact', '联系人', decl.contact],
          ['phone', '联系电话', decl.phone],
        ]),
        ...block([
          ['startDate', '计划开始日期', decl.startDate],
          ['endDate', '计划完成日期', decl.endDate],
        ]),
        ...(anySource && src.total === null ? [missing('sources.total', '项目资金总额')] : []),
        ...decl.lineItems.flatMap((li, i) => {
          const row = `项目概算第${i + 1}行`;
          if (isBlank(li.name) && li.amount !== null)
            return [missing(`lineItems.${i}.name`, `${row}明细名称`)];
          if (!isBlank(li.name) && li.amount === null)
            return [missing(`lineItems.${i}.amount`, `${row}金额`)];
          return [];
        }),
      ];
    }
    case 'specialFund':
      return each([
        ['name', '专项名称', decl.name],
        ['department', '主管部门', decl.department],
        ['manager', '专项负责人', decl.manager],
        ['funding.total', '本年度预计投入', decl.funding.total],
        ['annualGoal', '本年度绩效目标', decl.annualGoal],
      ]);
    case 'department': {
      const f = decl.funds;
      const anyExpense = EXPENSE_KEYS.some((k) => f[k] !== null) || f.expenseTotal !== null;
      const anyFund = anyExpense || INCOME_KEYS.some((k) => f[k] !== null) || f.incomeTotal !== null;
      return [
        ...each([['unit', '部门名称', decl.unit]]),
        ...(anyFund && f.incomeTotal === null ? [missing('funds.incomeTotal', '收入合计')] : []),
        ...(anyExpense && f.expenseTotal === null ? [missing('funds.expenseTotal', '支出合计')] : []),
      ];
    }
  }
};

/**
 * The fields a bureau's form marks required (its `*`s): each blank one is missing. Runs alongside the
 * kind's own minimum above; a field both name is reported once.
 */
export const formRequired: Rule = (decl, { required }) =>
  (required ?? []).flatMap(({ path, label }) => {
    const v = valueAt(decl, path);
    return v === null || v === undefined || (typeof v === 'string' && isBlank(v))
      ? [missing(path, label)]
      : [];
  });

function valueAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
