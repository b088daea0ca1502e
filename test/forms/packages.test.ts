import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { checkDeclaration, checkWorkbook } from '../../src/app/check';
import {
  BUILTIN,
  builtinForms,
  STANDARD_FORMS,
  builtinPackage,
  compileForm,
  readWorkbookDeclarations,
  renderForm,
  type FormPackage,
} from '../../src/forms';
import { loadFormPackage, packageWorkbook } from '../../src/io/formPackage';
import { readWorkbookFile, writeDeclarationXlsx } from '../../src/io/xlsx';
import { applyPlan, newWorkbook, readWorkbook } from '../../src/hosts/workbook/exceljs';
import { Declaration } from '../../src/model';
import { fixture } from '../support/helpers';
import { runBin } from '../support/bin';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pkgOf = (id: string): FormPackage => {
  const p = builtinPackage(id);
  if (!p) throw new Error(`no built-in ${id}`);
  return structuredClone(p);
};

describe('a package is checked, and each problem points at its own cell', () => {
  it('every built-in package compiles, and the standard forms are the add-in’s own', () => {
    expect(builtinForms().length).toBeGreaterThanOrEqual(10);
    expect(STANDARD_FORMS.project).toMatchObject({ id: 'project', version: 2 });
    expect(BUILTIN.get('project', 1)).toMatchObject({ id: 'project', version: 1 });
  });

  it('JSON: a misspelt path, a bad locator and an unknown policy key, all reported at once', () => {
    const p = pkgOf('jiangyin-2020-project');
    const name = p.fields.findIndex((r) => r.path === 'name');
    const money = p.fields.findIndex((r) => r.path === 'totalAmount');
    (p.fields[name] as Record<string, unknown>).path = 'nmae';
    (p.fields[money] as Record<string, unknown>).value = 'left';
    p.policy.push({ key: 'TARGET_FOO', value: 'error' });
    const r = compileForm(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'fields',
          row: name,
          key: 'path',
          message: expect.stringContaining('nmae'),
        }),
        expect.objectContaining({ sheet: 'fields', row: money, key: 'value' }),
        expect.objectContaining({
          sheet: 'policy',
          key: 'key',
          message: expect.stringContaining('TARGET_FOO'),
        }),
      ]),
    );
  });

  it('a column, a table and a grid are checked against the model of the form’s kind', () => {
    const p = pkgOf('xinzhou-2020-department');
    p.fields.push({ kind: 'table', section: 'extraTable', label: '表', path: 'lineItems' });
    p.fields.push({ kind: 'column', label: '金额', path: 'amount' });
    const r = compileForm(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((x) => x.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('“lineItems” is not a table of the department model')]),
    );
  });

  it('a workbook package round-trips, and a broken one names fields!C12-style cells; the CLI exits 2', async () => {
    const p = pkgOf('nanyue-2021-special-fund');
    const good = join(dir, 'nanyue.xlsx');
    await packageWorkbook(p).xlsx.writeFile(good);
    const loaded = await loadFormPackage(good);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.pkg).toEqual(p);
    expect(loaded.form.id).toBe('nanyue-2021-special-fund');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(good);
    const fields = wb.getWorksheet('fields')!;
    const header = (fields.getRow(1).values as unknown[]).map(String);
    const pathCol = header.indexOf('path');
    const nameRow = p.fields.findIndex((r) => r.path === 'name') + 2;
    fields.getRow(nameRow).getCell(pathCol).value = 'nmae';
    const bad = join(dir, 'nanyue-bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const broken = await loadFormPackage(bad);
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    const colLetter = String.fromCharCode(64 + pathCol);
    expect(broken.problems).toEqual([
      { where: `fields!${colLetter}${nameRow}`, message: expect.stringContaining('nmae') },
    ]);

    const ok = await runBin('form', 'check', good);
    expect(ok.code).toBe(0);
    const no = await runBin('form', 'check', bad);
    expect(no.code).toBe(2);
    expect(no.out).toContain(`fields!${colLetter}${nameRow}`);
  });
});

