import { checkDeclaration, checkWorkbook, type WorkbookCheck } from '../../src/app/check';
import { BUILTIN } from '../../src/forms';
import { parseA1 } from '../../src/layouts/plan';
import { readWorkbookFile } from '../../src/io/xlsx';
import type { Declaration, Department, Indicator, Project, SpecialFund } from '../../src/model';
import { fixture } from '../support/helpers';
import { original, type OriginalName } from '../support/originals';

/**
 * The six regional forms read their declarations from workbooks shaped like the originals (rebuilt from the
 * seeds with the shared tool), without a stamp: each is found by its title and labels, and read with the
 * seeds' real numbers, the same content as the hand-made fixtures and the same findings.
 */

const checks = new Map<OriginalName, WorkbookCheck[]>();
async function read(name: OriginalName): Promise<WorkbookCheck[]> {
  let c = checks.get(name);
  if (!c) {
    c = checkWorkbook(await readWorkbookFile(original(name)));
    checks.set(name, c);
  }
  return c;
}

const sum = (xs: (number | null | undefined)[]) =>
  Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 100) / 100;
const codes = (c: { findings: { code: string; severity: string }[] }) =>
  c.findings.map((f) => `${f.severity}:${f.code}`).sort();
const project = (c: WorkbookCheck): Project => {
  if (c.declaration.kind !== 'project') throw new Error(`${c.declaration.kind}, not a project`);
  return c.declaration;
};
const fund = (c: WorkbookCheck): SpecialFund => {
  if (c.declaration.kind !== 'specialFund') throw new Error(`${c.declaration.kind}, not a special fund`);
  return c.declaration;
};
const dept = (c: WorkbookCheck): Department => {
  if (c.declaration.kind !== 'department') throw new Error(`${c.declaration.kind}, not a department`);
  return c.declaration;
};
const ind = (list: Indicator[], name: string): Indicator => {
  const hit = list.find((i) => i.name === name);
  if (!hit) throw new Error(`no indicator ${name}`);
  return hit;
};

/**
 * The content as the fixture states it, compared the way the shared tool writes cells: it drops what looks
 * like an HTML tag (`<江苏省…办法>` in a document title) and keeps line breaks as typed; blanks do not count.
 */
function comparable(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/<[^>]*>/g, '').replace(/\s+/g, '');
  if (Array.isArray(v)) return v.map(comparable);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'form' && k !== 'reading')
        .map(([k, x]) => [k, comparable(x)]),
    );
  return v;
}

function expectFixture(
  c: WorkbookCheck,
  name: string,
  except: (d: Declaration) => void = () => undefined,
): void {
  const want = structuredClone(fixture(name));
  except(want);
  expect(comparable(c.declaration)).toEqual(comparable(want));
  // No false finding: the same findings as the fixture's own check, under the form it was read with.
  expect(codes(c)).toEqual(codes(checkDeclaration(want, { form: c.form })));
}

describe('江阴 2020: three project sheets', () => {
  const FIXTURES = [
    'jiangyin-2020-1-public-legal-service',
    'jiangyin-2020-2-community-correction',
    'jiangyin-2020-3-legal-publicity',
  ];

  it('finds one declaration per sheet, with the 江阴 form, and no missing section', async () => {
    const c = await read('jiangyin');
    expect(c.map((x) => [x.sheet, x.form.id])).toEqual([
      ['1', 'jiangyin-2020-project'],
      ['2', 'jiangyin-2020-project'],
      ['3', 'jiangyin-2020-project'],
    ]);
    for (const x of c) expect(x.findings.filter((f) => f.code === 'LAYOUT_SECTION_MISSING')).toEqual([]);
  });

  it('reads the real numbers: 148 / 178.9 / 80 万元, each the sum of its line items and its sources', async () => {
    const [p1, p2, p3] = (await read('jiangyin')).map(project);
    expect([p1.totalAmount, p2.totalAmount, p3.totalAmount]).toEqual([148, 178.9, 80]);
    expect(p1.lineItems).toHaveLength(9);
    expect(sum(p1.lineItems.map((l) => l.amount))).toBe(148);
    expect(sum(p2.lineItems.map((l) => l.amount))).toBe(178.9);
    expect(p1.sources).toMatchObject({ total: 148, special: 148, regular: 0, priorYearsNonTax: 0 });
    // 以前年度纳入预算管理的非税资金 is its own source, not 以前年度结转
    expect(p1.sources.priorYears).toBeNull();
    expect(p2.lastYear).toEqual({
      budget: 157.98,
      used: 157.67,
      balance: 0.31,
      usageRate: 99.8,
      progress: 100,
    });
    expect(p1.year).toBe(2020);
    expect(p1.indicators).toHaveLength(20);
    // The row whose first two cells were merged away: its name, target and basis land where they belong.
    const late = ind(
      p1.indicators,
      '因调解工作不及时、不到位导致民间纠纷转化为治安案件、刑事案件、民商事案件',
    );
    expect(late).toMatchObject({ level1: '产出目标', level2: '时效', target: { text: '未发生' } });
    // 一级 printed in the middle of its merged cell: the rows above it belong to it too.
    expect(p2.indicators.slice(0, 4).map((i) => i.level1)).toEqual(Array(4).fill('投入与目标管理'));
  });

  it.each(FIXTURES.map((f, i) => [f, i] as const))(
    '%s: the fixture, with its own findings',
    async (name, i) => {
      expectFixture((await read('jiangyin'))[i], name);
    },
  );

  it('reads the same three when they stand one under another in one sheet', async () => {
    const c = await read('jiangyinStacked');
    expect(c.map((x) => project(x).name)).toEqual([
      '公共法律服务与人民参与促进法治经费',
      '社区矫正帮教安置工作经费',
      '普法与依法治市工作经费',
    ]);
    c.forEach((x, i) => expectFixture(x, FIXTURES[i]));
  });
});

