import type { Lang } from '../app/session';
import type { HostErrorKind } from '../hosts/errors';

/** Keys the compiler insists on: one message per way a host call can fail. */
type HostErrorKeys = `hostError.${HostErrorKind}`;

/**
 * Every string the pane shows. Chinese is the source; `{name}` tokens are filled by `fill`. English must
 * have exactly the same keys: a missing or extra key fails the type check (and strings.test.ts checks the
 * tokens).
 */
const zh = {
  appTitle: '绩效目标申报',
  appTagline: '插入标准申报表，逐格检查并给出修改建议。',

  insertHeading: '插入申报表',
  kindLabel: '申报表类型',
  'kind.project': '项目支出',
  'kind.department': '部门整体支出',
  'kind.specialFund': '专项资金',
  profileLabel: '指标框架',
  'profileHelp.national2021':
    '2021 年起的全国通用框架：一级指标为成本、产出、效益、满意度（财预〔2021〕101号）。',
  'profileHelp.classic': '2015–2020 年的通用框架：一级指标为产出、效益、满意度，成本在产出之下。',
  'profileHelp.jiangsu': '江苏的四类目标：投入与目标管理、产出、效果、影响力。',
  'profileHelp.weightedDepartment': '部门整体支出：共性与个性指标，每项带权重，合计 100%。',
  yearLabel: '年度',
  yearInvalid: '请输入 {min} 至 {max} 之间的整数年份。',
  yearUp: '下一年',
  yearDown: '上一年',
  insertButton: '插入',
  inserting: '正在插入…',
  insertDone: '已插入{kind}申报表（{year} 年度）。请填写黄色单元格，然后点击“校验”。',
  declaredYear: '{kind} · {year} 年度 · {profile}',
  declaredNoYear: '{kind} · {profile}',
  insertAnother: '插入…',
  insertFold: '收起',
  reframeOpen: '更改…',
  reframeOpenTitle: '更改指标框架或年度',
  reframeApply: '应用',
  reframeHint: '已填写的内容不会丢失；一级、二级指标名称只在您同意后才改为新框架的写法。',
  reframeTitle: '按新框架改写指标名称？',
  reframeMessage: '新框架把以下指标归在别处或写法不同：\n{list}\n选择“保留原名”则只更换框架和年度。',
  reframeRename: '改名',
  reframeKeep: '保留原名',
  reframeItem: '{cell}：{from} → {to}',
  formLabel: '表样',
  formStandard: '标准表样（本插件）',
  formPinned: '此表样规定使用{profile}',
  'forms.endpoint': '已载入财政部门发布的表样 {n} 个。',
  'forms.cache': '无法连接端点，使用 {time} 保存的表样 {n} 个。',
  'forms.built-in': '无法获取财政部门发布的表样，只列出内置表样。',

  conflictTitle: '替换已有工作表？',
  conflictReplace: '替换',
  conflictCancel: '取消',
  listSeparator: '、',

  checkHeading: '校验',
  validateButton: '校验',
  checking: '正在校验…',
  clearButton: '清除标记',
  clearing: '正在清除…',
  insertRowButton: '插入行',
  insertingRow: '正在插入…',
  rowInserted: '已在“{table}”插入第 {row} 行，格式和下拉列表与表格一致；下面的内容已下移。',
  rowNotInTable:
    '请先选中绩效指标、项目明细等表格中的一行（或表格的标题行），再点击“插入行”：新行插在选中行下面（从标题行插入则在表格末尾）。',
  liveLabel: '输入时自动校验',

  verdictLabel: '校验结果',
  'verdict.unchecked': '尚未校验',
  'verdict.valid': '通过',
  'verdict.warnings': '通过，有 {n} 条警告',
  'verdict.invalid': '不通过，{n} 个错误',
  'verdict.none': '未找到申报表',
  noDeclaration: '此工作簿中没有找到申报表。请先插入申报表，或打开已填写的申报表。',

  findingsHeading: '问题列表',
  noFindings: '没有发现问题。',
  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.info': '提示',
  'group.error': '错误',
  'group.warning': '警告',
  'group.info': '提示',
  'section.basic': '基本信息',
  'section.texts': '概况与目标',
  'section.funds': '资金情况',
  'section.sources': '资金来源',
  'section.lineItems': '项目概算',
  'section.lastYear': '上年度资金使用情况',
  'section.spendPlan': '资金支出计划',
  'section.indicators': '绩效指标',
  'section.projects': '项目汇总',
  groupCount: '{n} 条',
  sectionTitle: '{section}（{n}）',
  showAll: '显示全部（共 {n} 条）',
  colon: '：',
  cellLabel: '单元格',
  codeLabel: '问题代码',
  noCell: '无对应单元格',
  expected: '应为',
  actual: '实际',
  difference: '差额',
  suggestion: '建议',
  suggestedValue: '可填写',

  'hostError.conflict': '工作表“{sheets}”已有内容。是否替换？替换将删除该表中的全部内容。',
  'hostError.protected': '工作表受保护，请先撤销保护（审阅 → 撤销工作表保护）再试。',
  'hostError.editMode': '有单元格正在编辑，请按 Enter 或 Esc 结束编辑后再试。',
  'hostError.unsupported': '此版本的 Excel 不支持所需功能（需要 ExcelApi 1.8 或更高版本）。',
  'hostError.unknown':
    '操作未能完成，出现了意外错误。请重试；如果问题仍然存在，请把下面的详细信息发给管理员。',
  errorDetails: '详细信息：{detail}',
  dismiss: '关闭',

  renderError: '任务窗格出错了。请关闭任务窗格后重新打开。',

  submitHeading: '提交申报表',
  submitButton: '提交',
  submitting: '正在提交…',
  'submitHint.unchecked': '请先校验；没有错误的申报表才能提交。',
  'submitHint.none': '没有可提交的申报表。',
  'submitHint.errors': '有 {n} 个错误，改正后才能提交。',
  'submitHint.settings': '请先在“提交设置”中填写端点地址和令牌。',
  'submitState.none': '尚未提交。',
  'submitState.sending': '正在提交…',
  'submitState.queued': '已排队，网络恢复后自动重试（第 {n} 次）',
  'submitState.submitted': '已提交',
  'submitState.changed': '已修改，尚未重新提交',
  'submitState.failed': '提交被拒绝',
  submitStateLabel: '提交状态',
  outboxWaiting: '待发送 {n} 份：{names}。端点可以连接时自动发送。',
  delivered: '已送达：{name}（{receipt}）',
  noName: '（未命名）',
  goToUnit: '转到“填报单位”单元格',
  receipt: '编号 {id} · 第 {version} 版 · {time} · 校验码 {hash}',
  lastReceipt: '上次提交：{receipt}',
  confirmSubmitTitle: '有警告，仍要提交？',
  confirmSubmitMessage: '校验发现 {n} 条警告。警告不妨碍提交，但请确认已逐条看过。',
  confirmSubmit: '仍然提交',

  settingsButton: '提交设置',
  settingsTitle: '提交设置',
  settingsEndpoint: '端点地址',
  settingsEndpointHint: '由财政部门提供，例如 https://jixiao.example.gov.cn',
  settingsEndpointAs: '将使用 {url}',
  settingsToken: '令牌',
  settingsTokenHint: '端点管理员为本单位发放的令牌，只保存在本机本用户下。',
  settingsSave: '保存',
  settingsCancel: '取消',
  settingsSaveFailed: '无法保存设置：{detail}',
  'endpoint.empty': '请填写端点地址。',
  'endpoint.invalid': '不是有效的网址（不能含用户名、查询参数或“#”）。',
  'endpoint.insecure': '端点必须使用 https（仅本机 localhost、127.0.0.1 可用 http）。',
  tokenRequired: '请填写令牌。',
} as const satisfies Record<HostErrorKeys, string> & Record<string, string>;

