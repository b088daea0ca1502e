import {
  Declaration,
  type Department,
  Indicator,
  type Project,
  type ProfileId,
  type SpecialFund,
} from '../../src/model';
import { getProfile } from '../../src/profiles';
import type { FindingCode } from '../../src/rules/catalog';
import type { Draft, Rule } from '../../src/rules/draft';
import { hydrate } from '../../src/rules/validate';
import { fixture } from '../support/helpers';

/** [一级, 二级, 三级, 指标值, 权重?] as the seed tables have them. */
type Row = [string, string, string, string, number?];

/** Parsed rows, so that a test can push them into a parsed declaration. */
export const rows = (list: Row[]): Indicator[] =>
  list.map(([level1, level2, name, text, weight]) =>
    Indicator.parse({ level1, level2, name, target: { text }, weight: weight ?? null }),
  );

function as<K extends Declaration['kind']>(kind: K, input: unknown): Extract<Declaration, { kind: K }> {
  const d = Declaration.parse(input);
  if (d.kind !== kind) throw new Error(`expected ${kind}`);
  return d as Extract<Declaration, { kind: K }>;
}

/** 江阴 2020 project 1 (jiangsu framework), with a representative part of its indicator table. */
export function jiangyin1(mut?: (d: Project) => void): Project {
  const d = as('project', {
    kind: 'project',
    profile: 'jiangsu',
    year: 2020,
    name: '公共法律服务与人民参与促进法治经费',
    manager: '高峰',
    contact: '陈知侠',
    phone: '86862138',
    startDate: '2020-01-01',
    endDate: '2020-12-31',
    totalAmount: 148,
    yearAmount: 148,
    texts: {
      annualGoal: '95%以上矛盾纠纷化解在乡镇(街道)、村(社区)…',
      overview: '人民调解…',
      plan: '业务计划…',
    },
    indicators: rows([
      ['投入与目标管理', '投入管理', '预算执行率', '≥90%'],
      ['投入与目标管理', '财务管理', '财务管理制度健全性', '健全'],
      ['产出目标', '数量', '调解员人均调解案件数', '≥16件'],
      ['产出目标', '质量', '矛盾纠纷调解率', '100%'],
      ['产出目标', '时效', '固定值班时间完成率', '100%'],
      ['效果目标', '社会效益', '化解各类矛盾纠纷', '维护社会和谐稳定'],
      ['效果目标', '社会效益', '服务人次增长率', '2%'],
      ['效果目标', '满意度', '人民调解工作满意度', '≥95%'],
      ['影响力目标', '长效管理', '长效管理机制健全性', '健全'],
    ]),
    lastYear: { budget: 149.7, used: 149.7, balance: 0, usageRate: 100, progress: 100 },
    sources: {
      total: 148,
      regular: 0,
      special: 148,
      budgetNonTax: 0,
      specialAccountNonTax: 0,
      govFund: 0,
      superiorSubsidy: 0,
      priorYears: 0,
      business: 0,
      operating: 0,
      other: 0,
    },
    lineItems: [
      ['调解员培训费', 6],
      ['基层法律服务管理工作经费', 8],
      ['江阴市大学生创业园值班补贴', 1.3],
      ['律师参与市领导信访接待补贴', 1],
      ['律师公益法律服务活动补贴', 4.4],
      ['人民调解个案补贴经费', 120],
      ['人民调解和行政调解工作经费', 2],
      ['市12348公共法律热线平台话务坐席值班补贴', 2.8],
      ['市公共法律服务中心值班补贴', 2.5],
    ].map(([name, amount]) => ({ name, amount })),
  });
  mut?.(d);
  return d;
}

/** 江阴 2020 project 2's last-year block: 157.98 planned, 157.67 used, 0.31 left, 99.8%. */
export const jiangyin2LastYear = (mut?: (d: Project) => void) =>
  jiangyin1((d) => {
    d.lastYear = { budget: 157.98, used: 157.67, balance: 0.31, usageRate: 99.8, progress: 100 };
    mut?.(d);
  });

