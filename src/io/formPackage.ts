import { existsSync, readdirSync } from 'fs';
import { readFile } from 'fs/promises';
import { extname, join } from 'path';
import ExcelJS from 'exceljs';
import {
  FieldRow,
  FormPackage,
  FrameworkRow,
  ListRow,
  PACKAGE_SHEETS,
  PolicyRow,
  PrintRow,
  Settings,
  compileForm,
  type Form,
  type FormSource,
  type PackageProblem,
  type PackageSheet,
} from '../forms';
import { colName } from '../layouts';

/** A problem in a package file, where the bureau will look for it: `fields!C12`, or `fields[10].path` in JSON. */
export interface LocatedProblem {
  where: string;
  message: string;
}

/** A package that does not load, for people: the file, then each problem at its cell. */
export const describeBroken = (b: { file: string; problems: LocatedProblem[] }): string =>
  `${b.file}: not a valid form package\n${b.problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`;

export type PackageLoad =
  | { ok: true; form: Form; pkg: FormPackage; file: string }
  | { ok: false; problems: LocatedProblem[]; file: string };

/** The columns of each table sheet, in the order a new package workbook shows them. */
const COLUMNS: Record<Exclude<PackageSheet, 'settings'>, string[]> = {
  fields: Object.keys(FieldRow.shape),
  lists: Object.keys(ListRow.shape),
  framework: Object.keys(FrameworkRow.shape),
  policy: Object.keys(PolicyRow.shape),
  print: Object.keys(PrintRow.shape),
};
const SETTINGS = Object.keys(Settings.shape);

/** What each sheet and column is for, in Chinese: the notes on a package workbook's header cells. */
const NOTES: Record<string, string> = {
  'settings.form_id': '表样编号：英文字母、数字和 -，如 jiangyin-2020-project',
  'settings.version': '版本号：整数；表样改动后加一',
  'settings.kind': '申报表种类：department（部门整体）、project（项目支出）、specialFund（专项资金）',
  'settings.title': '表样标题，与表头一致：识别工作簿时按它查找',
  'settings.framework': '指标框架：national2021、classic、jiangsu、weightedDepartment',
  'settings.stacked': '一个工作表里可上下排列多份申报：yes / no',
  'settings.match': '其他可识别的标题，用 | 分隔；/…/ 为正则表达式',
  'settings.year': '表样适用年度：工作簿未写年度时用它',
  'fields.kind':
    '行的种类：sheet、section、field、label、table、column、goals、grid、gridrow、gridcol、footer',
  'fields.label': '表上显示的文字（也是读取时查找的文字）',
  'fields.aliases': '同义的其他写法，用 | 分隔',
  'fields.path': '模型字段：name、sources.total、extra.自定义名 ……',
  'fields.value':
    '值的位置：right（右侧相邻）、next（右侧第一个有内容的格）、below、inline、right:N、below:N',
  'fields.linear': '单列（自 Word 复制）表格中值的位置：默认 next',
  'fields.pattern': '正则表达式（一个括号组）：无标签的值，如 (\\d{4})年',
  'fields.required': '必填：yes / no',
  'policy.key':
    'framework、satisfaction_min、execution_min、low_execution，或问题代码（如 TARGET_OPERATOR_MISSING）',
  'policy.value': 'yes / 数值 / error、warning、info、off',
  'print.orientation': 'portrait（纵向）或 landscape（横向）',
  'print.repeat': '每页重复的行：title 或表格区域编号',
};

const cellValue = (v: ExcelJS.CellValue): string | number | boolean | undefined => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
};

/** Where a schema or compile problem sits in a package workbook, by the rows and columns read. */
interface SheetIndex {
  /** data row index → sheet row number (1-based) */
  rows: number[];
  /** column key → column number (1-based) */
  cols: Map<string, number>;
}

function readTable(
  ws: ExcelJS.Worksheet,
  problems: LocatedProblem[],
  known: string[],
): { rows: Record<string, unknown>[]; index: SheetIndex } {
  const header = ws.getRow(1);
  const cols = new Map<string, number>();
  header.eachCell((cell, c) => {
    const key = String(cellValue(cell.value) ?? '').trim();
    if (!key) return;
    if (!known.includes(key))
      problems.push({
        where: `${ws.name}!${colName(c)}1`,
        message: `unknown column “${key}”; the columns are ${known.join(', ')}`,
      });
    else cols.set(key, c);
  });
  const rows: Record<string, unknown>[] = [];
  const numbers: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const obj: Record<string, unknown> = {};
    for (const [key, c] of cols) {
      const v = cellValue(ws.getRow(r).getCell(c).value);
      if (v !== undefined) obj[key] = v;
    }
    if (Object.keys(obj).length === 0) continue; // a blank line between groups of rows
    rows.push(obj);
    numbers.push(r);
  }
  return { rows, index: { rows: numbers, cols } };
}

