import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BUILTIN } from '../../src/forms';
import { canonicalJson } from '../../src/submit/protocol';
import type { DeclarationRow, ReviewList } from '../../src/submit/review';
import { EXPORT_COLUMNS, exportXlsx } from '../../src/server/review';
import { countsOf } from '../../src/server/storedChecks';
import { fixture } from '../support/helpers';

// The bureau's year export (.xlsx), as the desk downloads it, opened by LibreOffice: re-saved as CSV by
// soffice, every row reads as the desk listed it. Counts and amounts come from the seeds as stored.

const dir = mkdtempSync(join(tmpdir(), 'jixiao-export-'));

function row(name: string, extra: Partial<DeclarationRow>): DeclarationRow {
  const decl = fixture(name);
  const counts = countsOf(canonicalJson(decl), BUILTIN);
  return {
    id: `d-${name}`,
    version: 2,
    receivedAt: '2024-03-01T08:00:00.000Z',
    sha256: 'a'.repeat(64),
    unit: decl.unit ?? '',
    year: decl.year,
    kind: decl.kind,
    name: 'name' in decl ? (decl.name ?? '') : '',
    versions: 2,
    ...counts,
    status: 'submitted',
    review: null,
    ...extra,
  };
}

test('the year’s .xlsx export opens in LibreOffice with every row: unit, name, kind, amount, status, reviewer', async () => {
  const list: ReviewList = {
    items: [
      row('laoting-2024-1-legal-construction', {
        status: 'returned',
        review: {
          decision: 'returned',
          comment: '补充',
          reviewer: '绩效科 王审核',
          at: '2024-03-05T09:00:00.000Z',
          version: 2,
        },
      }),
      row('jiangyin-2020-3-legal-publicity', { status: 'flagged' }),
    ],
    missing: ['某镇司法所'],
  };
  const file = join(dir, 'declarations-2024.xlsx');
  writeFileSync(file, await exportXlsx(list, 2024));

  // ExcelJS reads it back
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets[0].name).toBe('2024年申报汇总');

  // LibreOffice opens it (headless), and its CSV says what the desk said
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const lines = readFileSync(join(dir, 'declarations-2024.csv'), 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0].split(',')).toEqual([...EXPORT_COLUMNS]);
  const [laoting, jiangyin, missing] = lines.slice(1).map((l) => l.split(','));
  const l1 = fixture('laoting-2024-1-legal-construction');
  expect(laoting.slice(0, 3)).toEqual([l1.unit, 'name' in l1 ? l1.name : '', '项目支出']);
  expect(Number(laoting[3])).toBeCloseTo(list.items[0].amount ?? NaN, 2);
  expect(laoting.slice(4, 6)).toEqual(['2', '已退回']);
  expect(laoting.slice(8)).toEqual(['绩效科 王审核', '2024-03-05']);
  expect(jiangyin[5]).toBe('有问题');
  expect(Number(jiangyin[7])).toBe(list.items[1].warnings);
  expect(list.items[1].warnings).toBeGreaterThan(0);
  expect(missing.slice(0, 1).concat(missing[5])).toEqual(['某镇司法所', '未提交']);
}, 180_000);
