import { z } from 'zod';
import { Percent, Text } from './primitives';
import { TargetValue } from './target';

export const HistoryValue = z.object({ year: z.number().int(), text: z.string().trim() });

/** One row of an indicator table: the 三级 indicator under its 一级 and 二级. */
export const Indicator = z.object({
  level1: Text,
  level2: Text,
  /** 三级指标 (指标名称 / 三级指标内容) */
  name: Text,
  /** 绩效指标描述, where the form has it (laoting) */
  description: Text,
  target: TargetValue.prefault({}),
  /** 指标值确定依据 / 绩效标准 / 目标值来源 / 指标说明 */
  basis: Text,
  /** 权重 in percent (3 for 3%); null where the table has no weights */
  weight: Percent,
  /** 近两年指标值, oldest first (xinzhou) */
  history: z.array(HistoryValue).default([]),
});
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorList = z.array(Indicator).default([]);
