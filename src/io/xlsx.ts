import type ExcelJS from 'exceljs';
import type { Declaration } from '../model';
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
import { applyPlan, newWorkbook } from '../hosts/workbook/exceljs';
import { readWorkbookFile } from './workbookFile';

export { ReadError, readWorkbookFile };

/** A declaration laid out in its form (the one it names, else the standard one of its kind), as a workbook. */
export function declarationWorkbook(decl: Declaration, form?: Form): ExcelJS.Workbook {
  const wb = newWorkbook();
  applyPlan(wb, renderForm(form ?? formOf(decl, BUILTIN) ?? STANDARD_FORMS[decl.kind], decl));
  return wb;
}

export async function writeDeclarationXlsx(decl: Declaration, file: string, form?: Form): Promise<void> {
  await declarationWorkbook(decl, form).xlsx.writeFile(file);
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
