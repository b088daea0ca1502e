import * as fs from 'fs';
import * as path from 'path';
import { Declaration } from '../../src/model';
import type { Department, Indicator, Project, SpecialFund } from '../../src/model';
import { FIXTURE_DIR } from '../support/paths';

/**
 * The seed fixtures: every declaration in /work/shared/seeds rebuilt as model JSON, with the real numbers.
 * These tests pin the fixtures to the seeds so that rules tested against them test real sheets.
 */

const DIR = FIXTURE_DIR;
const TOL = 0.005;

const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const raw: Record<string, unknown> = Object.fromEntries(
  files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))]),
);

const parsed = (file: string): Declaration => Declaration.parse(raw[file]);
const department = (file: string): Department => {
  const d = parsed(file);
  if (d.kind !== 'department') throw new Error(`${file} is ${d.kind}`);
  return d;
};
const project = (file: string): Project => {
  const d = parsed(file);
  if (d.kind !== 'project') throw new Error(`${file} is ${d.kind}`);
  return d;
};
const specialFund = (file: string): SpecialFund => {
  const d = parsed(file);
  if (d.kind !== 'specialFund') throw new Error(`${file} is ${d.kind}`);
  return d;
};
const sum = (xs: Array<number | null>): number => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
const find = (inds: Indicator[], name: string): Indicator => {
  const hit = inds.find((i) => i.name === name);
  if (!hit) throw new Error(`no indicator ${name}`);
  return hit;
};

const EXPECTED = [
  'rugao-2021-department.json',
  'xinzhou-2020-department.json',
  'jiangyin-2020-1-public-legal-service.json',
  'jiangyin-2020-2-community-correction.json',
  'jiangyin-2020-3-legal-publicity.json',
  'laoting-2024-department.json',
  'laoting-2024-1-legal-construction.json',
  'laoting-2024-2-grassroots-transfer-matching.json',
  'laoting-2024-3-central-transfer.json',
  'laoting-2024-4-equipment.json',
  'laoting-2024-5-community-correction.json',
  'nanyue-2021-1-mediation-award.json',
  'nanyue-2021-2-community-correction-services.json',
  'nanyue-2021-3-legal-publicity.json',
  'nanyue-2021-4-legal-construction.json',
];

/** every indicator of a declaration, whatever table it sits in */
const allIndicators = (d: Declaration): Indicator[] =>
  d.kind === 'department' ? [...d.indicators, ...d.goals.flatMap((g) => g.indicators)] : d.indicators;

describe('seed fixtures: all files', () => {
  it('has at least the 15 declarations of the seeds', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of EXPECTED) expect(files).toContain(f);
  });

  it.each(files)('%s parses as a Declaration and is written out in full', (file) => {
    const d = Declaration.parse(raw[file]);
    // every field is written explicitly, so parsing adds no default and drops no unknown key
    expect(d).toEqual(raw[file]);
  });

  it.each(files)('%s keeps target values as text only', (file) => {
    for (const ind of allIndicators(parsed(file))) {
      expect(Object.keys(ind.target)).toEqual(['text']);
      expect(ind.target.text).not.toBe('');
      expect(ind.level1).not.toBe('');
      expect(ind.level2).not.toBe('');
      expect(ind.name).not.toBe('');
    }
  });

  it.each(files)('%s is formatted with 2-space indentation', (file) => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    expect(text).toBe(JSON.stringify(raw[file], null, 2) + '\n');
  });
});

