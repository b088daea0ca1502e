import ExcelJS from 'exceljs';
import type { GridCell, SheetGrid } from '../../layouts/cells';
import {
  absoluteA1,
  LIST_ALERT,
  parseStampRows,
  STAMP_SHEET,
  stampRows,
  rangeA1,
  type PrintPlan,
  type RenderPlan,
  type Stamp,
  type StyleName,
} from '../../layouts/plan';
import type { WorkbookSnapshot } from '../types';
import { BORDER_COLOR, STYLES, type CellStyle } from '../../layouts/styles';

const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: argb(BORDER_COLOR) } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** The shared style table in ExcelJS's terms. */
function excelJsStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {
    font: { ...s.font },
    alignment: {
      vertical: s.vertical,
      ...(s.horizontal ? { horizontal: s.horizontal } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
    },
  };
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.border) out.border = border;
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.input) out.protection = { locked: false };
  return out;
}

const EXCELJS_STYLES = Object.fromEntries(
  Object.entries(STYLES).map(([name, s]) => [name, excelJsStyle(s)]),
) as Record<StyleName, Partial<ExcelJS.Style>>;

/** A4 is ExcelJS's PaperSize.A4 (9); its enum lacks A3, which is 8 in the OOXML paper codes. */
const PAPER_SIZE: Record<PrintPlan['paper'], ExcelJS.PaperSize> = {
  A4: 9,
  A3: 8 as number as ExcelJS.PaperSize,
};

/** The plan's print setup as ExcelJS writes it: margins in inches, print area and titles as defined names. */
function pageSetup(p: PrintPlan): Partial<ExcelJS.PageSetup> {
  const inches = (pt: number): number => Math.round((pt / 72) * 1000) / 1000;
  const m = p.margins;
  return {
    paperSize: PAPER_SIZE[p.paper],
    orientation: p.orientation,
    fitToPage: p.fitWidth > 0 || p.fitHeight > 0,
    fitToWidth: p.fitWidth,
    fitToHeight: p.fitHeight,
    margins: {
      left: inches(m.left),
      right: inches(m.right),
      top: inches(m.top),
      bottom: inches(m.bottom),
      header: inches(m.header),
      footer: inches(m.footer),
    },
    horizontalCentered: p.centerHorizontally,
    printArea: rangeA1(p.area),
    ...(p.titleRows ? { printTitlesRow: `${p.titleRows.r1}:${p.titleRows.r2}` } : {}),
  };
}

/** Apply a render plan to a workbook: one pass, no reads. */
export function applyPlan(wb: ExcelJS.Workbook, plan: RenderPlan): void {
  for (const sp of plan.sheets) {
    const existing = wb.getWorksheet(sp.name);
    if (existing) wb.removeWorksheet(existing.id);
    const ws = wb.addWorksheet(sp.name, {
      pageSetup: pageSetup(sp.print),
      headerFooter: { oddFooter: `&C${sp.print.footer}` },
      views: [{ showGridLines: false }],
    });
    sp.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const c of sp.cells) {
      const cell = ws.getCell(c.row, c.col);
      if (c.value !== null) cell.value = c.value;
      cell.style = EXCELJS_STYLES[c.style];
    }
    for (const m of sp.merges) ws.mergeCells(m.r1, m.c1, m.r2, m.c2);
    for (const [row, h] of Object.entries(sp.heights)) ws.getRow(Number(row)).height = h;
    for (const v of sp.validations) {
      const formula = `"${v.list.join(',')}"`;
      // Excel caps an inline list at 255 characters; a longer list is left to the rules.
      if (formula.length > 255) continue;
      for (let r = v.range.r1; r <= v.range.r2; r++)
        for (let c = v.range.c1; c <= v.range.c2; c++) {
          ws.getCell(r, c).dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [formula],
            // Other text is refused at the keystroke with the spreadsheet's own stop alert.
            showErrorMessage: true,
            errorStyle: 'stop',
            errorTitle: LIST_ALERT.title,
            error: LIST_ALERT.message,
          };
        }
    }
    for (const n of sp.names) wb.definedNames.add(`'${sp.name}'!${absoluteA1(n.range)}`, n.name);
  }
  writeStamp(wb, plan.stamp);
}

export function writeStamp(wb: ExcelJS.Workbook, stamp: Stamp): void {
  const old = wb.getWorksheet(STAMP_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(STAMP_SHEET, { state: 'hidden' });
  for (const row of stampRows(stamp)) ws.addRow(row);
}

function readStamp(wb: ExcelJS.Workbook): Stamp | undefined {
  const ws = wb.getWorksheet(STAMP_SHEET);
  if (!ws) return undefined;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value]));
  return parseStampRows(rows);
}

function toGridCell(cell: ExcelJS.Cell): GridCell | undefined {
  let v = cell.value as ExcelJS.CellValue;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('error' in v) return { value: null, error: String(v.error) };
    if ('richText' in v) v = v.richText.map((t) => t.text).join('');
    else if ('formula' in v || 'sharedFormula' in v) {
      // A formula cell reads as its cached result, as Excel shows it.
      const res = (v as ExcelJS.CellFormulaValue).result;
      if (res !== null && typeof res === 'object' && 'error' in res)
        return { value: null, error: String(res.error) };
      v = res === undefined ? null : (res as string | number | boolean | Date);
    } else if ('text' in v) v = String((v as ExcelJS.CellHyperlinkValue).text);
    else v = null;
  }
  return { value: v as GridCell['value'], numFmt: cell.numFmt || undefined };
}

/** Read every sheet into a host-independent grid; covered cells of a merge read blank. */
export function readWorkbook(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    if (ws.name === STAMP_SHEET) return;
    const rows: (GridCell | undefined)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const out: (GridCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        out[c - 1] = toGridCell(cell);
      });
      rows[r - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).map((m) => {
      const [a, b] = m.split(':');
      const A = ws.getCell(a);
      const B = ws.getCell(b ?? a);
      return { r1: Number(A.row) - 1, c1: Number(A.col) - 1, r2: Number(B.row) - 1, c2: Number(B.col) - 1 };
    });
    grids.push({ name: ws.name, rows, merges });
  });
  return { grids, stamp: readStamp(wb) };
}

export async function loadXlsxBuffer(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  return wb;
}
