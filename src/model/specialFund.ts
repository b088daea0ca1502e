import { z } from 'zod';
import { FormRef, Amount, Extra, ProfileId, Text, UnitCode, Year } from './primitives';
import { IndicatorList } from './indicator';

export const SpecialFund = z.object({
  kind: z.literal('specialFund'),
  profile: ProfileId.default('classic'),
  form: FormRef,
  year: Year,
  unit: Text, // 填报单位
  unitCode: UnitCode,
  head: Text, // 单位负责人
  name: Text, // 专项名称
  attribute: Text, // 专项属性: 新增 / 延续
  department: Text, // 主管部门
  period: Text, // 专项起止时间, as typed ('2021年1-12月')
  manager: Text, // 专项负责人
  contact: Text, // 联系人及电话
  overview: Text, // 专项概况
  basis: Text, // 专项立项依据
  measures: Text, // 单位已有的保证专项实施的制度、措施
  longTermGoal: Text, // 中长期绩效目标
  annualGoal: Text, // 本年度绩效目标
  notes: Text, // 其他需要说明的问题
  funding: z
    .object({
      total: Amount, // 本年度预计投入
      central: Amount, // 中央
      provincial: Amount, // 省级
      municipal: Amount, // 市级
      local: Amount, // 本级
      other: Amount, // 其他
    })
    .prefault({}),
  indicators: IndicatorList,
  /** the finance bureau's boxes (南岳): 业务股室审核意见 and 监督绩效股审核意见, as written on the form */
  opinions: z.object({ business: Text, supervision: Text }).optional(),
  extra: Extra,
});
export type SpecialFund = z.infer<typeof SpecialFund>;
