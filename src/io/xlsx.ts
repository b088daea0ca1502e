import { existsSync } from 'fs';
import type ExcelJS from 'exceljs';
import { ProfileId, type Declaration } from '../model';
import { LAYOUTS, layoutById, readDeclaration, render, type Layout, type ReadResult } from '../layouts';
import { cellText } from '../layouts/cells';
import { applyPlan, loadXlsx, newWorkbook, readWorkbook } from '../hosts/workbook/exceljs';
import type { WorkbookSnapshot } from '../hosts/types';

/** A file that is not a declaration we can read: the CLI's exit code 2. */
export class ReadError extends Error {}

export function declarationWorkbook(decl: Declaration): ExcelJS.Workbook {
  const wb = newWorkbook();
  applyPlan(wb, render(LAYOUTS[decl.kind], decl));
  return wb;
}

export async function writeDeclarationXlsx(decl: Declaration, file: string): Promise<void> {
  await declarationWorkbook(decl).xlsx.writeFile(file);
}

/** Which layout a workbook holds: its stamp first, else the title of its first sheet. */
export function detectLayout(snap: WorkbookSnapshot): Layout | undefined {
  if (snap.stamp) {
    const l = layoutById(snap.stamp.layout);
    if (l) return l;
  }
  for (const g of snap.grids) {
    const title = cellText(g.rows[0]?.[0]);
    if (title.includes('部门整体')) return LAYOUTS.department;
    if (title.includes('专项资金')) return LAYOUTS.specialFund;
    if (title.includes('项目支出')) return LAYOUTS.project;
  }
  return undefined;
}

export function readSnapshot(snap: WorkbookSnapshot, file = 'workbook'): ReadResult {
  const layout = detectLayout(snap);
  if (!layout)
    throw new ReadError(`${file}: no declaration layout found (no jixiao stamp and no known form title)`);
  const profile = ProfileId.safeParse(snap.stamp?.profile);
  return readDeclaration(layout, snap.grids, profile.success ? profile.data : undefined);
}

export async function readDeclarationXlsx(file: string): Promise<ReadResult> {
  let wb: ExcelJS.Workbook;
  if (!existsSync(file)) throw new ReadError(`${file}: no such file`);
  try {
    wb = await loadXlsx(file);
  } catch (e) {
    throw new ReadError(`${file}: not a readable .xlsx file (${(e as Error).message})`);
  }
  return readSnapshot(readWorkbook(wb), file);
}