describe('乐亭 2024: the department goals and five project tables in one sheet', () => {
  const PROJECTS = [
    'laoting-2024-1-legal-construction',
    'laoting-2024-2-grassroots-transfer-matching',
    'laoting-2024-3-central-transfer',
    'laoting-2024-4-equipment',
    'laoting-2024-5-community-correction',
  ];
  // 乐亭's 预算数 is the year's money: the form binds it to 本年度项目金额 (the fixtures wrote it twice).
  const yearOnly = (d: Declaration) => {
    if (d.kind === 'project') d.totalAmount = null;
  };

  it('finds six declarations: the department, then the five projects', async () => {
    const c = await read('laoting');
    expect(c.map((x) => x.form.id)).toEqual([
      'laoting-2024-department',
      ...Array(5).fill('laoting-2024-project'),
    ]);
  });

  it('reads 单位编码 apart from the unit, the budgets 3 / 5 / 22 / 18 / 2.42 and the spend plans', async () => {
    const ps = (await read('laoting')).slice(1).map(project);
    expect(ps.map((p) => p.yearAmount)).toEqual([3, 5, 22, 18, 2.42]);
    expect(ps.map((p) => p.fiscalAmount)).toEqual([3, 5, 22, 18, 2.42]);
    for (const p of ps) {
      expect(p).toMatchObject({ unit: '乐亭县司法局本级', unitCode: '315001', year: 2024 });
      expect(p.spendPlan).toEqual({ mar: 25, jun: 50, oct: 75, dec: 100 });
      expect(p.indicators.length).toBeGreaterThanOrEqual(5);
    }
    expect(ps[0].code).toBe('13022524P000R2410016N');
    expect(ind(ps[4].indicators, '社区矫正人数(人）').target.text).toBe('≥150人');
  });

  it.each(PROJECTS.map((f, i) => [f, i] as const))(
    '%s: the fixture, with its own findings',
    async (name, i) => {
      expectFixture((await read('laoting'))[i + 1], name, yearOnly);
    },
  );

  it('the department part: its three goal texts; its unit is not written on it, and that is reported', async () => {
    const c = (await read('laoting'))[0];
    const d = dept(c);
    expect(d.texts.annualGoal).toMatch(/^贯彻落实国家司法行政工作方针政策/);
    expect(d.texts.annualGoal.split('\n')).toHaveLength(7);
    expect(d.texts.strategy).toMatch(/^\(1\)\.普法宣传/);
    expect(d.texts.policies).toMatch(/^\(1\)\.普法宣传：落实普法责任制/);
    // The extraction lost the unit's name; the fixture has it from the document around it.
    expect(c.findings.map((f) => `${f.code}@${f.path}`)).toEqual(['REQUIRED_FIELD_MISSING@unit']);
    expectFixture(c, 'laoting-2024-department', (x) => {
      x.unit = '';
    });
  });
});

describe('南岳 2021: four special funds, one cell per row', () => {
  const FUNDS = [
    'nanyue-2021-1-mediation-award',
    'nanyue-2021-2-community-correction-services',
    'nanyue-2021-3-legal-publicity',
    'nanyue-2021-4-legal-construction',
  ];

  it('reads the funding (本级 10 / 28 / …) in its header-over-value table, and the ticked 专项属性', async () => {
    const fs = (await read('nanyue')).map(fund);
    expect(fs.map((f) => f.name)).toEqual([
      '人民调解“以奖代补”',
      '社区矫正购买社会服务',
      '普法工作经费',
      '法制建设',
    ]);
    for (const f of fs) {
      expect(f.funding.total).toBe(f.funding.local);
      expect(f).toMatchObject({ year: 2021, attribute: '延续', head: '何文利', department: '南岳区司法局' });
      // the finance bureau's boxes hold only their stamp lines: no opinion yet
      expect(f.opinions).toBeUndefined();
    }
    expect(fs.map((f) => f.funding.local)).toEqual([10, 28, 11, 24]);
    expect(ind(fs[0].indicators, '调处各类民间纠纷')).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
    });
    expect(fs.map((f) => f.indicators.length)).toEqual([10, 8, 10, 12]);
  });

  it.each(FUNDS.map((f, i) => [f, i] as const))('%s: the fixture, with its own findings', async (name, i) => {
    expectFixture((await read('nanyue'))[i], name);
  });
});

