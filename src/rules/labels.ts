import type { Bilingual, DepartmentFunds } from '../model';

type FundKey = keyof DepartmentFunds;

/** The department funds as the forms label them. */
export const FUND_LABEL: Record<FundKey, Bilingual> = {
  incomeTotal: { zh: '收入合计', en: 'total income' },
  fiscal: { zh: '财政拨款', en: 'fiscal appropriations' },
  generalBudget: { zh: '一般公共预算', en: 'general public budget' },
  govFund: { zh: '政府性基金拨款', en: 'government fund appropriations' },
  specialAccountNonTax: { zh: '纳入专户管理的非税收入', en: 'non-tax income in special accounts' },
  budgetNonTax: { zh: '纳入预算管理的非税收入', en: 'non-tax income in the budget' },
  otherIncome: { zh: '其他资金', en: 'other funds' },
  expenseTotal: { zh: '支出合计', en: 'total expense' },
  basicTotal: { zh: '基本支出', en: 'basic expenditure' },
  wages: { zh: '工资福利支出', en: 'wages and benefits' },
  goods: { zh: '商品和服务支出', en: 'goods and services' },
  grants: { zh: '对个人和家庭的补助', en: 'grants to individuals and households' },
  projectTotal: { zh: '项目支出', en: 'project expenditure' },
  projOperation: { zh: '部门运转类', en: 'operating projects' },
  projLivelihood: { zh: '部门民生类', en: 'livelihood projects' },
  projSpecial: { zh: '专项资金类', en: 'special-fund projects' },
};

export const INCOME_PARTS = ['generalBudget', 'govFund', 'specialAccountNonTax', 'budgetNonTax'] as const;
export const BASIC_PARTS = ['wages', 'goods', 'grants'] as const;
export const PROJECT_PARTS = ['projOperation', 'projLivelihood', 'projSpecial'] as const;
export const INCOME_KEYS: readonly FundKey[] = ['fiscal', ...INCOME_PARTS, 'otherIncome'];
export const EXPENSE_KEYS: readonly FundKey[] = [
  'basicTotal',
  ...BASIC_PARTS,
  'projectTotal',
  ...PROJECT_PARTS,
];

export const SOURCE_LABEL = {
  total: { zh: '项目资金总额', en: 'total funding' },
  regular: { zh: '财政经常性拨款', en: 'regular fiscal appropriations' },
  special: { zh: '财政专项拨款', en: 'special fiscal appropriations' },
  budgetNonTax: { zh: '纳入预算管理的非税资金', en: 'non-tax funds in the budget' },
  specialAccountNonTax: { zh: '专户管理的非税资金', en: 'non-tax funds in special accounts' },
  govFund: { zh: '政府性基金', en: 'government funds' },
  superiorSubsidy: { zh: '上级补助收入', en: 'subsidies from above' },
  priorYears: { zh: '以前年度结转', en: 'carry-over from prior years' },
  priorYearsNonTax: { zh: '以前年度纳入预算管理的非税资金', en: "prior years' non-tax funds in the budget" },
  business: { zh: '事业收入', en: 'service income' },
  operating: { zh: '经营收入', en: 'operating income' },
  other: { zh: '其他收入', en: 'other income' },
} as const satisfies Record<string, Bilingual>;

export const FUNDING_LABEL = {
  total: { zh: '本年度预计投入', en: "this year's planned funding" },
  central: { zh: '中央', en: 'central' },
  provincial: { zh: '省级', en: 'provincial' },
  municipal: { zh: '市级', en: 'municipal' },
  local: { zh: '本级', en: 'local' },
  other: { zh: '其他', en: 'other' },
} as const satisfies Record<string, Bilingual>;

export const PROJECT_LABEL = {
  totalAmount: { zh: '项目总金额(万元)', en: 'project total' },
  yearAmount: { zh: '本年度项目金额(万元)', en: "this year's amount" },
  fiscalAmount: { zh: '财政资金', en: 'fiscal funds' },
  otherAmount: { zh: '其他资金', en: 'other funds' },
} as const satisfies Record<string, Bilingual>;

/**
 * English names of the fields a form may require, by model path (row numbers as `*`): English messages
 * name a field in English, with the form's own Chinese label in brackets to find it on the sheet.
 */