describe('rugao 2021 department (weighted)', () => {
  const d = department('rugao-2021-department.json');

  it('has the header, staffing and funds of the seed', () => {
    expect(d).toMatchObject({
      profile: 'weightedDepartment',
      year: 2021,
      unit: '如皋市司法局',
      preparer: '刘辉',
      phone: '0513-87658148',
      head: '卢延林',
      filedOn: '2021.3.28',
    });
    expect(d.staffing).toEqual({ total: null, authorized: 97, actual: 51, retired: 51, other: 40 });
    expect(d.funds.incomeTotal).toBe(2120.08);
    expect(d.funds.generalBudget).toBe(2120.08);
    expect(d.funds.expenseTotal).toBe(2120.08);
    expect(d.funds.fiscal).toBeNull();
    expect(d.fundShares).toBeUndefined();
  });

  it('has funds whose totals hold', () => {
    const f = d.funds;
    expect(Math.abs(sum([f.wages, f.goods, f.grants]) - f.basicTotal!)).toBeLessThan(TOL); // 1501.59+77.85+138.64
    expect(f.basicTotal).toBe(1718.08);
    expect(sum([f.projOperation, f.projLivelihood, f.projSpecial])).toBe(402);
    expect(Math.abs(sum([f.basicTotal, f.projectTotal]) - f.expenseTotal!)).toBeLessThan(TOL);
    expect(f.incomeTotal).toBe(f.expenseTotal);
  });

  it('has 18 weighted indicators that sum to 100', () => {
    expect(d.indicators).toHaveLength(18);
    expect(d.indicators.every((i) => typeof i.weight === 'number')).toBe(true);
    expect(Math.abs(sum(d.indicators.map((i) => i.weight)) - 100)).toBeLessThan(TOL);
    const internal = d.indicators.filter((i) => i.level1 === '内部管理（共性指标）');
    const own = d.indicators.filter((i) => i.level1 === '部门综合履职（个性指标）');
    expect(internal).toHaveLength(14);
    expect(sum(internal.map((i) => i.weight))).toBe(60);
    expect(own.map((i) => i.level2)).toEqual([
      '推进公共法律服务全覆盖',
      '社区矫正规范执法',
      '强化“大普法”工作格局',
      '非诉纠纷调解机制建设',
    ]);
    expect(sum(own.map((i) => i.weight))).toBe(40);
  });

  it('keeps the real target texts', () => {
    expect(find(d.indicators, '预算执行率').target.text).toBe('> 90%');
    expect(find(d.indicators, '政府采购合规性').weight).toBe(8);
    expect(find(d.indicators, '法律援助案件量与常住人口比率').target.text).toBe('万分之十以上');
    expect(find(d.indicators, '社区服刑人员当年重新犯罪率').target.text).toBe('0');
    expect(find(d.indicators, '建成1+14+7+N非诉纠纷调解机制').basis).toBe('建立非诉纠纷化解受理平台');
  });

  it('has the project summary: 12 own projects summing to 项目支出, and one managed', () => {
    const own = d.projects.filter((p) => p.category === 'own');
    const managed = d.projects.filter((p) => p.category === 'managed');
    expect(own).toHaveLength(12);
    expect(managed).toHaveLength(1);
    expect(Math.abs(sum(own.map((p) => p.total)) - d.funds.projectTotal!)).toBeLessThan(TOL);
    for (const p of own) expect(p.publicBudget).toBe(p.total);
    expect(own.find((p) => p.name === '普法宣传')!.total).toBe(42.6);
    expect(own.find((p) => p.name === '村(社区)法律顾问')!.total).toBe(69.4);
    expect(managed[0]).toMatchObject({ name: '省政法专项转移支付资金', total: 245, specialAccount: 245 });
    for (const p of d.projects) {
      const parts = sum([p.publicBudget, p.govFundBudget, p.transfer, p.specialAccount]);
      expect(Math.abs(parts - p.total!)).toBeLessThan(TOL);
      expect(p.period).toBe('2021年1月至12月');
    }
  });
});