/** Read a package workbook into the JSON form, and the index that locates problems in it. */
async function readPackageWorkbook(file: string): Promise<{
  data: Record<string, unknown>;
  index: Partial<Record<PackageSheet, SheetIndex>>;
  problems: LocatedProblem[];
}> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const problems: LocatedProblem[] = [];
  const data: Record<string, unknown> = {};
  const index: Partial<Record<PackageSheet, SheetIndex>> = {};
  for (const name of PACKAGE_SHEETS) {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      if (name === 'settings' || name === 'fields')
        problems.push({ where: name, message: `the package has no “${name}” sheet` });
      continue;
    }
    if (name === 'settings') {
      const { rows, index: idx } = readTable(ws, problems, SETTINGS);
      data.settings = rows[0] ?? {};
      index.settings = idx;
      continue;
    }
    const { rows, index: idx } = readTable(ws, problems, COLUMNS[name]);
    data[name] = rows;
    index[name] = idx;
  }
  return { data, index, problems };
}

function locate(p: PackageProblem, index: Partial<Record<PackageSheet, SheetIndex>> | undefined): string {
  if (!index) {
    // JSON: settings.form_id, fields[10].path
    if (p.sheet === 'settings') return p.key ? `settings.${p.key}` : 'settings';
    return `${p.sheet}${p.row !== undefined ? `[${p.row}]` : ''}${p.key ? `.${p.key}` : ''}`;
  }
  const idx = index[p.sheet];
  if (!idx) return p.sheet;
  const col = p.key ? idx.cols.get(p.key) : undefined;
  if (p.sheet === 'settings') {
    const c = col ?? (p.key ? undefined : 1);
    return c ? `settings!${colName(c)}2` : `settings (column ${p.key} is missing)`;
  }
  if (p.row === undefined) return p.sheet;
  const row = idx.rows[p.row];
  if (!col) return `${p.sheet} row ${row}${p.key ? ` (column ${p.key})` : ''}`;
  return `${p.sheet}!${colName(col)}${row}`;
}

/** Load and check a package file: JSON, or a workbook with the package's sheets. */
export async function loadFormPackage(file: string, source: FormSource = 'file'): Promise<PackageLoad> {
  if (!existsSync(file)) return { ok: false, file, problems: [{ where: file, message: 'file not found' }] };
  let data: unknown;
  let index: Partial<Record<PackageSheet, SheetIndex>> | undefined;
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      return {
        ok: false,
        file,
        problems: [{ where: file, message: `not valid JSON: ${(e as Error).message}` }],
      };
    }
  } else if (ext === '.xlsx') {
    try {
      const read = await readPackageWorkbook(file);
      if (read.problems.length) return { ok: false, file, problems: read.problems };
      data = read.data;
      index = read.index;
    } catch (e) {
      return {
        ok: false,
        file,
        problems: [{ where: file, message: `not a readable .xlsx file: ${(e as Error).message}` }],
      };
    }
  } else {
    return {
      ok: false,
      file,
      problems: [{ where: file, message: 'a form package is a .json or .xlsx file' }],
    };
  }
  const r = compileForm(data, source);
  if (!r.ok)
    return {
      ok: false,
      file,
      problems: r.problems.map((p) => ({ where: locate(p, index), message: p.message })),
    };
  return { ok: true, form: r.form, pkg: FormPackage.parse(data), file };
}

/** Every package in a folder (.json and .xlsx), each loaded and checked. */
export async function loadFormDir(dir: string, source: FormSource = 'file'): Promise<PackageLoad[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(json|xlsx)$/i.test(f) && !f.startsWith('~$'))
    .sort();
  return Promise.all(files.map((f) => loadFormPackage(join(dir, f), source)));
}

/** A package as a workbook a bureau edits: one sheet per part, a header row, Chinese notes on the headers. */
export function packageWorkbook(pkg: FormPackage): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const header = (ws: ExcelJS.Worksheet, sheet: string, keys: string[]) => {
    ws.addRow(keys);
    ws.getRow(1).font = { bold: true };
    keys.forEach((k, i) => {
      const note = NOTES[`${sheet}.${k}`];
      if (note) ws.getRow(1).getCell(i + 1).note = note;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const settings = wb.addWorksheet('settings');
  const used = SETTINGS.filter(
    (k) =>
      (pkg.settings as Record<string, unknown>)[k] !== undefined ||
      ['form_id', 'version', 'kind', 'title', 'framework'].includes(k),
  );
  header(settings, 'settings', used);
  settings.addRow(used.map((k) => toCell((pkg.settings as Record<string, unknown>)[k])));
  for (const name of ['fields', 'lists', 'framework', 'policy', 'print'] as const) {
    const ws = wb.addWorksheet(name);
    const rows = pkg[name] as Record<string, unknown>[];
    // Only the columns the package uses, in the schema's order; a bureau's own remarks go in `note`.
    const keys = COLUMNS[name].filter(
      (k) => rows.some((r) => r[k] !== undefined) || ['kind', 'label', 'path'].includes(k),
    );
    header(ws, name, name === 'fields' ? keys : COLUMNS[name]);
    for (const r of rows) ws.addRow((name === 'fields' ? keys : COLUMNS[name]).map((k) => toCell(r[k])));
    ws.columns.forEach((c) => (c.width = 16));
  }
  return wb;
}

const toCell = (v: unknown): string | number | boolean | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
};