const FIELD_EN: Record<string, string> = {
  year: 'year',
  unit: 'reporting unit',
  unitCode: 'unit code',
  name: 'name',
  code: 'project code',
  department: 'supervising department',
  implementer: 'implementing unit',
  attribute: 'project attribute',
  type: 'project type',
  use: 'use of funds',
  procurement: 'government procurement',
  manager: 'person in charge',
  contact: 'contact person',
  phone: 'phone',
  startDate: 'planned start',
  endDate: 'planned end',
  totalAmount: 'project total',
  yearAmount: "this year's amount",
  preparer: 'preparer',
  head: 'head of unit',
  filedOn: 'date filed',
  annualGoal: 'annual performance goal',
  longTermGoal: 'long-term goal',
  'texts.overview': 'project overview',
  'texts.basis': 'basis for the project',
  'texts.plan': 'implementation plan',
  'texts.longTermGoal': 'overall goal',
  'texts.annualGoal': 'annual performance goal',
  'sources.total': 'total funding',
  'funding.total': "this year's planned funding",
  'funds.incomeTotal': 'total income',
  'funds.expenseTotal': 'total expense',
  'lineItems.*.name': 'line item name',
  'lineItems.*.amount': 'line item amount',
};

/** A field's English name by its model path; '' where there is none (a bureau's own field). */
export function fieldEn(path: string): string {
  return FIELD_EN[path.replace(/\.\d+\./g, '.*.')] ?? '';
}

/** The frameworks' 一级 and 二级 names, and the forms' section titles, in English. */
const TERM_EN: Record<string, string> = {
  成本指标: 'cost indicators',
  产出指标: 'output indicators',
  效益指标: 'benefit indicators',
  效果指标: 'effect indicators',
  满意度指标: 'satisfaction indicators',
  产出目标: 'output goals',
  效果目标: 'effect goals',
  影响力目标: 'influence goals',
  投入与目标管理: 'input and goal management',
  '内部管理（共性指标）': 'internal management (common indicators)',
  '部门综合履职（个性指标）': 'department duties (own indicators)',
  经济成本: 'economic cost',
  社会成本: 'social cost',
  生态环境成本: 'environmental cost',
  数量: 'quantity',
  质量: 'quality',
  时效: 'timeliness',
  成本: 'cost',
  经济效益: 'economic benefit',
  社会效益: 'social benefit',
  生态效益: 'ecological benefit',
  可持续影响: 'sustainable impact',
  服务对象满意度: 'beneficiary satisfaction',
  满意度: 'satisfaction',
  投入管理: 'input management',
  财务管理: 'financial management',
  项目管理: 'project management',
  资产管理: 'asset management',
  人员管理: 'staff management',
  长效管理: 'long-term management',
  信息共享: 'information sharing',
  其它: 'other',
  其他: 'other',
  绩效指标: 'performance indicators',
  '项目概算（预算明细）': 'line items (budget detail)',
  '项目资金来源（万元）': 'sources of funds (10k yuan)',
  上年度项目资金使用情况: "last year's use of funds",
  '资金支出计划（累计%）': 'spend plan (cumulative %)',
  项目支出绩效目标申报表: 'project expenditure performance target form',
  部门整体支出绩效目标申报表: 'department-wide expenditure performance target form',
  专项资金绩效目标申报表: 'special fund performance target form',
};

/** Every Chinese label with an English name: the tables above, by their Chinese text. */
let english: Map<string, string> | undefined;
function englishNames(): Map<string, string> {
  if (english) return english;
  english = new Map(Object.entries(TERM_EN));
  for (const table of [FUND_LABEL, SOURCE_LABEL, FUNDING_LABEL, PROJECT_LABEL] as Record<string, Bilingual>[])
    for (const { zh, en } of Object.values(table)) if (!english.has(zh)) english.set(zh, en);
  return english;
}

/** A form's label or a framework's term in English; '' where it has none (a bureau's own words). */
export function englishOf(zh: string): string {
  const text = zh.trim();
  const names = englishNames();
  const found = names.get(text) ?? names.get(text.replace(/[（(][^）)]*[）)]$/u, ''));
  if (found !== undefined) return found;
  // Forms write a category with or without 指标 (数量 / 数量指标): the name of the one is the other's.
  const stem = text.endsWith('指标') ? names.get(text.slice(0, -2)) : undefined;
  return stem ? `${stem} indicators` : '';
}

/**
 * A label as an English message names it: its English name with the form's own Chinese label in
 * brackets, to find it by on the sheet; quoted where it has no English name.
 */
export function named(zh: string, en: string = englishOf(zh)): string {
  return en ? `${en} (${zh})` : `“${zh}”`;
}

/** A sentence's first word: a named label may start it. */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A list of names ('、'-separated, as the rules join them), each named. */
export const namedList = (zhList: string): string =>
  zhList
    .split('、')
    .filter(Boolean)
    .map((x) => named(x))
    .join(', ');
