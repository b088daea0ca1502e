import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { Declaration } from '../../src/model';
import { writeDeclarationXlsx } from '../../src/io/xlsx';
import { loadFormPackage } from '../../src/io/formPackage';
import { fixture } from '../support/helpers';
import { runBin } from '../support/bin';
import { ROOT } from '../support/paths';

/** docs/forms.md's worked example, step by step, as a bureau follows it. */
describe('docs/forms.md: Wuxi’s form from Jiangyin’s in seven steps', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-forms-doc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the guide exists in Chinese first, then English, and names the commands it teaches', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'forms.md'), 'utf8');
    expect(doc.indexOf('## 中文')).toBeLessThan(doc.indexOf('## English'));
    for (const cmd of ['jixiao form export', 'jixiao form check', 'jixiao form publish', '--form wuxi.xlsx'])
      expect(doc).toContain(cmd);
  });

  it('export, edit, check, try on a filled form, publish', async () => {
    const wuxi = join(dir, 'wuxi.xlsx');
    // 1. export
    expect((await runBin('form', 'export', 'jiangyin-2020-project', '-o', wuxi)).code).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(wuxi);
    const col = (ws: ExcelJS.Worksheet, key: string) => (ws.getRow(1).values as unknown[]).indexOf(key);
    // 2. settings
    const settings = wb.getWorksheet('settings')!;
    const set = (key: string, v: string | number | null) =>
      (settings.getRow(2).getCell(col(settings, key)).value = v);
    set('form_id', 'wuxi-2021-project');
    set('title', '无锡市市级财政支出项目绩效目标申报表');
    set('year', 2021);
    set('region', '江苏省无锡市');
    set('match', null);
    // 3. fields: the sheet's title, and 项目编码 under 项目名称
    const fields = wb.getWorksheet('fields')!;
    fields.getRow(2).getCell(col(fields, 'label')).value = '无锡市市级财政支出项目绩效目标申报表';
    let nameRow = 0;
    fields.eachRow((row, r) => {
      if (!nameRow && String(row.getCell(col(fields, 'label')).value).startsWith('项目名称')) nameRow = r;
    });
    fields.insertRow(nameRow + 1, []);
    const added = fields.getRow(nameRow + 1);
    for (const [k, v] of Object.entries({
      kind: 'field',
      label: '项目编码',
      path: 'code',
      type: 'text',
      value: 'next',
      row: 1,
    }))
      added.getCell(col(fields, k)).value = v;
    // 4. policy
    const policy = wb.getWorksheet('policy')!;
    policy.addRow(['satisfaction_min', '90']);
    policy.addRow(['TARGET_UNIT_MISSING', 'error']);
    await wb.xlsx.writeFile(wuxi);

    // 5. check
    const checked = await runBin('form', 'check', wuxi);
    expect(checked.out).toContain('✓');
    expect(checked.code).toBe(0);
    const loaded = await loadFormPackage(wuxi);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.form).toMatchObject({
      id: 'wuxi-2021-project',
      year: 2021,
      policy: { satisfactionMin: 90 },
    });

    // 6. a filled form: a 江阴 project put on the Wuxi form, then checked with --form wuxi.xlsx
    const forms = join(dir, 'forms');
    mkdirSync(forms);
    copyFileSync(wuxi, join(forms, 'wuxi.xlsx'));
    const filled = join(dir, 'filled.xlsx');
    const decl = Declaration.parse(fixture('jiangyin-2020-1-public-legal-service'));
    await writeDeclarationXlsx(
      // 江阴's form has no 填报单位 line; the Wuxi clerk fills in the one the add-in's copy asks for.
      { ...decl, unit: '江阴市司法局', form: { id: 'wuxi-2021-project', version: 1 } },
      filled,
      loaded.form,
    );
    const v = await runBin('validate', filled, '--form', wuxi, '--json');
    const [report] = JSON.parse(v.out);
    expect(report.form).toBe('wuxi-2021-project@1');
    // The policy at work: 江阴's "80%" 满意率 is now below the floor.
    expect(report.findings.map((f: { code: string; severity: string }) => `${f.severity}:${f.code}`)).toEqual(
      ['error:TARGET_BELOW_POLICY'],
    );
    expect(v.code).toBe(1);
    // …and a number without a unit (江阴 project 3's “1”, “10”, “1”) is an error, not a warning.
    const third = join(dir, 'third.xlsx');
    const decl3 = Declaration.parse(fixture('jiangyin-2020-3-legal-publicity'));
    await writeDeclarationXlsx(
      { ...decl3, form: { id: 'wuxi-2021-project', version: 1 } },
      third,
      loaded.form,
    );
    const [r3] = JSON.parse((await runBin('validate', third, '--form', wuxi, '--json')).out);
    const units = r3.findings.filter((f: { code: string }) => f.code === 'TARGET_UNIT_MISSING');
    expect(units.map((f: { severity: string }) => f.severity)).toEqual(['error', 'error', 'error']);
    const blank = join(dir, 'blank.xlsx');
    expect((await runBin('template', 'wuxi-2021-project', '-o', blank, '--forms', forms)).code).toBe(0);

    // 7. publish, once; again is a no-op
    const db = join(dir, 'jixiao.db');
    expect((await runBin('form', 'publish', wuxi, '--db', db)).code).toBe(0);
    expect((await runBin('form', 'publish', wuxi, '--db', db)).code).toBe(0);
  });
});