describe('policies', () => {
  const withPolicy = (rows: { key: string; value: string }[]) => {
    const p = pkgOf('laoting-2024-project');
    p.settings.form_id = 'laoting-strict';
    p.policy.push(...rows);
    const r = compileForm(p);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return BUILTIN.with([r.form]);
  };
  const decl = (): Declaration => ({
    ...fixture('laoting-2024-1-legal-construction'),
    form: { id: 'laoting-strict', version: 1 },
  });

  it('raise, lower and turn off a code', () => {
    const forms = withPolicy([
      { key: 'TARGET_NOT_QUANTITATIVE', value: 'error' },
      { key: 'TARGET_OPERATOR_MISSING', value: 'off' },
    ]);
    const findings = checkDeclaration(decl(), { forms }).findings;
    expect(findings.find((f) => f.code === 'TARGET_NOT_QUANTITATIVE')?.severity).toBe('error');
    expect(findings.some((f) => f.code === 'TARGET_OPERATOR_MISSING')).toBe(false);
  });

  it('a 满意度 floor: ≥95% passes a floor of 95, fails one of 98, with a suggestion that passes', () => {
    const at95 = checkDeclaration(decl(), {
      forms: withPolicy([{ key: 'satisfaction_min', value: '95' }]),
    }).findings;
    expect(at95.some((f) => f.code === 'TARGET_BELOW_POLICY')).toBe(false);
    const at98 = checkDeclaration(decl(), {
      forms: withPolicy([{ key: 'satisfaction_min', value: '98' }]),
    }).findings;
    const f = at98.find((x) => x.code === 'TARGET_BELOW_POLICY');
    expect(f).toMatchObject({ severity: 'error', expected: 98, actual: 95, suggestedValue: '≥98%' });
    // Advice is a promise: applied, the finding goes and nothing new comes.
    const fixed = decl();
    const row = fixed.indicators.find((i) => i.name === '服务对象满意度')!;
    row.target = { text: f!.suggestedValue! };
    const after = checkDeclaration(fixed, {
      forms: withPolicy([{ key: 'satisfaction_min', value: '98' }]),
    }).findings;
    expect(after.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a pinned framework applies whatever framework the declaration claims', () => {
    const d: Declaration = { ...fixture('jiangyin-2020-1-public-legal-service'), profile: 'classic' };
    const asClaimed = checkDeclaration(d).findings; // standard form: the declaration's claim counts
    const pinned = checkDeclaration({ ...d, form: { id: 'jiangyin-2020-project', version: 1 } }).findings;
    expect(asClaimed.some((f) => f.code === 'INDICATOR_LEVEL1_UNKNOWN')).toBe(true);
    expect(pinned.some((f) => f.code === 'INDICATOR_LEVEL1_UNKNOWN')).toBe(false);
  });
});

describe('each regional form: inserted, filled and read back as itself', () => {
  const CASES: [string, string[]][] = [
    [
      'jiangyin-2020-project',
      ['jiangyin-2020-1-public-legal-service', 'jiangyin-2020-2-community-correction'],
    ],
    ['nanyue-2021-special-fund', ['nanyue-2021-1-mediation-award', 'nanyue-2021-4-legal-construction']],
    ['laoting-2024-project', ['laoting-2024-1-legal-construction', 'laoting-2024-5-community-correction']],
    ['laoting-2024-department', ['laoting-2024-department']],
    ['rugao-2021-department', ['rugao-2021-department']],
    ['xinzhou-2020-department', ['xinzhou-2020-department']],
  ];

  it.each(CASES.flatMap(([form, names]) => names.map((n) => [form, n] as const)))(
    '%s with %s: render → .xlsx → read gives the same declaration and the same findings',
    async (id, name) => {
      const form = BUILTIN.latest(id)!;
      const decl: Declaration = { ...Declaration.parse(fixture(name)), form: { id, version: form.version } };
      // 乐亭's 预算数 is the year's money only
      if (id === 'laoting-2024-project' && decl.kind === 'project') decl.totalAmount = null;
      const file = join(dir, `${id}-${name}.xlsx`);
      await writeDeclarationXlsx(decl, file);
      const [read] = readWorkbookDeclarations(await readWorkbookFile(file), BUILTIN);
      expect(read.form.id).toBe(id);
      expect(read.problems).toEqual([]);
      expect(read.declaration).toEqual(decl);
      const [checked] = checkWorkbook(await readWorkbookFile(file));
      expect(checked.findings.map((f) => f.code).sort()).toEqual(
        checkDeclaration(decl)
          .findings.map((f) => f.code)
          .sort(),
      );
    },
  );

  it.each(CASES.map(([id]) => [id]))(
    '%s: a blank template has every section, and says what to fill in',
    (id) => {
      const form = BUILTIN.latest(id)!;
      const blank = Declaration.parse({ kind: form.kind, year: form.year, profile: form.framework.id });
      const wb = newWorkbook();
      applyPlan(wb, renderForm(form, blank));
      const [read] = readWorkbookDeclarations(readWorkbook(wb), BUILTIN);
      expect(read.form.id).toBe(id);
      expect(read.problems.filter((p) => p.code === 'LAYOUT_SECTION_MISSING')).toEqual([]);
      const [checked] = checkWorkbook(readWorkbook(wb));
      expect(checked.findings.some((f) => f.code === 'REQUIRED_FIELD_MISSING')).toBe(true);
    },
  );
});

describe('detection across installed forms', () => {
  it('a bureau’s copy of a built-in reads the workbooks both fit; two bureau forms that fit alike ask for --form', async () => {
    const twin = (id: string) => {
      const p = pkgOf('jiangyin-2020-project');
      p.settings.form_id = id;
      const r = compileForm(p);
      if (!r.ok) throw new Error('twin does not compile');
      return r.form;
    };
    const a = twin('jiangyin-twin-a');
    const b = twin('jiangyin-twin-b');
    const snap = await readWorkbookFile(
      join(dir, 'jiangyin-2020-project-jiangyin-2020-1-public-legal-service.xlsx'),
    );
    // The stamp names the form: no doubt.
    expect(readWorkbookDeclarations(snap, BUILTIN.with([a, b]))[0].form.id).toBe('jiangyin-2020-project');
    // Without it: the bureau's copy, installed for such workbooks, before the built-in that fits as well.
    expect(readWorkbookDeclarations({ grids: snap.grids }, BUILTIN.with([a]))[0].form.id).toBe(
      'jiangyin-twin-a',
    );
    // Two of the bureau's own that fit alike: it must say which.
    expect(() => readWorkbookDeclarations({ grids: snap.grids }, BUILTIN.with([a, b]))).toThrow(
      /fits two forms equally.*--form/,
    );
    // --form settles it.
    expect(readWorkbookDeclarations({ grids: snap.grids }, BUILTIN.with([a, b]), b)[0].form.id).toBe(
      'jiangyin-twin-b',
    );
  });

  it('a workbook that fits no form names the closest ones and what each lacked; the CLI exits 2', async () => {
    const wb = newWorkbook();
    const ws = wb.addWorksheet('预算');
    ws.addRow(['项目支出预算表']);
    ws.addRow(['项目名称', '某项目', '金额', 12]);
    const file = join(dir, 'nothing.xlsx');
    await wb.xlsx.writeFile(file);
    expect(() => readWorkbookDeclarations(readWorkbook(wb), BUILTIN)).toThrow(
      /no declaration form recognised; closest: .*missing/,
    );
    const r = await runBin('validate', file);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/closest: .*v\d/);
  });

  it('a workbook stamped with version 1 of the project form reads with version 1; an unknown version with the newest, and says so', async () => {
    const v1 = BUILTIN.get('project', 1)!;
    const decl = Declaration.parse(fixture('laoting-2024-1-legal-construction'));
    const { unitCode, ...withoutCode } = decl;
    void unitCode;
    const wb = newWorkbook();
    applyPlan(wb, renderForm(v1, withoutCode as Declaration));
    const snap = readWorkbook(wb);
    expect(snap.stamp).toMatchObject({ layout: 'project', version: 1 });
    const [read] = readWorkbookDeclarations(snap, BUILTIN);
    expect(read.form.version).toBe(1);
    expect(read.problems).toEqual([]);

    const later = readWorkbookDeclarations({ ...snap, stamp: { ...snap.stamp!, version: 7 } }, BUILTIN)[0];
    expect(later.form.version).toBe(2);
    expect(later.problems.map((p) => p.code)).toEqual(['FORM_VERSION_OTHER']);
    const [checked] = checkWorkbook({ ...snap, stamp: { ...snap.stamp!, version: 7 } });
    expect(checked.findings.find((f) => f.code === 'FORM_VERSION_OTHER')?.message.zh).toMatch(
      /第 7 版.*第 2 版/,
    );
  });
});