describe('如皋 2021: the department form with its two project summaries', () => {
  it('reads staffing below its labels, the income and expense trees side by side, 一般转移支付 in extra', async () => {
    const [c] = await read('rugao');
    const d = dept(c);
    expect(c.form.id).toBe('rugao-2021-department');
    expect(d.staffing).toEqual({ total: null, authorized: 97, actual: 51, retired: 51, other: 40 });
    expect(d.funds).toMatchObject({
      incomeTotal: 2120.08,
      expenseTotal: 2120.08,
      basicTotal: 1718.08,
      projectTotal: 402,
    });
    expect(sum([d.funds.wages, d.funds.goods, d.funds.grants])).toBe(1718.08);
    expect(d.extra).toBeUndefined(); // 一般转移支付 and 上级补助 are blank on this form
    expect(sum(d.indicators.map((i) => i.weight))).toBe(100);
    expect(d.indicators).toHaveLength(18);
    expect(ind(d.indicators, '法律援助案件量与常住人口比率').target.text).toBe('万分之十以上');
    expect(d.projects.filter((p) => p.category === 'own').map((p) => p.total)).toHaveLength(12);
    expect(sum(d.projects.filter((p) => p.category === 'own').map((p) => p.total))).toBe(402);
    expect(d.projects.filter((p) => p.category === 'managed').map((p) => p.total)).toEqual([245]);
    expect(d).toMatchObject({ unit: '如皋市司法局', preparer: '刘辉', filedOn: '2021.3.28', head: '卢延林' });
  });

  it('rugao-2021-department: the fixture, with its own findings', async () => {
    expectFixture((await read('rugao'))[0], 'rugao-2021-department');
  });
});

describe('新洲 2020: the department form over four printed pages', () => {
  it('reads the funds grid with shares and two earlier years, and six goals with their tables', async () => {
    const [c] = await read('xinzhou');
    const d = dept(c);
    expect(d.funds).toMatchObject({
      incomeTotal: 1883.88,
      fiscal: 1801.88,
      otherIncome: 82,
      expenseTotal: 1883.88,
    });
    expect(d.fundShares).toMatchObject({ fiscal: 95.65, otherIncome: 4.35, basicTotal: 72.54 });
    expect(d.fundHistory.map((h) => [h.year, h.funds.incomeTotal])).toEqual([
      [2019, 1633.25],
      [2018, 1622.79],
    ]);
    expect(d.goals.map((g) => g.term)).toEqual(['long', 'long', 'long', 'annual', 'annual', 'annual']);
    expect(d.goals.map((g) => g.indicators.length)).toEqual([6, 4, 4, 5, 4, 3]);
    // 法律援助案件数: 300件 targeted against 376 the year before (a reviewer's first question)
    const legalAid = ind(d.goals[4].indicators, '法律援助案件数');
    expect(legalAid.target.text).toBe('300件');
    expect(legalAid.history).toEqual([
      { year: 2018, text: '173件' },
      { year: 2019, text: '376件' },
    ]);
    // a row whose leading cells were lost in extraction: right-aligned onto its columns
    expect(ind(d.goals[4].indicators, '刑事速裁认罪认罚案件数')).toMatchObject({
      level2: '数量指标',
      target: { text: '300件' },
    });
  });

  it('xinzhou-2020-department: the fixture, with its own findings', async () => {
    expectFixture((await read('xinzhou'))[0], 'xinzhou-2020-department');
  });
});

describe('every regional form is installed and read by its own title', () => {
  it('lists the six regional packages with the built-ins', () => {
    const ids = BUILTIN.current().map((f) => f.id);
    for (const id of [
      'jiangyin-2020-project',
      'nanyue-2021-special-fund',
      'laoting-2024-department',
      'laoting-2024-project',
      'rugao-2021-department',
      'xinzhou-2020-department',
    ])
      expect(ids).toContain(id);
  });
});

describe('a workbook’s declarations against each other', () => {
  it('a 项目概况 copied from the first 江阴 project into the second is found on the second, at its cell', async () => {
    const snap = await readWorkbookFile(original('jiangyin'));
    const [first, second] = checkWorkbook(snap);
    const overview = (c: WorkbookCheck) => project(c).texts.overview;
    expect(overview(first)).not.toBe(overview(second));
    expect([first, second].flatMap((c) => c.findings).map((f) => f.code)).not.toContain('TEXT_REPEATED');
    // Paste the first project's overview into the second's cell.
    const at = second.sourceMap['texts.overview'];
    const grid = snap.grids.find((g) => g.name === at.sheet)!;
    const { row, col } = parseA1(at.cell)!;
    grid.rows[row - 1][col - 1] = { value: overview(first) };
    const [, again] = checkWorkbook(snap);
    const f = again.findings.find((x) => x.code === 'TEXT_REPEATED');
    expect(f).toMatchObject({ severity: 'warning', sheet: at.sheet, cell: at.cell, path: 'texts.overview' });
    expect(f?.message.zh).toBe(`“项目概况”与同一工作簿中“${project(first).name}”的完全相同。`);
  });
});