describe('xinzhou 2020 department (classic, shares and history)', () => {
  const d = department('xinzhou-2020-department.json');

  it('has the funds, shares and the two previous years', () => {
    expect(d.unit).toBe('武汉市新洲区司法局');
    expect(d.preparer).toBe('蔡娟');
    expect(d.phone).toBe('027-86921740');
    expect(d.funds).toMatchObject({
      fiscal: 1801.88,
      otherIncome: 82,
      incomeTotal: 1883.88,
      basicTotal: 1366.49,
      projectTotal: 517.39,
      expenseTotal: 1883.88,
    });
    expect(d.fundShares!.fiscal).toBe(95.65);
    expect(d.fundShares).toMatchObject({
      otherIncome: 4.35,
      incomeTotal: 100,
      basicTotal: 72.54,
      projectTotal: 27.46,
      expenseTotal: 100,
      wages: null,
    });
    expect(d.fundHistory.map((h) => h.year)).toEqual([2019, 2018]);
    expect(d.fundHistory[0].funds.fiscal).toBe(1571.25);
    expect(d.fundHistory[1].funds.basicTotal).toBe(1227.79);
  });

  it('has totals that hold in every year and shares that are part / total to two decimals', () => {
    for (const f of [d.funds, ...d.fundHistory.map((h) => h.funds)]) {
      expect(Math.abs(sum([f.fiscal, f.otherIncome]) - f.incomeTotal!)).toBeLessThan(TOL);
      expect(Math.abs(sum([f.basicTotal, f.projectTotal]) - f.expenseTotal!)).toBeLessThan(TOL);
      expect(f.incomeTotal).toBe(f.expenseTotal);
    }
    const f = d.funds;
    const s = d.fundShares!;
    for (const [part, total] of [
      ['fiscal', 'incomeTotal'],
      ['otherIncome', 'incomeTotal'],
      ['basicTotal', 'expenseTotal'],
      ['projectTotal', 'expenseTotal'],
    ] as const) {
      expect(Math.abs((f[part]! / f[total]!) * 100 - s[part]!)).toBeLessThan(TOL);
    }
  });

  it('has three long-term and three annual goals with their indicator tables', () => {
    expect(d.goals.map((g) => g.term)).toEqual(['long', 'long', 'long', 'annual', 'annual', 'annual']);
    expect(d.goals[0].title).toBe('全力维护社会和谐稳定');
    expect(d.goals.map((g) => g.indicators.length)).toEqual([6, 4, 4, 5, 4, 3]);
    expect(find(d.goals[1].indicators, '打造街镇公共法律服务实体平台示范点').target.text).toBe('1-2个');
    expect(find(d.goals[2].indicators, '全区公务员无纸化学法考法').target.text).toBe(
      '参考率98%以上，优秀率90%以上',
    );
  });

  it('puts the shifted rows in their real columns, with history oldest first', () => {
    const stable = find(d.goals[3].indicators, '维护社会稳定');
    expect(stable).toMatchObject({ level1: '效益指标', level2: '社会效益指标', basis: '历史标准' });
    expect(stable.target.text).toBe('100%');
    const fast = find(d.goals[4].indicators, '刑事速裁认罪认罚案件数');
    expect(fast).toMatchObject({ level1: '产出指标', level2: '数量指标', basis: '历史标准' });
    expect(fast.target.text).toBe('300件');
    expect(fast.history).toEqual([
      { year: 2018, text: '300件' },
      { year: 2019, text: '500件' },
    ]);
    expect(find(d.goals[4].indicators, '法律援助案件数').history.map((h) => h.text)).toEqual([
      '173件',
      '376件',
    ]);
    expect(find(d.goals[5].indicators, '法律知识宣传覆盖面').target.text).toBe('70%');
    for (const g of d.goals) {
      for (const i of g.indicators) expect(i.history).toHaveLength(g.term === 'annual' ? 2 : 0);
    }
  });
});