describe('the command line with a bureau’s packages', () => {
  it('validate reports one entry per declaration: file, sheet, form, name, kind, findings; export prints an array', async () => {
    const p = pkgOf('jiangyin-2020-project');
    p.settings.form_id = 'jiangyin-2021-project';
    p.settings.year = 2021;
    const forms = join(dir, 'bureau');
    mkdirSync(forms, { recursive: true });
    writeFileSync(join(forms, 'jiangyin-2021.json'), JSON.stringify(p));
    const listed = await runBin('form', 'list', '--json', '--forms', forms);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'jiangyin-2021-project', source: 'file', year: 2021 }),
      ]),
    );

    const file = join(dir, 'rugao-like.xlsx');
    const decl = Declaration.parse(fixture('nanyue-2021-1-mediation-award'));
    await writeDeclarationXlsx({ ...decl, form: { id: 'nanyue-2021-special-fund', version: 1 } }, file);
    const r = await runBin('validate', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({
        file,
        sheet: '专项资金绩效目标',
        form: 'nanyue-2021-special-fund@1',
        name: '人民调解“以奖代补”',
        kind: 'specialFund',
      }),
    ]);
    // The seed's own findings: its 填报单位（盖章） was left for the seal, and its benefit targets are vague.
    const [{ findings }] = JSON.parse(r.out) as { findings: { code: string; path: string }[] }[];
    expect(findings.map((f) => `${f.code}@${f.path}`)).toEqual([
      'REQUIRED_FIELD_MISSING@unit',
      'TARGET_VAGUE@indicators.7.target',
      'TARGET_VAGUE@indicators.8.target',
      'BENEFIT_NOT_QUANTIFIED@indicators.7.target',
    ]);
    const bad = await runBin('validate', file, '--form', 'no-such-form');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/no form “no-such-form”/);
  });
});
