import { z } from 'zod';

/** The comparison set the budget systems store: ≥ ＞ ＝ ＜ ≤. */
export const ComparisonOp = z.enum(['ge', 'gt', 'eq', 'lt', 'le']);
export type ComparisonOp = z.infer<typeof ComparisonOp>;

/**
 * What made a readable value non-standard; the rules turn each into a suggestion.
 * - wordOperator: 以上/以下/不低于/不少于/不超过/至少 instead of a symbol
 * - chineseNumeral: 一年, 十次
 * - fractionWord: 万分之十, 千分之五, 百分之九十
 * - fullWidthDigits: ９０％
 */
export const NonstandardNote = z.enum(['wordOperator', 'chineseNumeral', 'fractionWord', 'fullWidthDigits']);
export type NonstandardNote = z.infer<typeof NonstandardNote>;

export const Quantity = z.object({
  op: ComparisonOp,
  /** true when the cell had no operator and is read as ＝ */
  opImplicit: z.boolean(),
  value: z.number().finite(),
  /** normalised unit ('%', '‰', '件', '万元', '人/次' …), null when the cell has none */
  unit: z.string().nullable(),
  /** words before the number that qualify it: '参考率' in '参考率98%以上', '自结案之日起' */
  label: z.string(),
  notes: z.array(NonstandardNote),
  /** the standard notation of this value, e.g. '≥0.1%' for '万分之十以上' */
  normalized: z.string(),
});
export type Quantity = z.infer<typeof Quantity>;

export const MalformedReason = z.enum([
  'noNumber', // an operator with nothing to compare: '≥', '≥%'
  'badNumber', // '9..5%', '1,2,3件'
  'forbiddenChar', // '*' or '_' which the budget systems refuse
  'danglingText', // a number followed by text that is not a unit: '90%左右吧'
]);
export type MalformedReason = z.infer<typeof MalformedReason>;

export const TargetReading = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  Quantity.extend({ kind: z.literal('quantitative') }),
  z.object({
    kind: z.literal('range'),
    min: z.number().finite(),
    max: z.number().finite(),
    unit: z.string().nullable(),
    /** one bound, in standard notation, to put instead of the range: '≥1个' */
    normalized: z.string(),
  }),
  z.object({
    kind: z.literal('ratio'),
    left: z.number().finite(),
    right: z.number().finite(),
    normalized: z.string(),
  }),
  z.object({ kind: z.literal('compound'), parts: z.array(Quantity).min(2) }),
  z.object({ kind: z.literal('qualitative'), text: z.string() }),
  z.object({ kind: z.literal('malformed'), reason: MalformedReason }),
]);
export type TargetReading = z.infer<typeof TargetReading>;

/** A target value keeps the text as typed and what the parser read from it. */
export const TargetValue = z.object({
  text: z.string().trim().default(''),
  reading: TargetReading.optional(),
});
export type TargetValue = z.infer<typeof TargetValue>;