describe('jiangyin 2020 projects (江苏 four goals)', () => {
  const cases = [
    ['jiangyin-2020-1-public-legal-service.json', 148, 9],
    ['jiangyin-2020-2-community-correction.json', 178.9, 12],
    ['jiangyin-2020-3-legal-publicity.json', 80, 11],
  ] as const;

  it.each(cases)('%s: line items, sources and total agree (%d)', (file, total, items) => {
    const p = project(file);
    expect(p.profile).toBe('jiangsu');
    expect(p.totalAmount).toBe(total);
    expect(p.yearAmount).toBe(total);
    expect(p.lineItems).toHaveLength(items);
    expect(Math.abs(sum(p.lineItems.map((l) => l.amount)) - total)).toBeLessThan(TOL);
    expect(p.sources.total).toBe(total);
    expect(p.sources.special).toBe(total);
    const parts = Object.entries(p.sources).filter(([k]) => k !== 'total');
    expect(Math.abs(sum(parts.map(([, v]) => v)) - total)).toBeLessThan(TOL);
    expect(p.startDate).toBe('2020-01-01');
    expect(p.endDate).toBe('2020-12-31');
    const ly = p.lastYear;
    expect(Math.abs(ly.budget! - ly.used! - ly.balance!)).toBeLessThan(TOL);
    expect(new Set(p.indicators.map((i) => i.level1))).toEqual(
      new Set(['投入与目标管理', '产出目标', '效果目标', '影响力目标']),
    );
  });

  it('project 1 keeps its explicit zeros and last year as printed', () => {
    const p = project('jiangyin-2020-1-public-legal-service.json');
    expect(p.manager).toBe('高峰');
    expect(p.lastYear).toEqual({ budget: 149.7, used: 149.7, balance: 0, usageRate: 100, progress: 100 });
    expect(p.sources.regular).toBe(0);
    // 以前年度纳入预算管理的非税资金, which is not 以前年度结转
    expect(p.sources.priorYearsNonTax).toBe(0);
    expect(p.sources.priorYears).toBeNull();
    expect(p.sources.other).toBe(0);
    expect(find(p.indicators, '调解员人均调解案件数').target.text).toBe('≥16件');
    const late = p.indicators.find((i) => i.name.startsWith('因调解工作不及时'))!;
    expect(late).toMatchObject({ level1: '产出目标', level2: '时效', basis: '省厅绩效评价标准' });
    expect(late.target.text).toBe('未发生');
    expect(p.texts.longTermGoal).not.toContain('<input');
  });

  it('project 2: line items sum to 178.9, blanks are null, first rows carry 投入与目标管理', () => {
    const p = project('jiangyin-2020-2-community-correction.json');
    expect(Math.abs(sum(p.lineItems.map((l) => l.amount)) - 178.9)).toBeLessThan(TOL);
    expect(p.lastYear).toEqual({
      budget: 157.98,
      used: 157.67,
      balance: 0.31,
      usageRate: 99.8,
      progress: 100,
    });
    expect(p.sources.regular).toBeNull();
    expect(p.sources.other).toBeNull();
    expect(p.indicators[0]).toMatchObject({
      level1: '投入与目标管理',
      level2: '投入管理',
      name: '资金调整率',
    });
    expect(p.indicators[0].target.text).toBe('≤10%');
    expect(find(p.indicators, '专职社会工作者配比').target.text).toBe('1: 15');
    expect(find(p.indicators, '上门服务戒毒后期照管对象回访及时性').level2).toBe('时效');
  });

  it('project 3: last year 75/75 and targets as typed', () => {
    const p = project('jiangyin-2020-3-legal-publicity.json');
    expect(p.lastYear).toEqual({ budget: 75, used: 75, balance: 0, usageRate: 100, progress: 100 });
    expect(find(p.indicators, '法治江阴实事工程').target.text).toBe('10');
    expect(find(p.indicators, '法治建设满意度').target.text).toBe('≥90%');
  });
});

describe('laoting 2024 (department text, 5 projects)', () => {
  it('department has the three text blocks and no money', () => {
    const d = department('laoting-2024-department.json');
    expect(d.unit).toBe('乐亭县司法局');
    expect(d.texts.annualGoal.startsWith('贯彻落实国家司法行政工作方针政策')).toBe(true);
    expect(d.texts.strategy.startsWith('(1).普法宣传：进一步推进普法')).toBe(true);
    expect(d.texts.policies.startsWith('(1).普法宣传：落实普法责任制')).toBe(true);
    expect(d.texts.policies).not.toContain('bookmark');
    expect(Object.values(d.funds).every((v) => v === null)).toBe(true);
    expect(d.goals).toEqual([]);
    expect(d.indicators).toEqual([]);
  });

  const cases = [
    ['laoting-2024-1-legal-construction.json', '13022524P000R2410016N', 3],
    ['laoting-2024-2-grassroots-transfer-matching.json', '13022524P000R2410017A', 5],
    ['laoting-2024-3-central-transfer.json', '13022524P000R2410018X', 22],
    ['laoting-2024-4-equipment.json', '13022524P00P64X10003L', 18],
    ['laoting-2024-5-community-correction.json', '13022524P00Q70710007K', 2.42],
  ] as const;

  it.each(cases)('%s: code %s, budget %d, spend plan', (file, code, amount) => {
    const p = project(file);
    expect(p.unit).toBe('乐亭县司法局本级');
    expect(p.unitCode).toBe('315001');
    expect(p.code).toBe(code);
    expect(p.totalAmount).toBe(amount);
    expect(p.yearAmount).toBe(amount);
    expect(p.fiscalAmount).toBe(amount);
    expect(p.otherAmount).toBeNull();
    expect(p.spendPlan).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
    expect(p.texts.overview).not.toBe('');
    expect(p.texts.annualGoal.startsWith('1.')).toBe(true);
    for (const i of p.indicators) expect(i.description).toBe(i.name);
    expect(find(p.indicators, '控制在预算内').level2).toBe('成本指标');
    expect(find(p.indicators, '服务对象满意度').target.text).toBe('≥95%');
  });

  it('keeps the unit inside the indicator name and the 6-column values', () => {
    const p = project('laoting-2024-5-community-correction.json');
    expect(find(p.indicators, '社区矫正人数(人）').target.text).toBe('≥150人');
    expect(project('laoting-2024-1-legal-construction.json').texts.overview).toBe(
      '用于法制建设等日常办案费用',
    );
    expect(find(project('laoting-2024-4-equipment.json').indicators, '办公设备购置').target.text).toBe(
      '≥500个',
    );
  });
});

