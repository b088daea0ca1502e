import { z } from 'zod';
import {
  FormRef,
  Amount,
  Extra,
  MAX_AMOUNT,
  Percent,
  ProfileId,
  SignedAmount,
  Text,
  UnitCode,
  Year,
} from './primitives';
import { IndicatorList } from './indicator';

export const LineItem = z.object({ name: Text, amount: Amount, use: Text });
export type LineItem = z.infer<typeof LineItem>;

/** 项目资金来源 */
export const ProjectSources = z.object({
  total: Amount, // 项目资金总额
  regular: Amount, // 财政经常性拨款
  special: Amount, // 财政专项拨款
  budgetNonTax: Amount, // 纳入预算管理的非税资金
  specialAccountNonTax: Amount, // 专户管理的非税资金
  govFund: Amount, // 政府性基金
  superiorSubsidy: Amount, // 上级补助收入
  priorYears: Amount, // 以前年度结转
  /** 以前年度纳入预算管理的非税资金 (江阴): not the same money as 以前年度结转; absent on other forms */
  priorYearsNonTax: z.number().finite().nonnegative().lt(MAX_AMOUNT).nullable().optional(),
  business: Amount, // 事业收入
  operating: Amount, // 经营收入
  other: Amount, // 其他收入
});
export type ProjectSources = z.infer<typeof ProjectSources>;
export const SourceKey = ProjectSources.keyof();

export const Project = z.object({
  kind: z.literal('project'),
  profile: ProfileId.default('classic'),
  form: FormRef,
  year: Year,
  unit: Text, // 填报单位
  unitCode: UnitCode,
  name: Text, // 项目名称*
  code: Text, // 项目编码
  department: Text, // 主管部门
  implementer: Text, // 实施单位
  attribute: Text, // 项目属性
  type: Text, // 项目类型*
  use: Text, // 资金用途*
  procurement: Text, // 政府采购*
  manager: Text, // 项目负责人*
  contact: Text, // 联系人*
  phone: Text, // 联系电话*
  startDate: Text, // 计划开始日期*
  endDate: Text, // 计划完成日期*
  totalAmount: Amount, // 项目总金额(万元)*
  yearAmount: Amount, // 本年度项目金额(万元)
  fiscalAmount: Amount, // 其中：财政资金
  otherAmount: Amount, // 其他资金
  texts: z
    .object({
      overview: Text, // 项目概况*
      basis: Text, // 立项依据
      plan: Text, // 项目实施计划*
      longTermGoal: Text, // 项目总目标 / 长期目标*
      annualGoal: Text, // 年度绩效目标*
      notes: Text, // 需要说明的其他问题
    })
    .prefault({}),
  indicators: IndicatorList,
  lastYear: z
    // 结余 is what was budgeted less what was used: below zero when a project overspent.
    .object({ budget: Amount, used: Amount, balance: SignedAmount, usageRate: Percent, progress: Percent })
    .prefault({}),
  sources: ProjectSources.prefault({}),
  lineItems: z.array(LineItem).default([]),
  /** 资金支出计划: cumulative percent spent by the end of March, June, October and December */
  spendPlan: z.object({ mar: Percent, jun: Percent, oct: Percent, dec: Percent }).prefault({}),
  extra: Extra,
});
export type Project = z.infer<typeof Project>;
