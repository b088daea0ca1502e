import { z } from 'zod';
import { FormRef, Amount, Count, Extra, Percent, ProfileId, Text, UnitCode, Year } from './primitives';
import { IndicatorList } from './indicator';

/** 资金情况 (万元): the income and expense trees, flat so that a layout row maps to one key. */
export const DepartmentFunds = z.object({
  incomeTotal: Amount, // 收入合计 / 预算收入合计
  fiscal: Amount, // 财政拨款 (subtotal of the next four; blank where the form lists them directly)
  generalBudget: Amount, // 一般公共预算 / 公共财政拨款
  govFund: Amount, // 政府性基金拨款
  specialAccountNonTax: Amount, // 纳入专户管理的非税收入
  budgetNonTax: Amount, // 纳入预算管理的非税收入
  otherIncome: Amount, // 其他资金
  expenseTotal: Amount, // 支出合计
  basicTotal: Amount, // 基本支出
  wages: Amount, // 工资福利支出
  goods: Amount, // 商品和服务支出
  grants: Amount, // 对个人和家庭的补助
  projectTotal: Amount, // 项目支出
  projOperation: Amount, // 部门运转类
  projLivelihood: Amount, // 部门民生类
  projSpecial: Amount, // 专项资金类
});
export type DepartmentFunds = z.infer<typeof DepartmentFunds>;
export const FundKey = DepartmentFunds.keyof();
export type FundKey = z.infer<typeof FundKey>;

/** 占比 column, in percent, keyed like the funds. */
export const DepartmentFundShares = z.object(
  Object.fromEntries(FundKey.options.map((k) => [k, Percent])) as Record<FundKey, typeof Percent>,
);

export const Goal = z.object({
  term: z.enum(['long', 'annual']),
  title: Text,
  indicators: IndicatorList,
});
export type Goal = z.infer<typeof Goal>;

/** A row of the department's 项目支出绩效目标汇总表 (rugao). */
export const ProjectSummaryRow = z.object({
  /** own: the department's projects (sum to 项目支出); managed: 部门管理的代编项目 */
  category: z.enum(['own', 'managed']).default('own'),
  department: Text,
  implementer: Text,
  name: Text,
  overview: Text,
  basis: Text,
  period: Text,
  total: Amount, // 小计
  publicBudget: Amount, // 公共预算
  govFundBudget: Amount, // 政府性基金预算
  transfer: Amount, // 上级转移支付
  specialAccount: Amount, // 财政专户资金
  longTermGoal: Text,
  annualGoal: Text,
});
export type ProjectSummaryRow = z.infer<typeof ProjectSummaryRow>;

export const Department = z.object({
  kind: z.literal('department'),
  profile: ProfileId.default('classic'),
  form: FormRef,
  year: Year,
  unit: Text, // 部门/单位名称
  unitCode: UnitCode,
  preparer: Text, // 填报人
  phone: Text, // 联系电话
  head: Text, // 单位负责人
  filedOn: Text, // 填报日期, as typed
  staffing: z
    .object({ total: Count, authorized: Count, actual: Count, retired: Count, other: Count })
    .prefault({}),
  funds: DepartmentFunds.prefault({}),
  fundShares: DepartmentFundShares.optional(),
  /** the two previous years' columns, most recent first */
  fundHistory: z
    .array(z.object({ year: Year, funds: DepartmentFunds.prefault({}) }))
    .max(2)
    .default([]),
  texts: z
    .object({
      functions: Text, // 部门职能概述
      policies: Text, // 年度工作任务 / 负责执行的相关政策概述
      strategy: Text, // 中长期战略目标
      annualGoal: Text, // 年度绩效目标
    })
    .prefault({}),
  /** long-term and annual goals, each with its own indicator table (xinzhou) */
  goals: z.array(Goal).default([]),
  /** one indicator table for the whole department (rugao) */
  indicators: IndicatorList,
  projects: z.array(ProjectSummaryRow).default([]),
  extra: Extra,
});
export type Department = z.infer<typeof Department>;