/** 乐亭 2024 project 1 (法制建设): classic framework, quarterly spend plan, 控制在预算内 under 成本指标. */
export function laoting1(mut?: (d: Project) => void): Project {
  const d = as('project', {
    kind: 'project',
    profile: 'classic',
    year: 2024,
    unit: '乐亭县司法局本级',
    unitCode: '315001',
    name: '法制建设',
    code: '13022524P000R2410016N',
    totalAmount: 3,
    yearAmount: 3,
    fiscalAmount: 3,
    texts: { overview: '用于法制建设等日常办案费用', annualGoal: '1.完成县政府交办的各项事务，维护社会稳定' },
    indicators: rows([
      ['产出指标', '数量指标', '开展行政执法培训', '≥6次'],
      ['产出指标', '时效指标', '及时完成', '及时完成'],
      ['产出指标', '成本指标', '控制在预算内', '控制在预算内'],
      ['效益指标', '社会效益指标', '维护社会稳定', '明显提升'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥95%'],
    ]),
    spendPlan: { mar: 25, jun: 50, oct: 75, dec: 100 },
  });
  mut?.(d);
  return d;
}

/** 南岳 2021 special funds: 以奖代补 10, 社区矫正 28, 普法 11, 法制建设 24, each with a cost indicator. */
export function nanyue(amount = 10, cost = '≤10万元', mut?: (d: SpecialFund) => void): SpecialFund {
  const d = as('specialFund', {
    kind: 'specialFund',
    profile: 'classic',
    year: 2021,
    head: '何文利',
    name: '人民调解“以奖代补”',
    attribute: '延续',
    department: '南岳区司法局',
    period: '2021年1-12月',
    manager: '刘远征',
    contact: '陈娟18873490503',
    annualGoal: '做到依法调解、及时调解…',
    funding: { total: amount, local: amount },
    indicators: rows([
      ['产出指标', '数量指标', '调处各类民间纠纷', '≥389件'],
      ['产出指标', '数量指标', '对调解员进行培训', '≥200人/次'],
      ['产出指标', '质量指标', '调解员业务培训率', '=100%'],
      ['产出指标', '时效指标', '按工作计划', '=1年'],
      ['产出指标', '成本指标', '“以奖代补”', cost],
      ['效益指标', '社会效益', '推进社会治理创新，维护社会和谐稳定', '有明显进步'],
      ['效益指标', '可持续影响指标', '着力服务经济民生，有助于维护社会的长治久安', '有明显帮助'],
      ['效益指标', '满意度指标', '社会群众满意度', '≥98%'],
    ]),
  });
  mut?.(d);
  return d;
}

const xinzhouFunds = (income: number, fiscal: number, other: number, basic: number, project: number) => ({
  incomeTotal: income,
  fiscal,
  otherIncome: other,
  expenseTotal: income,
  basicTotal: basic,
  projectTotal: project,
});

/** 新洲 2020 department: funds with shares and two prior years, and goal tables (classic framework). */
export function xinzhou(mut?: (d: Department) => void): Department {
  const d = as('department', {
    kind: 'department',
    profile: 'classic',
    year: 2020,
    unit: '武汉市新洲区司法局',
    preparer: '蔡娟',
    phone: '027-86921740',
    funds: xinzhouFunds(1883.88, 1801.88, 82, 1366.49, 517.39),
    fundShares: {
      incomeTotal: 100,
      fiscal: 95.65,
      otherIncome: 4.35,
      expenseTotal: 100,
      basicTotal: 72.54,
      projectTotal: 27.46,
    },
    fundHistory: [
      { year: 2019, funds: xinzhouFunds(1633.25, 1571.25, 62, 1190, 443.25) },
      { year: 2018, funds: xinzhouFunds(1622.79, 1560.79, 62, 1227.79, 395) },
    ],
    texts: {},
    goals: [
      {
        term: 'long',
        title: '全力维护社会和谐稳定',
        indicators: rows([
          ['产出指标', '质量指标', '调解成功率', '>96%'],
          ['效益指标', '服务对象满意度指标', '人民调解对象满意率', '>80%'],
          ['效益指标', '社会效益指标', '法治政府建设', '100%'],
        ]),
      },
      {
        term: 'long',
        title: '全力提升法律服务质量',
        indicators: rows([
          ['产出指标', '数量指标', '打造街镇公共法律服务实体平台示范点', '1-2个'],
          ['产出指标', '数量指标', '法律援助案件', '300件'],
        ]),
      },
      {
        term: 'annual',
        title: '在全区营造尊法学法守法用法浓厚氛围…',
        indicators: rows([
          ['产出指标', '质量指标', '无纸化学法用法考试参考率', '>98%'],
          ['产出指标', '质量指标', '法律知识宣传覆盖面', '70%'],
        ]),
      },
    ],
  });
  mut?.(d);
  return d;
}

/** 如皋 2021 department: funds tree, project summary, weighted indicator table summing to 100%. */
export function rugao(mut?: (d: Department) => void): Department {
  const own = (name: string, total: number) => ({ name, total, publicBudget: total });
  const d = as('department', {
    kind: 'department',
    profile: 'weightedDepartment',
    year: 2021,
    unit: '如皋市司法局',
    filedOn: '2021.3.28',
    staffing: { authorized: 97, actual: 51, retired: 51, other: 40 },
    funds: {
      incomeTotal: 2120.08,
      generalBudget: 2120.08,
      expenseTotal: 2120.08,
      basicTotal: 1718.08,
      wages: 1501.59,
      goods: 77.85,
      grants: 138.64,
      projectTotal: 402,
      projOperation: 55,
      projLivelihood: 347,
    },
    texts: {},
    indicators: rows([
      ['内部管理（共性指标）', '财务管理', '内部控制制度建设健全性', '健全', 3],
      ['内部管理（共性指标）', '财务管理', '预算执行率', '> 90%', 3],
      ['内部管理（共性指标）', '财务管理', '资金使用合规性', '合规', 6],
      ['内部管理（共性指标）', '财务管理', '预算支出序时进度合理性', '合理', 2],
      ['内部管理（共性指标）', '财务管理', '项目管理办法健全性', '健全', 6],
      ['内部管理（共性指标）', '财务管理', '“三公”经费控制情况', '合理', 4],
      ['内部管理（共性指标）', '财务管理', '“一般性支出”控制情况', '合理', 4],
      ['内部管理（共性指标）', '财务管理', '政府采购合规性', '合规', 8],
      ['内部管理（共性指标）', '人员管理', '人事管理制度健全性', '健全', 3],
      ['内部管理（共性指标）', '人员管理', '人员配置合规性', '合规', 5],
      ['内部管理（共性指标）', '资产管理', '资产管理制度健全性', '健全', 4],
      ['内部管理（共性指标）', '资产管理', '资产管理执行规范性', '规范', 1],
      ['内部管理（共性指标）', '其他', '预决算信息公开情况', '公开', 10],
      ['内部管理（共性指标）', '其他', '满意度指标', '> 90%', 1],
      [
        '部门综合履职（个性指标）',
        '推进公共法律服务全覆盖',
        '法律援助案件量与常住人口比率',
        '万分之十以上',
        10,
      ],
      ['部门综合履职（个性指标）', '社区矫正规范执法', '社区服刑人员当年重新犯罪率', '0', 10],
      [
        '部门综合履职（个性指标）',
        '强化“大普法”工作格局',
        '“谁执法谁普法”普法责任制联席会议成员单位100%履职评议',
        '100%',
        10,
      ],
      ['部门综合履职（个性指标）', '非诉纠纷调解机制建设', '建成1+14+7+N非诉纠纷调解机制', '100%', 10],
    ]),
    projects: [
      own('依法治市', 27),
      own('社矫安帮', 20),
      own('专业社工', 61),
      own('矛盾调处', 10),
      own('人民调解', 6),
      own('调解员个案补贴', 10),
      own('政府法律顾问', 40),
      own('法治政府建设（含购买法律服务）', 51),
      own('普法宣传', 42.6),
      own('村(社区)法律顾问', 69.4),
      own('法律援助', 50),
      own('驻检值班律师', 15),
      { category: 'managed', name: '省政法专项转移支付资金', total: 245, specialAccount: 245 },
    ],
  });
  mut?.(d);
  return d;
}

/** Runs one rule the way validate() does: on the hydrated model, with the declaration's framework. */
export function run(rule: Rule, decl: Declaration, profile?: ProfileId): Draft[] {
  return rule(hydrate(decl), { profile: getProfile(profile ?? decl.profile) });
}

export const ofCode = (drafts: Draft[], code: FindingCode): Draft[] => drafts.filter((d) => d.code === code);
export const codes = (drafts: Draft[]): string[] => drafts.map((d) => d.code);

/** Fails unless the draft has the code; narrows it to that code, so that its params are typed. */
export function expectCode<C extends FindingCode>(
  d: Draft | undefined,
  code: C,
): asserts d is Extract<Draft, { code: C }> {
  expect(d?.code).toBe(code);
}

/** The whole 新洲 declaration as its fixture has it (`xinzhou` above keeps a part of its tables). */
export function wholeXinzhou(mut?: (d: Department) => void): Department {
  const d = structuredClone(fixture('xinzhou-2020-department'));
  if (d.kind !== 'department') throw new Error('expected department');
  mut?.(d);
  return d;
}
