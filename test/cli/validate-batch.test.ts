import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPORT_COLUMNS } from '../../src/io/findingsReport';
import { writeDeclarationXlsx } from '../../src/io/xlsx';
import { fixture } from '../support/helpers';
import { FIXTURE_DIR } from '../support/paths';
import { runBin } from '../support/bin';

/**
 * Issue “Bureau review desk”, CLI: a finance bureau checks the workbooks units e-mailed it, saved by unit
 * into folders, and wants a spreadsheet of what to send back.
 */
const dir = mkdtempSync(join(tmpdir(), 'jixiao-batch-'));
const inbox = join(dir, '收件');
const seed = (name: string) => join(FIXTURE_DIR, `${name}.json`);

beforeAll(async () => {
  mkdirSync(join(inbox, '乐亭县司法局'), { recursive: true });
  mkdirSync(join(inbox, '新洲区司法局'), { recursive: true });
  copyFileSync(seed('laoting-2024-1-legal-construction'), join(inbox, '乐亭县司法局', '法制建设.json'));
  await writeDeclarationXlsx(
    {
      ...fixture('laoting-2024-2-grassroots-transfer-matching'),
      form: { id: 'laoting-2024-project', version: 1 },
    },
    join(inbox, '乐亭县司法局', '基层转移支付.xlsx'),
  );
  copyFileSync(seed('xinzhou-2020-department'), join(inbox, '新洲区司法局', '部门整体.json'));
  // What a folder of mail also holds: Excel's lock file, a note, and an old binary workbook.
  writeFileSync(join(inbox, '乐亭县司法局', '~$基层转移支付.xlsx'), 'lock');
  writeFileSync(join(inbox, '说明.txt'), '按单位分文件夹');
  writeFileSync(
    join(inbox, '新洲区司法局', '旧表.xls'),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (json: string) =>
  (JSON.parse(json) as { file: string }[]).map((r) => r.file.slice(inbox.length + 1));

test('a folder is read with its subfolders: workbooks and model files, not lock files or notes', async () => {
  const r = await runBin('validate', inbox, '--json');
  expect(files(r.out).sort()).toEqual([
    '乐亭县司法局/基层转移支付.xlsx',
    '乐亭县司法局/法制建设.json',
    '新洲区司法局/旧表.xls',
    '新洲区司法局/部门整体.json',
  ]);
  expect(r.code).toBe(2); // the old .xls cannot be read
});

test('a quoted pattern is expanded by the CLI itself, as Windows cmd leaves it', async () => {
  const r = await runBin('validate', join(inbox, '*', '*.json'), '--json');
  expect(files(r.out)).toEqual(['乐亭县司法局/法制建设.json', '新洲区司法局/部门整体.json']);
  const none = await runBin('validate', join(inbox, '*.xlsm'));
  expect(none.code).toBe(2);
  expect(none.err).toContain('没有可读取的文件');
});

test('an old .xls, or one renamed .xlsx, is told to be saved as .xlsx', async () => {
  const renamed = join(dir, '改名.xlsx');
  copyFileSync(join(inbox, '新洲区司法局', '旧表.xls'), renamed);
  for (const f of [join(inbox, '新洲区司法局', '旧表.xls'), renamed]) {
    const r = await runBin('validate', f);
    expect(r.code).toBe(2);
    expect(r.out).toContain('另存为 .xlsx');
    expect(r.out).not.toMatch(/zip|jszip|central directory/i);
  }
});

test('--report out.csv: one row per finding, with unit, name and kind; clean and unreadable files have a row too', async () => {
  const out = join(dir, 'report.csv');
  const json = JSON.parse((await runBin('validate', inbox, '--json', '--report', out)).out) as {
    file: string;
    unit: string;
    findings: unknown[];
    error?: string;
  }[];
  const text = readFileSync(out, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const lines = text.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe(REPORT_COLUMNS.map((c) => c.zh).join(','));
  const expected = json.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  expect(lines).toHaveLength(1 + expected);
  const xinzhou = lines.filter((l) => l.includes('部门整体.json'));
  expect(xinzhou[0]).toContain(',武汉市新洲区司法局,武汉市新洲区司法局,部门整体,');
  expect(xinzhou.some((l) => l.includes('TARGET_BELOW_HISTORY,警告,'))).toBe(true);
  expect(lines.some((l) => l.includes('旧表.xls') && l.includes('UNREADABLE'))).toBe(true);
});

test('--report out.xlsx is read back by ExcelJS and opened by LibreOffice; typed text stays text', async () => {
  const evil = join(dir, 'evil');
  mkdirSync(evil);
  const d = { ...fixture('laoting-2024-1-legal-construction'), name: '=HYPERLINK("http://x","y")' };
  writeFileSync(join(evil, 'a.json'), JSON.stringify(d));
  const out = join(dir, 'report.xlsx');
  const r = await runBin('validate', evil, '--report', out);
  expect(r.err).toContain(`wrote ${out}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('问题清单')!;
  expect(ws.getRow(1).values).toEqual([undefined, ...REPORT_COLUMNS.map((c) => c.zh)]);
  expect(ws.getCell('D2').value).toBe('=HYPERLINK("http://x","y")'); // a string, not a formula
  expect(ws.rowCount).toBeGreaterThan(2);
  const csvOut = join(dir, 'lo');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76', // comma, quote, UTF-8
      '--outdir',
      csvOut,
      out,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const lo = readFileSync(join(csvOut, 'report.csv'), 'utf8');
  expect(lo.split('\n')[0]).toContain('文件');
  expect(lo).toContain('HYPERLINK');
  // CSV guards the same name with an apostrophe, so a spreadsheet does not run it.
  const csv = join(dir, 'evil.csv');
  await runBin('validate', evil, '--report', csv);
  expect(readFileSync(csv, 'utf8')).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
}, 150_000);

test('--report refuses another format before reading anything', async () => {
  const r = await runBin('validate', inbox, '--report', join(dir, 'r.pdf'));
  expect(r.code).toBe(2);
  expect(r.err).toContain('--report writes a .csv or .xlsx file');
});
