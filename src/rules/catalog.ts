import type { Bilingual, Severity } from '../model';
import { capitalize, named, namedList } from './labels';
import type { Numbers } from './util';

/** The parameters of a code whose messages take none. */
export type NoParams = Record<string, never>;

export interface CodeSpec<P> {
  severity: Severity;
  title: Bilingual;
  zh: (p: P) => string;
  en: (p: P) => string;
  /** parameters of a real example, shown in the catalogue */
  example: P;
}

/**
 * One catalogue entry. Its parameters P are declared once, as the type argument, and never inferred
 * (NoInfer), so both messages and the example are checked against them; a code without parameters
 * leaves P out. Parameters are text or numbers, since the messages interpolate them.
 */
/** An English label starts a sentence with a capital: "total funding" → "Total funding". */

const spec = <P extends Record<keyof P, string | number> = NoParams>(s: CodeSpec<NoInfer<P>>): CodeSpec<P> =>
  s;

/** Money and percentages in messages: at most two decimals, no trailing zeros. */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

/**
 * Every finding code the rules can emit. The findings catalogue, docs/findings.md, is generated from this
 * object (`npm run catalog`), so the documentation cannot drift from the code.
 */
export const CATALOG = {
  // ── reading the sheet ──────────────────────────────────────────────────────────────────────────
  CELL_ERROR: spec<{ field: string; value: string }>({
    severity: 'error',
    title: { zh: '单元格错误值', en: 'Error value in a cell' },
    zh: (p) => `“${p.field}”单元格是错误值 ${p.value}，无法读取；请修正公式或重新输入数值。`,
    en: (p) =>
      `The ${named(p.field)} cell holds the error value ${p.value} and cannot be read; fix the formula or type the value.`,
    example: { field: '项目总金额(万元)', value: '#REF!' },
  }),
  NUMBER_INVALID: spec<{ field: string; value: string }>({
    severity: 'error',
    title: { zh: '数值格式错误', en: 'Not a number' },
    zh: (p) => `“${p.field}”应填数字，实际为“${p.value}”。`,
    en: (p) => `${capitalize(named(p.field))} must be a number, but the cell holds “${p.value}”.`,
    example: { field: '调解员培训费 金额', value: '六万' },
  }),
  LAYOUT_SECTION_MISSING: spec<{ section: string }>({
    severity: 'error',
    title: { zh: '表格区域缺失', en: 'Section not found' },
    zh: (p) => `未找到“${p.section}”区域，可能被删除或改名；请重新插入标准表样。`,
    en: (p) =>
      `The ${named(p.section)} section was not found: it may have been deleted or renamed; insert the standard layout again.`,
    example: { section: '项目概算' },
  }),
  FORM_VERSION_UNAVAILABLE: spec<{ form: string; made: number; installed: number }>({
    severity: 'error',
    title: { zh: '表样版本不符', en: 'Made with another version of the form' },
    zh: (p) =>
      `此工作簿按“${p.form}”第 ${p.made} 版填写，当前安装的是第 ${p.installed} 版，部分区域无法识别；请安装第 ${p.made} 版表样，或把内容转填到第 ${p.installed} 版。`,
    en: (p) =>
      `This workbook was made with version ${p.made} of the ${named(p.form)}, but version ${p.installed} is installed and parts of it cannot be found; install version ${p.made}, or copy the content into version ${p.installed}.`,
    example: { form: '项目支出绩效目标申报表', made: 1, installed: 2 },
  }),
  FORM_VERSION_OTHER: spec<{ form: string; made: number; installed: number }>({
    severity: 'info',
    title: { zh: '按新版表样读取', en: 'Read with a newer version of the form' },
    zh: (p) => `此工作簿按“${p.form}”第 ${p.made} 版填写，已按当前的第 ${p.installed} 版读取。`,
    en: (p) =>
      `This workbook was made with version ${p.made} of the ${named(p.form)} and was read with the installed version ${p.installed}.`,
    example: { form: '项目支出绩效目标申报表', made: 1, installed: 2 },
  }),
  // ── required fields ────────────────────────────────────────────────────────────────────────────
  REQUIRED_FIELD_MISSING: spec<{ field: string; fieldEn: string }>({
    severity: 'error',
    title: { zh: '必填项为空', en: 'Required field is empty' },
    zh: (p) => `“${p.field}”为必填项，不能为空。`,
    // The English name where the field has one, with the form's label in brackets to find it by.
    en: (p) => `${capitalize(named(p.field, p.fieldEn))} is required.`,
    example: { field: '项目负责人', fieldEn: 'person in charge' },
  }),
  // ── arithmetic ─────────────────────────────────────────────────────────────────────────────────
  TOTAL_MISMATCH: spec<{ total: string; totalEn: string; parts: string; partsEn: string } & Numbers>({
    severity: 'error',
    title: { zh: '合计与明细不符', en: 'Total does not equal the sum of its parts' },
    zh: (p) =>
      `“${p.total}”为 ${p.actual} 万元，但${p.parts}之和为 ${p.expected} 万元，相差 ${p.difference} 万元。`,
    en: (p) =>
      // English names the total in English, with the form's own label in brackets to find it by.
      `${capitalize(named(p.total, p.totalEn))} is ${p.actual} (10k yuan) but the sum of ${p.partsEn} is ${p.expected}: a difference of ${p.difference}.`,
    example: {
      total: '项目总金额(万元)',
      totalEn: 'project total',
      parts: '项目概算各明细',
      partsEn: 'the line items',
      actual: 148,
      expected: 150,
      difference: -2,
    },
  }),
  AMOUNT_MISMATCH: spec<{ a: string; aEn: string; b: string; bEn: string } & Numbers>({
    severity: 'error',
    title: { zh: '金额前后不一致', en: 'Amounts that must agree differ' },
    zh: (p) => `“${p.a}”（${p.actual}）应等于“${p.b}”（${p.expected}），相差 ${p.difference} 万元。`,
    en: (p) =>
      `${capitalize(named(p.a, p.aEn))} is ${p.actual} but must equal ${named(p.b, p.bEn)}, ${p.expected}: a difference of ${p.difference}.`,
    example: {
      a: '项目总金额',
      aEn: 'project total',
      b: '项目资金总额',
      bEn: 'total funding',
      actual: 148,
      expected: 140,
      difference: 8,
    },
  }),
  BALANCE_MISMATCH: spec<Numbers>({
    severity: 'error',
    title: { zh: '收支不平衡', en: 'Income and expense do not balance' },
    zh: (p) => `收入合计 ${p.actual} 万元与支出合计 ${p.expected} 万元不相等，相差 ${p.difference} 万元。`,
    en: (p) =>
      `Total income ${p.actual} does not equal total expense ${p.expected}: a difference of ${p.difference}.`,
    example: { actual: 2120.08, expected: 2118.08, difference: 2 },
  }),
  SHARE_MISMATCH: spec<{ field: string } & Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '占比计算错误', en: 'Share is miscalculated' },
    zh: (p) => `“${p.field}”占比填 ${p.actual}%，按金额计算应为 ${p.expected}%。`,
    en: (p) => `The share of ${named(p.field)} is ${p.actual}% but its amount gives ${p.expected}%.`,
    example: { field: '财政拨款', actual: 95, expected: 95.65 },
  }),
  YEAR_AMOUNT_EXCEEDS_TOTAL: spec<Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '本年度金额超过总金额', en: "This year's amount exceeds the project total" },
    zh: (p) => `本年度项目金额 ${p.actual} 万元超过项目总金额 ${p.expected} 万元。`,
    en: (p) => `This year's amount ${p.actual} exceeds the project total ${p.expected}.`,
    example: { actual: 150, expected: 148 },
  }),
  CARRYOVER_MISMATCH: spec<Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '上年结余计算错误', en: "Last year's balance is miscalculated" },
    zh: (p) =>
      `项目结余资金填 ${p.actual} 万元，按“年度预算安排资金 − 项目实际使用资金”应为 ${p.expected} 万元。`,
    en: (p) => `Last year's balance is ${p.actual} but budget minus used gives ${p.expected}.`,
    example: { actual: 0.3, expected: 0.31 },
  }),
  USAGE_RATE_MISMATCH: spec<Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '资金使用率计算错误', en: 'Usage rate is miscalculated' },
    zh: (p) => `资金使用率填 ${p.actual}%，按“实际使用 ÷ 预算安排”应为 ${p.expected}%。`,
    en: (p) => `The usage rate is ${p.actual}% but used ÷ budget gives ${p.expected}%.`,
    example: { actual: 100, expected: 99.8 },
  }),
  LAST_YEAR_OVERSPENT: spec<{ budget: number; used: number; difference: number }>({
    severity: 'warning',
    title: { zh: '上年实际使用超过预算安排', en: 'Last year’s spending exceeded the budget' },
    zh: (p) =>
      `上年“项目实际使用资金” ${p.used} 万元超过“年度预算安排资金” ${p.budget} 万元（多 ${p.difference} 万元）。`,
    en: (p) =>
      `Last year ${p.used} was used against a budget of ${p.budget}: ${p.difference} more than budgeted.`,
    example: { budget: 149.7, used: 153.9, difference: 4.2 },
  }),
  REQUEST_GROWS_AFTER_LOW_EXECUTION: spec<{ rate: number; floor: number; last: number; asked: number }>({
    severity: 'warning',
    title: { zh: '上年执行率低而本年申请增加', en: 'Larger request after low execution last year' },
    zh: (p) =>
      `上年资金使用率 ${p.rate}% 低于 ${p.floor}%，本年申请 ${p.asked} 万元却多于上年预算 ${p.last} 万元。`,
    en: (p) =>
      `Last year only ${p.rate}% of the money was used (below ${p.floor}%), yet this year's request of ${p.asked} exceeds last year's budget of ${p.last}.`,
    example: { rate: 55.2, floor: 80, last: 100, asked: 130 },
  }),
  PERCENT_OUT_OF_RANGE: spec<{ field: string } & Pick<Numbers, 'actual'>>({
    severity: 'error',
    title: { zh: '百分比超出 0–100', en: 'Percentage outside 0–100' },
    zh: (p) => `“${p.field}”为 ${p.actual}%，应在 0% 到 100% 之间。`,
    en: (p) => `${capitalize(named(p.field))} is ${p.actual}%; it must lie between 0% and 100%.`,
    example: { field: '项目完成进度(%)', actual: 120 },
  }),
  SPEND_PLAN_DECREASING: spec<{ field: string; fieldEn: string } & Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '支出计划累计进度下降', en: 'Cumulative spend plan decreases' },
    zh: (p) => `资金支出计划是累计进度，${p.field} ${p.actual}% 低于前一期 ${p.expected}%。`,
    en: (p) =>
      `The spend plan is cumulative, but ${named(p.field, p.fieldEn)} is ${p.actual}%, below the period before (${p.expected}%).`,
    example: { field: '10月底', fieldEn: 'end of October', actual: 40, expected: 50 },
  }),
  SPEND_PLAN_INCOMPLETE: spec<{ actual: number | '—' }>({
    severity: 'error',
    title: { zh: '支出计划年底未达 100%', en: 'Spend plan does not reach 100% in December' },
    zh: (p) => `资金支出计划 12月底应达到 100%，实际为 ${p.actual}%。`,
    en: (p) => `The spend plan must reach 100% by the end of December; it says ${p.actual}%.`,
    example: { actual: 90 },
  }),
  COST_EXCEEDS_BUDGET: spec<{ name: string } & Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'error',
    title: { zh: '成本指标超过预算金额', en: 'Cost indicator exceeds the money declared' },
    zh: (p) => `成本指标“${p.name}”为 ${p.actual} 万元，超过申报资金 ${p.expected} 万元。`,
    en: (p) =>
      `The cost indicator “${p.name}” is ${p.actual} (10k yuan), more than the ${p.expected} declared.`,
    example: { name: '“以奖代补”', actual: 12, expected: 10 },
  }),
  STAFF_TOTAL_MISMATCH: spec<Numbers>({
    severity: 'error',
    title: { zh: '人员合计与分项不符', en: 'Head-count total does not match' },
    zh: (p) =>
      `人员情况“合计”为 ${p.actual} 人，但实有人数、离退休人员、其他人员之和为 ${p.expected} 人，相差 ${p.difference} 人。`,
    en: (p) =>
      `The head-count total is ${p.actual} but staff, retirees and others add up to ${p.expected}: a difference of ${p.difference}.`,
    example: { actual: 97, expected: 142, difference: -45 },
  }),
  SUMMARY_MISMATCH: spec<Pick<Numbers, 'actual' | 'expected'>>({
    severity: 'warning',
    title: { zh: '项目汇总与项目支出不符', en: 'Project summary does not match project expenditure' },
    zh: (p) => `项目汇总表各项目小计之和 ${p.expected} 万元与“项目支出” ${p.actual} 万元不符。`,
    en: (p) => `The project summary adds up to ${p.expected} but project expenditure is ${p.actual}.`,
    example: { expected: 400, actual: 402 },
  }),
  // ── dates ──────────────────────────────────────────────────────────────────────────────────────
  DATE_INVALID: spec<{ field: string; fieldEn: string; value: string }>({
    severity: 'error',
    title: { zh: '日期无法识别', en: 'Date cannot be read' },
    zh: (p) => `“${p.field}”的“${p.value}”不是可识别的日期，请填写如 2021-01-01。`,
    en: (p) => `“${p.value}” in ${named(p.field, p.fieldEn)} is not a date; write it like 2021-01-01.`,
    example: { field: '计划开始日期', fieldEn: 'planned start', value: '2021-13-01' },
  }),
  DATE_ORDER: spec<{ start: string; end: string }>({
    severity: 'error',
    title: { zh: '开始日期晚于完成日期', en: 'Start is after end' },
    zh: (p) => `开始日期 ${p.start} 晚于完成日期 ${p.end}。`,
    en: (p) => `The start ${p.start} is after the end ${p.end}.`,
    example: { start: '2021-12-31', end: '2021-01-01' },
  }),
  DATE_OUTSIDE_YEAR: spec<{ field: string; fieldEn: string; value: string; year: number }>({
    severity: 'warning',
    title: { zh: '日期不在申报年度内', en: 'Date outside the declared year' },
    zh: (p) => `“${p.field}” ${p.value} 不在申报年度 ${p.year} 年内；跨年度项目请确认。`,
    en: (p) =>
      `${capitalize(named(p.field, p.fieldEn))} ${p.value} is outside the declared year ${p.year}; confirm if the project spans years.`,
    example: { field: '计划完成日期', fieldEn: 'planned end', value: '2022-06-30', year: 2021 },
  }),
  // ── weights ────────────────────────────────────────────────────────────────────────────────────
  WEIGHT_SUM: spec<Pick<Numbers, 'actual' | 'difference'>>({
    severity: 'error',
    title: { zh: '权重合计不等于 100%', en: 'Weights do not add up to 100%' },
    zh: (p) => `指标权重合计为 ${p.actual}%，应为 100%，相差 ${p.difference}%。`,
    en: (p) => `The indicator weights add up to ${p.actual}%, not 100%: a difference of ${p.difference}%.`,
    example: { actual: 98, difference: -2 },
  }),
  WEIGHT_MISSING: spec<{ name: string }>({
    severity: 'error',
    title: { zh: '权重缺失', en: 'Weight missing' },
    zh: (p) => `指标“${p.name}”没有填写权重，而本表其他指标都有权重。`,
    en: (p) => `The indicator “${p.name}” has no weight, though the other indicators in this table do.`,
    example: { name: '预算执行率' },
  }),
  // ── indicator framework ────────────────────────────────────────────────────────────────────────
  INDICATORS_MISSING: spec({
    severity: 'error',
    title: { zh: '没有绩效指标', en: 'No indicators' },
    zh: () => `未填写任何绩效指标。`,
    en: () => `No performance indicator has been filled in.`,
    example: {},
  }),
  INDICATOR_LEVEL1_MISSING: spec<{ level1: string; profile: string; profileEn: string }>({
    severity: 'error',
    title: { zh: '缺少必需的一级指标', en: 'Required level-1 indicator missing' },
    zh: (p) => `缺少一级指标“${p.level1}”（${p.profile}要求）。`,
    en: (p) => `The level-1 indicator ${named(p.level1)} is missing (required by ${p.profileEn}).`,
    example: { level1: '效益指标', profile: '通用框架', profileEn: 'the classic framework' },
  }),
  INDICATOR_LEVEL1_RECOMMENDED: spec<{ level1: string }>({
    severity: 'warning',
    title: { zh: '建议设置的一级指标缺失', en: 'Expected level-1 indicator missing' },
    zh: (p) => `建议设置一级指标“${p.level1}”。`,
    en: (p) => `A level-1 ${named(p.level1)} is expected.`,
    example: { level1: '满意度指标' },
  }),
  INDICATOR_LEVEL1_UNKNOWN: spec<{ level1: string; profile: string; profileEn: string; allowed: string }>({
    severity: 'error',
    title: { zh: '一级指标不在指标框架内', en: 'Level-1 indicator not in the framework' },
    zh: (p) => `一级指标“${p.level1}”不在${p.profile}中，可选：${p.allowed}。`,
    en: (p) =>
      `${capitalize(named(p.level1))} is not a level-1 indicator of ${p.profileEn}; use one of: ${namedList(p.allowed)}.`,
    example: {
      level1: '产出',
      profile: '江苏四类目标框架',
      profileEn: 'the Jiangsu framework',
      allowed: '投入与目标管理、产出目标、效果目标、影响力目标',
    },
  }),
  INDICATOR_LEVEL2_MISMATCH: spec<{ level1: string; level2: string; allowed: string }>({
    severity: 'error',
    title: { zh: '二级指标不属于其一级指标', en: 'Level-2 indicator under the wrong level 1' },
    zh: (p) => `二级指标“${p.level2}”不属于一级指标“${p.level1}”，可选：${p.allowed}。`,
    en: (p) =>
      `${capitalize(named(p.level2))} does not belong under ${named(p.level1)}; use one of: ${namedList(p.allowed)}.`,
    example: {
      level1: '产出指标',
      level2: '社会效益指标',
      allowed: '数量指标、质量指标、时效指标、成本指标',
    },
  }),
  SATISFACTION_MISSING: spec<{ name: string; profile: string; profileEn: string }>({
    severity: 'error',
    title: { zh: '缺少满意度指标', en: 'No satisfaction indicator' },
    zh: (p) => `缺少满意度指标“${p.name}”（${p.profile}要求设置）。`,
    en: (p) => `There is no satisfaction indicator, ${named(p.name)}, which ${p.profileEn} requires.`,
    example: { name: '满意度', profile: '江苏四类目标框架', profileEn: 'the Jiangsu four-goal framework' },
  }),
  INDICATOR_LEVEL2_MISSING: spec<{ level1: string; level2: string }>({
    severity: 'error',
    title: { zh: '缺少必需的二级指标', en: 'Required level-2 indicator missing' },
    zh: (p) => `一级指标“${p.level1}”下缺少二级指标“${p.level2}”。`,
    en: (p) => `${capitalize(named(p.level1))} has no level-2 ${named(p.level2)}.`,
    example: { level1: '产出指标', level2: '数量指标' },
  }),
  INDICATOR_LEVEL2_RECOMMENDED: spec<{ level1: string; level2: string }>({
    severity: 'warning',
    title: { zh: '建议设置的二级指标缺失', en: 'Expected level-2 indicator missing' },
    zh: (p) => `一级指标“${p.level1}”下建议设置二级指标“${p.level2}”。`,
    en: (p) => `A level-2 ${named(p.level2)} is expected under ${named(p.level1)}.`,
    example: { level1: '效果目标', level2: '满意度' },
  }),
  INDICATOR_LEVEL_EMPTY: spec<{ row: number; what: string; whatEn: string }>({
    severity: 'error',
    title: { zh: '指标层级为空', en: 'Empty indicator level' },
    zh: (p) => `第 ${p.row} 行${p.what}为空。`,
    en: (p) => `Row ${p.row} has no ${p.whatEn}.`,
    example: { row: 3, what: '三级指标名称', whatEn: 'level-3 indicator name' },
  }),
  INDICATOR_DUPLICATE: spec<{ name: string; level2: string; count: number }>({
    severity: 'warning',
    title: { zh: '重复的指标', en: 'Duplicate indicator' },
    zh: (p) => `指标“${p.name}”在“${p.level2}”下出现了 ${p.count} 次。`,
    en: (p) => `The indicator “${p.name}” appears ${p.count} times under “${p.level2}”.`,
    example: { name: '普法宣传场次', level2: '数量指标', count: 2 },
  }),
  // ── target values ──────────────────────────────────────────────────────────────────────────────
  TARGET_MISSING: spec<{ name: string }>({
    severity: 'error',
    title: { zh: '指标值为空', en: 'Target value missing' },
    zh: (p) => `指标“${p.name}”没有填写指标值。`,
    en: (p) => `The indicator “${p.name}” has no target value.`,
    example: { name: '调解员培训率' },
  }),
  TARGET_MALFORMED: spec<{ name: string; value: string; reason: string; reasonEn: string }>({
    severity: 'error',
    title: { zh: '指标值无法识别', en: 'Target value cannot be read' },
    zh: (p) => `指标“${p.name}”的值“${p.value}”无法识别：${p.reason}。请写成“≥90%”“=100件”或定性表述。`,
    en: (p) =>
      `The target “${p.value}” of “${p.name}” cannot be read: ${p.reasonEn}. Write it like “≥90%”, “=100件” or as a statement.`,
    example: {
      name: '调解成功率',
      value: '≥%',
      reason: '比较符后没有数值',
      reasonEn: 'no number after the operator',
    },
  }),
  TARGET_UNIT_MISSING: spec<{ name: string; value: string }>({
    severity: 'warning',
    title: { zh: '指标值缺少计量单位', en: 'Target value has no unit' },
    zh: (p) => `指标“${p.name}”的值“${p.value}”没有计量单位。`,
    en: (p) => `The target “${p.value}” of “${p.name}” has no unit.`,
    example: { name: '法治江阴实事工程', value: '10' },
  }),
  TARGET_RATE_WITHOUT_PERCENT: spec<{ name: string; value: string; suggested: string }>({
    severity: 'error',
    title: { zh: '比率类指标缺少 %', en: 'Rate without %' },
    zh: (p) => `“${p.name}”是比率类指标，指标值“${p.value}”缺少 %，应为“${p.suggested}”。`,
    en: (p) => `“${p.name}” is a rate, so “${p.value}” needs a %: “${p.suggested}”.`,
    example: { name: '专职调解员培训率', value: '100', suggested: '=100%' },
  }),
  TARGET_OUT_OF_RANGE: spec<{ name: string; value: string }>({
    severity: 'error',
    title: { zh: '指标值超出合理范围', en: 'Target value out of range' },
    zh: (p) => `“${p.name}”是比率或满意度指标，指标值“${p.value}”超过 100%。`,
    en: (p) => `“${p.name}” is a rate or satisfaction score; “${p.value}” is above 100%.`,
    example: { name: '预算执行率', value: '>100%' },
  }),
  TARGET_BELOW_POLICY: spec<{ name: string; value: string; floor: number }>({
    severity: 'error',
    title: { zh: '指标值低于本地要求', en: "Target below the bureau's floor" },
    zh: (p) => `“${p.name}”的指标值“${p.value}”低于本地财政部门要求的 ${p.floor}%。`,
    en: (p) => `The target “${p.value}” of “${p.name}” is below the ${p.floor}% the bureau asks for.`,
    example: { name: '服务对象满意度', value: '≥80%', floor: 90 },
  }),
  TARGET_BOUND_UNREACHABLE: spec<{ name: string; value: string }>({
    severity: 'warning',
    title: { zh: '“≥100%”只能恰好达到', en: '“≥100%” can only be met exactly' },
    zh: (p) => `“${p.name}”的指标值“${p.value}”只能恰好等于 100% 时达成，建议写“=100%”。`,
    en: (p) => `“${p.value}” for “${p.name}” can only be met at exactly 100%; write “=100%”.`,
    example: { name: '预算执行率', value: '≥100%' },
  }),
  TARGET_RANGE: spec<{ value: string; suggested: string }>({
    severity: 'error',
    title: { zh: '指标值为区间', en: 'Target value is a range' },
    zh: (p) => `指标值“${p.value}”是区间，预算系统不接受“-”；建议只写一个界值，如“${p.suggested}”。`,
    en: (p) =>
      `“${p.value}” is a range, which the budget systems refuse (“-”); give one bound, e.g. “${p.suggested}”.`,
    example: { value: '1-2个', suggested: '≥1个' },
  }),
  TARGET_COMPOUND: spec<{ value: string; count: number; suggested: string }>({
    severity: 'warning',
    title: { zh: '一个单元格含多个指标值', en: 'Several targets in one cell' },
    zh: (p) => `指标值“${p.value}”包含 ${p.count} 个目标，建议拆分为 ${p.count} 个三级指标：${p.suggested}。`,
    en: (p) =>
      `“${p.value}” holds ${p.count} targets; split it into ${p.count} indicators: “${p.suggested}”.`,
    example: { value: '参考率98%以上，优秀率90%以上', count: 2, suggested: '参考率 ≥98%；优秀率 ≥90%' },
  }),
  TARGET_NONSTANDARD: spec<{ value: string; suggested: string }>({
    severity: 'warning',
    title: { zh: '指标值写法不规范', en: 'Non-standard target notation' },
    zh: (p) => `指标值“${p.value}”写法不规范，建议写成“${p.suggested}”。`,
    en: (p) => `“${p.value}” is not in standard notation; write “${p.suggested}”.`,
    example: { value: '万分之十以上', suggested: '≥0.1%' },
  }),
  TARGET_OPERATOR_MISSING: spec<{ value: string }>({
    severity: 'warning',
    title: { zh: '指标值缺少比较符', en: 'Target value has no comparison' },
    zh: (p) => `指标值“${p.value}”没有比较符，按“=”理解；请确认是否应为“≥”或“≤”。`,
    en: (p) => `“${p.value}” has no comparison and is read as “=”; check whether “≥” or “≤” is meant.`,
    example: { value: '100%' },
  }),
  TARGET_VAGUE: spec<{ name: string; value: string; word: string }>({
    severity: 'warning',
    title: { zh: '指标值含模糊表述', en: 'Vague target' },
    zh: (p) => `指标“${p.name}”的值“${p.value}”含“${p.word}”这类模糊表述，评审时无法衡量是否达成。`,
    en: (p) => `The target “${p.value}” of “${p.name}” says “${p.word}”, which no reviewer can measure.`,
    example: { name: '群众法治意识', value: '有所提高', word: '有所' },
  }),
  SATISFACTION_NOT_PERCENT: spec<{ name: string; value: string }>({
    severity: 'warning',
    title: { zh: '满意度指标值不是百分比', en: 'Satisfaction target is not a percentage' },
    zh: (p) => `满意度指标“${p.name}”的值“${p.value}”不是百分比，无法按调查结果核验。`,
    en: (p) =>
      `The satisfaction target “${p.value}” of “${p.name}” is not a percentage, so no survey can check it.`,
    example: { name: '服务对象满意度', value: '满意' },
  }),
  BENEFIT_NOT_QUANTIFIED: spec<{ level1: string }>({
    severity: 'warning',
    title: { zh: '效益指标全为定性表述', en: 'No quantified benefit' },
    zh: (p) => `“${p.level1}”下的指标（满意度除外）全是定性表述，没有一个可量化的目标。`,
    en: (p) =>
      `Every indicator under ${named(p.level1)} (satisfaction aside) is qualitative: no benefit target has a number.`,
    example: { level1: '效益指标' },
  }),
  TARGET_DIRECTION: spec<{ name: string; value: string; suggested: string }>({
    severity: 'warning',
    title: { zh: '越低越好的指标方向写反', en: 'Lower-is-better target without ≤' },
    zh: (p) => `“${p.name}”越低越好，指标值应写“≤”或“<”，实际为“${p.value}”，应为“${p.suggested}”这类上限。`,
    en: (p) =>
      `“${p.name}” is better when lower, so its target needs “≤” or “<”; “${p.value}” should be a ceiling such as “${p.suggested}”.`,
    example: { name: '设备故障率', value: '≥2%', suggested: '≤2%' },
  }),
  TARGET_BELOW_HISTORY: spec<{ name: string; value: string; year: number; past: string }>({
    severity: 'warning',
    title: { zh: '指标值低于往年实际', en: 'Target below a past year' },
    zh: (p) => `指标“${p.name}”的目标“${p.value}”低于 ${p.year} 年的“${p.past}”。`,
    en: (p) => `The target “${p.value}” of “${p.name}” is below the “${p.past}” of ${p.year}.`,
    example: { name: '法律援助案件数', value: '300件', year: 2019, past: '376件' },
  }),
  GOAL_TEXT_CONFLICT: spec<{ name: string; value: string; field: string; fieldEn: string; quote: string }>({
    severity: 'warning',
    title: { zh: '目标文字与指标值不一致', en: 'Goal text and indicator disagree' },
    zh: (p) => `“${p.field}”写“${p.quote}”，而指标“${p.name}”的值为“${p.value}”。`,
    en: (p) =>
      `The ${named(p.field, p.fieldEn)} says “${p.quote}”, but the indicator “${p.name}” has “${p.value}”.`,
    example: {
      name: '法律援助案件',
      value: '300件',
      field: '年度工作任务',
      fieldEn: 'annual tasks',
      quote: '法律援助案件400件以上',
    },
  }),
  INDICATOR_BOILERPLATE: spec<{ name: string }>({
    severity: 'warning',
    title: { zh: '指标名称与指标值相同', en: 'Indicator repeats its own name' },
    zh: (p) => `指标“${p.name}”的名称、描述和指标值是同一句话，没有说明要达到什么程度。`,
    en: (p) =>
      `The indicator “${p.name}” has the same words as its name, description and target: it sets no level to reach.`,
    example: { name: '维护社会和谐稳定' },
  }),
  BASIS_REPEATED: spec<{ basis: string; count: number }>({
    severity: 'warning',
    title: { zh: '各行指标依据相同', en: 'The same basis on every row' },
    zh: (p) => `全部 ${p.count} 行指标的依据都是“${p.basis}”，看不出每个指标值从何而来。`,
    en: (p) =>
      `All ${p.count} indicators give “${p.basis}” as their basis, which says nothing of where each value comes from.`,
    example: { basis: '省厅绩效评价标准', count: 12 },
  }),
  TEXT_REPEATED: spec<{ field: string; fieldEn: string; other: string }>({
    severity: 'warning',
    title: { zh: '与同一工作簿中其他申报表内容相同', en: 'Same text as another declaration' },
    zh: (p) => `“${p.field}”与同一工作簿中“${p.other}”的完全相同。`,
    en: (p) => `The ${named(p.field, p.fieldEn)} is word for word that of “${p.other}” in the same workbook.`,
    example: { field: '项目概况', fieldEn: 'project overview', other: '法治宣传教育经费' },
  }),
  TARGET_NOT_QUANTITATIVE: spec<{ level2: string; name: string; value: string }>({
    severity: 'warning',
    title: { zh: '数量或成本指标应为定量值', en: 'Quantity or cost indicator should be quantitative' },
    zh: (p) => `“${p.level2}”下的指标“${p.name}”应填写定量值（数值和单位），实际为“${p.value}”。`,
    en: (p) => `“${p.name}” under ${named(p.level2)} should have a number and a unit, not “${p.value}”.`,
    example: { level2: '成本指标', name: '控制在预算内', value: '控制在预算内' },
  }),
};

export type FindingCode = keyof typeof CATALOG;

/** The parameters code C's messages take. */
export type ParamsOf<C extends FindingCode> = (typeof CATALOG)[C]['example'];

/** Every code, in catalogue order. */
export const FINDING_CODES = Object.keys(CATALOG) as FindingCode[];

/** The catalogue seen through ParamsOf: indexing it with a generic code keeps a spec tied to its parameters. */
type Specs = { [C in FindingCode]: CodeSpec<ParamsOf<C>> };

/** Code C's message for its parameters. */
export function message<C extends FindingCode>(code: C, params: ParamsOf<C>): Bilingual {
  const entry: Specs[C] = CATALOG[code];
  return { zh: entry.zh(params), en: entry.en(params) };
}
