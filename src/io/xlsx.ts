import { existsSync } from 'fs';
import type ExcelJS from 'exceljs';
import type { Declaration } from '../model';
import { LAYOUTS, ReadError, readSnapshot, render, type ReadResult } from '../layouts';
export { ReadError, readSnapshot, detectLayout } from '../layouts';
import type { WorkbookSnapshot } from '../hosts/types';
import { applyPlan, loadXlsx, newWorkbook, readWorkbook } from '../hosts/workbook/exceljs';

export function declarationWorkbook(decl: Declaration): ExcelJS.Workbook {
  const wb = newWorkbook();
  applyPlan(wb, render(LAYOUTS[decl.kind], decl));
  return wb;
}

export async function writeDeclarationXlsx(decl: Declaration, file: string): Promise<void> {
  await declarationWorkbook(decl).xlsx.writeFile(file);
}

/** Load a .xlsx file into a snapshot; a missing or unreadable file is a ReadError. */
export async function readWorkbookFile(file: string): Promise<WorkbookSnapshot> {
  if (!existsSync(file)) throw new ReadError(`${file}: no such file`);
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadXlsx(file);
  } catch (e) {
    throw new ReadError(`${file}: not a readable .xlsx file (${(e as Error).message})`);
  }
  return readWorkbook(wb);
}

export async function readDeclarationXlsx(file: string): Promise<ReadResult> {
  return readSnapshot(await readWorkbookFile(file), file);
}
