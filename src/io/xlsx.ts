import { existsSync } from 'fs';
import type ExcelJS from 'exceljs';
import type { Declaration } from '../model';
import type { WorkbookSnapshot } from '../layouts';
import {
  BUILTIN,
  ReadError,
  STANDARD_FORMS,
  formOf,
  readSnapshot,
  renderForm,
  type Form,
  type FoundRead,
} from '../forms';
import { applyPlan, loadXlsx, newWorkbook, readWorkbook } from '../hosts/workbook/exceljs';

export { ReadError };

/** A declaration laid out in its form (the one it names, else the standard one of its kind), as a workbook. */
export function declarationWorkbook(decl: Declaration, form?: Form): ExcelJS.Workbook {
  const wb = newWorkbook();
  applyPlan(wb, renderForm(form ?? formOf(decl, BUILTIN) ?? STANDARD_FORMS[decl.kind], decl));
  return wb;
}

export async function writeDeclarationXlsx(decl: Declaration, file: string, form?: Form): Promise<void> {
  await declarationWorkbook(decl, form).xlsx.writeFile(file);
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

/** The first declaration of a workbook file, read with the built-in forms. */
export async function readDeclarationXlsx(file: string): Promise<FoundRead> {
  const snap = await readWorkbookFile(file);
  try {
    return readSnapshot(snap, BUILTIN);
  } catch (e) {
    if (e instanceof ReadError) throw new ReadError(`${file}: ${e.message}`);
    throw e;
  }
}
