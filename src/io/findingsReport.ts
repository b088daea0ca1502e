import { writeFile } from 'fs/promises';
import ExcelJS from 'exceljs';
import type { FileReport } from './check';

/** One row of a bureau's report: a finding, or a declaration with none, or a file that cannot be read. */
export interface ReportRow {
  file: string;
  sheet: string;
  unit: string;
  name: string;
  kind: string;
  code: string;
  severity: string;
  cell: string;
  message: string;
  suggestion: string;
}

export const REPORT_COLUMNS: { key: keyof ReportRow; zh: string }[] = [
  { key: 'file', zh: '文件' },
  { key: 'sheet', zh: '工作表' },
  { key: 'unit', zh: '填报单位' },
  { key: 'name', zh: '名称' },
  { key: 'kind', zh: '类型' },
  { key: 'code', zh: '问题代码' },
  { key: 'severity', zh: '级别' },
  { key: 'cell', zh: '单元格' },
  { key: 'message', zh: '问题' },
  { key: 'suggestion', zh: '修改建议' },
];

const KIND_ZH: Record<string, string> = {
  department: '部门整体',
  project: '项目支出',
  specialFund: '专项资金',
};
const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

/**
 * The rows, one per finding, in Chinese (the bureau's language), worst first within a declaration. A
 * declaration with no finding still has its row, and so does a file that cannot be read: a report that
 * left them out would hide which units were checked.
 */
export function reportRows(reports: FileReport[]): ReportRow[] {
  return reports.flatMap((r): ReportRow[] => {
    const base = {
      file: r.file,
      sheet: r.sheet ?? '',
      unit: r.unit,
      name: r.name,
      kind: KIND_ZH[r.kind ?? ''] ?? '',
    };
    if (r.error)
      return [{ ...base, code: 'UNREADABLE', severity: '错误', cell: '', message: r.error, suggestion: '' }];
    if (r.findings.length === 0)
      return [{ ...base, code: '', severity: '', cell: '', message: '未发现问题', suggestion: '' }];
    return r.findings.map((f) => ({
      ...base,
      code: f.code,
      severity: SEVERITY_ZH[f.severity],
      cell: f.cell ? `${f.sheet}!${f.cell}` : f.path,
      message: f.message.zh,
      suggestion: [f.suggestion?.zh, f.suggestedValue ? `建议值：${f.suggestedValue}` : '']
        .filter(Boolean)
        .join(' '),
    }));
  });
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab/CR first) is written with a leading
 * apostrophe: the report quotes what units typed, and a workbook must not turn that into a formula.
 */
const inert = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** RFC 4180, UTF-8 with a BOM and CRLF, so Excel and WPS open the Chinese text as it is. */
export function toCsv(rows: ReportRow[]): string {
  const field = (v: string) => {
    const s = inert(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    REPORT_COLUMNS.map((c) => c.zh).join(','),
    ...rows.map((r) => REPORT_COLUMNS.map((c) => field(r[c.key])).join(',')),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The same rows as a workbook: a frozen, filterable header, errors in red. */
export async function toXlsx(rows: ReportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REPORT_COLUMNS.map((c) => ({
    header: c.zh,
    key: c.key,
    width: c.key === 'message' || c.key === 'suggestion' ? 60 : c.key === 'file' ? 36 : 14,
  }));
  for (const r of rows) {
    const row = ws.addRow(REPORT_COLUMNS.map((c) => r[c.key]));
    // Text cells, whatever they hold: a unit's “=1+1” stays what it typed.
    row.eachCell((cell) => (cell.numFmt = '@'));
    if (r.severity === '错误') row.getCell('severity').font = { color: { argb: 'FFC00000' }, bold: true };
    row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('suggestion').alignment = { wrapText: true, vertical: 'top' };
  }
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Write the report as CSV or .xlsx, by the file's extension. */
export async function writeReport(file: string, reports: FileReport[]): Promise<void> {
  const rows = reportRows(reports);
  if (/\.csv$/i.test(file)) await writeFile(file, toCsv(rows), 'utf8');
  else if (/\.xlsx$/i.test(file)) await writeFile(file, await toXlsx(rows));
  else throw new Error(`--report writes .csv or .xlsx, not ${file}`);
}