describe('nanyue 2021 special funds', () => {
  const cases = [
    ['nanyue-2021-1-mediation-award.json', '人民调解“以奖代补”', 10, '“以奖代补”', '≤10万元'],
    [
      'nanyue-2021-2-community-correction-services.json',
      '社区矫正购买社会服务',
      28,
      '社会矫正购买社会服务',
      '≤28万元',
    ],
    ['nanyue-2021-3-legal-publicity.json', '普法工作经费', 11, '普法工作经费', '=11万元'],
    ['nanyue-2021-4-legal-construction.json', '法制建设', 24, '法制建设', '=24万元'],
  ] as const;

  it.each(cases)('%s: %s, %d 万元 from 本级, cost indicator %s %s', (file, name, total, costName, cost) => {
    const f = specialFund(file);
    expect(f).toMatchObject({
      name,
      head: '何文利',
      unit: '',
      attribute: '延续',
      department: '南岳区司法局',
      period: '2021年1-12月',
      contact: '陈娟18873490503',
      notes: '',
    });
    expect(f.funding).toEqual({
      total,
      central: null,
      provincial: null,
      municipal: null,
      local: total,
      other: null,
    });
    const parts = Object.entries(f.funding).filter(([k]) => k !== 'total');
    expect(Math.abs(sum(parts.map(([, v]) => v)) - total)).toBeLessThan(TOL);
    const c = find(f.indicators, costName);
    expect(c.level2).toBe('成本指标');
    expect(c.target.text).toBe(cost);
    expect(new Set(f.indicators.map((i) => i.level1))).toEqual(new Set(['产出指标', '效益指标']));
  });

  it('fund 2 has total 28 and keeps qualitative targets as written', () => {
    const f = specialFund('nanyue-2021-2-community-correction-services.json');
    expect(f.funding.total).toBe(28);
    expect(f.manager).toBe('刘远征');
    expect(find(f.indicators, '着力维护社会稳定').target.text).toBe('社会安定');
    const f1 = specialFund('nanyue-2021-1-mediation-award.json');
    expect(find(f1.indicators, '对调解员进行培训').target.text).toBe('≥200人/次');
    expect(find(f1.indicators, '按工作计划').target.text).toBe('=1年');
    expect(find(f1.indicators, '推进社会治理创新，维护社会和谐稳定').target.text).toBe('有明显进步');
    const f3 = specialFund('nanyue-2021-3-legal-publicity.json');
    expect(find(f3.indicators, '按工作计划').target.text).toBe('一年');
    expect(find(f3.indicators, '深化普法依法治理，营造良好法治环境').level2).toBe('环境效益');
    const f4 = specialFund('nanyue-2021-4-legal-construction.json');
    expect(find(f4.indicators, '规范文件备案登记率').target.text).toBe('=100%');
    expect(f4.indicators).toHaveLength(12);
  });
});
