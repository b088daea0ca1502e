import type { ComparisonOp } from '../model';

/** Normalised units of measure (计量单位) the parser recognises, as they appear in `Quantity.unit`. */
export const TARGET_UNITS: readonly string[] = [
  '%',
  '‰',
  '个百分点',
  '百分点',
  '件',
  '人',
  '人次',
  '万人',
  '万人次',
  '次',
  '场',
  '个',
  '份',
  '天',
  '日',
  '工作日',
  '周',
  '个月',
  '月',
  '季度',
  '年',
  '小时',
  '分钟',
  '元',
  '万元',
  '亿元',
  '家',
  '户',
  '户次',
  '所',
  '期',
  '篇',
  '条',
  '项',
  '台',
  '套',
  '本',
  '册',
  '张',
  '辆',
  '间',
  '名',
  '位',
  '批',
  '处',
  '座',
  '宗',
  '公里',
  '平方米',
  '分',
  '课时',
  '学时',
];

/**
 * Spellings that read as another unit. '3个工作日' and '3工作日' are the same duration, and the budget
 * systems' unit lists carry the short form. '个月' stays as typed because '3月' reads as March.
 */
const UNIT_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['个工作日', '工作日'],
  ['个小时', '小时'],
  ['个季度', '季度'],
  ['个星期', '周'],
  ['星期', '周'],
];

/** Longest spelling first, so '万元' wins over '万' and '人次' over '人'. */
const UNIT_SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ...TARGET_UNITS.map((u) => [u, u] as const),
  ...UNIT_ALIASES,
].sort((a, b) => b[0].length - a[0].length);

function matchSimpleUnit(s: string, i: number): { unit: string; end: number } | null {
  for (const [spelling, unit] of UNIT_SPELLINGS) {
    if (s.startsWith(spelling, i)) return { unit, end: i + spelling.length };
  }
  return null;
}

/** A unit at `i`, including per-units such as '人/次' or '次/年'. */
export function matchUnit(s: string, i: number): { unit: string; end: number } | null {
  const first = matchSimpleUnit(s, i);
  if (!first) return null;
  if (s[first.end] === '/') {
    const second = matchSimpleUnit(s, first.end + 1);
    if (second) return { unit: `${first.unit}/${second.unit}`, end: second.end };
  }
  return first;
}

/** Word operators written after the number: '98%以上', '30天内'. Longest first. */
const SUFFIX_OPS: ReadonlyArray<readonly [string, ComparisonOp]> = [
  ['及以上', 'ge'],
  ['以上', 'ge'],
  ['及以下', 'le'],
  ['以下', 'le'],
  ['以内', 'le'],
  ['之内', 'le'],
  ['内', 'le'],
];

/** Word operators written before the number: '不低于95%'. Longest first. */
const PREFIX_OPS: ReadonlyArray<readonly [string, ComparisonOp]> = (
  [
    ['大于或等于', 'ge'],
    ['大于等于', 'ge'],
    ['不低于', 'ge'],
    ['不少于', 'ge'],
    ['不小于', 'ge'],
    ['至少', 'ge'],
    ['最少', 'ge'],
    ['小于或等于', 'le'],
    ['小于等于', 'le'],
    ['不超过', 'le'],
    ['不高于', 'le'],
    ['不多于', 'le'],
    ['不大于', 'le'],
    ['至多', 'le'],
    ['最多', 'le'],
    ['低于', 'lt'],
    ['少于', 'lt'],
    ['小于', 'lt'],
    ['高于', 'gt'],
    ['超过', 'gt'],
    ['大于', 'gt'],
    ['多于', 'gt'],
    ['等于', 'eq'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

export function matchSuffixOp(s: string, i: number): { op: ComparisonOp; end: number } | null {
  for (const [word, op] of SUFFIX_OPS) {
    if (s.startsWith(word, i)) return { op, end: i + word.length };
  }
  return null;
}

/** A word operator at `i`: '不少于一次'. */
export function matchPrefixOp(s: string, i: number): { op: ComparisonOp; end: number } | null {
  for (const [word, op] of PREFIX_OPS) {
    if (s.startsWith(word, i)) return { op, end: i + word.length };
  }
  return null;
}

/** A word operator that ends `label`, and the label without it. */
export function splitPrefixOp(label: string): { op: ComparisonOp; rest: string } | null {
  for (const [word, op] of PREFIX_OPS) {
    if (label.endsWith(word)) return { op, rest: label.slice(0, label.length - word.length) };
  }
  return null;
}