export type StringKey = keyof typeof zh;
export type Strings = Readonly<Record<StringKey, string>>;

const en: Strings = {
  appTitle: 'Performance targets',
  appTagline: 'Insert a standard declaration, check it cell by cell and see how to fix it.',

  insertHeading: 'Insert a declaration',
  formLabel: 'Form',
  formStandard: 'Standard form (this add-in)',
  formPinned: 'This form requires {profile}',
  'forms.endpoint': '{n} form(s) published by the finance bureau loaded.',
  'forms.cache': 'The endpoint cannot be reached: {n} form(s) saved at {time} are used.',
  'forms.built-in': 'The finance bureau’s forms could not be fetched; only the built-in forms are listed.',
  kindLabel: 'Kind of declaration',
  'kind.project': 'Project',
  'kind.department': 'Department (whole)',
  'kind.specialFund': 'Special fund',
  profileLabel: 'Indicator framework',
  'profileHelp.national2021':
    'The national framework from 2021: level-1 indicators cost, output, benefit and satisfaction (MoF 2021 No. 101).',
  'profileHelp.classic':
    'The common framework of 2015–2020: level-1 indicators output, benefit and satisfaction; cost sits under output.',
  'profileHelp.jiangsu': 'Jiangsu’s four goals: input and goal management, output, effect, influence.',
  'profileHelp.weightedDepartment':
    'Department-wide spending: common and specific indicators, each weighted, the weights summing to 100%.',
  yearLabel: 'Year',
  yearInvalid: 'Enter a whole year from {min} to {max}.',
  yearUp: 'Next year',
  yearDown: 'Previous year',
  insertButton: 'Insert',
  inserting: 'Inserting…',
  insertDone: 'Inserted the declaration ({kind}, {year}). Fill in the yellow cells, then select Validate.',
  declaredYear: '{kind} · {year} · {profile}',
  declaredNoYear: '{kind} · {profile}',
  insertAnother: 'Insert…',
  insertFold: 'Fold',
  reframeOpen: 'Change…',
  reframeOpenTitle: 'Change the indicator framework or the year',
  reframeApply: 'Apply',
  reframeHint:
    'Nothing you typed is lost; level-1 and level-2 names change to the new framework’s only if you agree.',
  reframeTitle: 'Rename indicators as the new framework writes them?',
  reframeMessage:
    'The new framework files these indicators elsewhere or spells them otherwise:\n{list}\nChoose “Keep names” to change only the framework and the year.',
  reframeRename: 'Rename',
  reframeKeep: 'Keep names',
  reframeItem: '{cell}: {from} → {to}',

  conflictTitle: 'Replace existing sheets?',
  conflictReplace: 'Replace',
  conflictCancel: 'Cancel',
  listSeparator: ', ',

  checkHeading: 'Check',
  validateButton: 'Validate',
  checking: 'Checking…',
  clearButton: 'Clear marks',
  clearing: 'Clearing…',
  insertRowButton: 'Insert row',
  insertingRow: 'Inserting…',
  rowInserted:
    'Inserted row {row} into the table “{table}”, with its format and dropdowns; the rows below moved down.',
  rowNotInTable:
    'First select a row of a table such as the indicators or the line items (or the table’s title row), then select Insert row: the new row goes below the selected one (at the table’s end from its title row).',
  liveLabel: 'Check as I type',

  verdictLabel: 'Result',
  'verdict.unchecked': 'Not checked yet',
  'verdict.valid': 'Valid',
  'verdict.warnings': 'Valid, with warnings: {n}',
  'verdict.invalid': 'Not valid, errors: {n}',
  'verdict.none': 'No declaration found',
  noDeclaration:
    'No declaration was found in this workbook. Insert one first, or open a workbook with a filled-in declaration.',

  findingsHeading: 'Findings',
  noFindings: 'No problems found.',
  'severity.error': 'Error',
  'severity.warning': 'Warning',
  'severity.info': 'Note',
  'group.error': 'Errors',
  'group.warning': 'Warnings',
  'group.info': 'Notes',
  'section.basic': 'Basic information',
  'section.texts': 'Overview and goals',
  'section.funds': 'Funds',
  'section.sources': 'Funding sources',
  'section.lineItems': 'Budget line items',
  'section.lastYear': 'Last year’s spending',
  'section.spendPlan': 'Spending plan',
  'section.indicators': 'Performance indicators',
  'section.projects': 'Project summary',
  groupCount: '{n}',
  sectionTitle: '{section} ({n})',
  showAll: 'Show all ({n})',
  colon: ': ',
  cellLabel: 'Cell',
  codeLabel: 'Code',
  noCell: 'no cell',
  expected: 'Expected',
  actual: 'Actual',
  difference: 'Difference',
  suggestion: 'Suggestion',
  suggestedValue: 'Type',

  'hostError.conflict':
    'The sheet “{sheets}” already has content. Replace it? Replacing deletes everything on that sheet.',
  'hostError.protected':
    'The sheet is protected. Unprotect it first (Review → Unprotect Sheet), then try again.',
  'hostError.editMode': 'A cell is being edited. Press Enter or Esc to finish editing, then try again.',
  'hostError.unsupported':
    'This version of Excel lacks a feature the add-in needs (ExcelApi 1.8 or later is required).',
  'hostError.unknown':
    'The operation could not be completed because of an unexpected error. Try again; if it keeps happening, send the details below to your administrator.',
  errorDetails: 'Details: {detail}',
  dismiss: 'Dismiss',

  renderError: 'The task pane ran into an error. Close the task pane and open it again.',

  submitHeading: 'Submit the declaration',
  submitButton: 'Submit',
  submitting: 'Submitting…',
  'submitHint.unchecked': 'Validate first; a declaration without errors can be submitted.',
  'submitHint.none': 'There is no declaration to submit.',
  'submitHint.errors': 'Fix the errors ({n}) before submitting.',
  'submitHint.settings': 'Enter the endpoint address and the token in the submission settings first.',
  'submitState.none': 'Not submitted yet.',
  'submitState.sending': 'Submitting…',
  'submitState.queued': 'Queued, will retry (attempt {n})',
  'submitState.submitted': 'Submitted',
  'submitState.changed': 'Changed since submitted',
  'submitState.failed': 'Submission refused',
  submitStateLabel: 'Submission status',
  outboxWaiting: 'Waiting to be sent ({n}): {names}. They go out when the endpoint can be reached.',
  delivered: 'Delivered: {name} ({receipt})',
  noName: '(no name)',
  goToUnit: 'Go to the unit (填报单位) cell',
  receipt: 'ID {id} · version {version} · {time} · hash {hash}',
  lastReceipt: 'Last submitted: {receipt}',
  confirmSubmitTitle: 'Submit with warnings?',
  confirmSubmitMessage:
    'The check found {n} warning(s). Warnings do not block submission, but make sure you have looked at each one.',
  confirmSubmit: 'Submit anyway',

  settingsButton: 'Submission settings',
  settingsTitle: 'Submission settings',
  settingsEndpoint: 'Endpoint address',
  settingsEndpointHint: 'Provided by the finance bureau, e.g. https://jixiao.example.gov.cn',
  settingsEndpointAs: 'Will use {url}',
  settingsToken: 'Token',
  settingsTokenHint:
    'The token your endpoint administrator issued to your unit; kept on this computer, for you only.',
  settingsSave: 'Save',
  settingsCancel: 'Cancel',
  settingsSaveFailed: 'The settings could not be saved: {detail}',
  'endpoint.empty': 'Enter the endpoint address.',
  'endpoint.invalid': 'Not a valid address (no user name, query or “#”).',
  'endpoint.insecure': 'The endpoint must use https (http only on localhost or 127.0.0.1, this computer).',
  tokenRequired: 'Enter the token.',
};

export const STRINGS: Readonly<Record<Lang, Strings>> = { zh, en };

export function t(lang: Lang): Strings {
  return STRINGS[lang];
}

/** Replace `{name}` tokens; a token without a value stays visible so a missing argument is noticed. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The `{name}` tokens of a template, for the consistency test. */
export function tokens(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** Shown before the language is known (Office has not loaded), so it carries both. */
export const OFFICE_REQUIRED = '请在 Excel 中打开此加载项 / Open this add-in from Excel';
