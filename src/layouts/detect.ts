import { ProfileId } from '../model';
import { cellText, type WorkbookSnapshot } from './cells';
import { LAYOUTS, layoutById } from './registry';
import { readDeclaration, type ReadResult } from './read';
import type { Layout } from './types';

/** A workbook that holds no declaration we can read: the CLI's exit code 2, the pane's "insert one first". */
export class ReadError extends Error {}

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
