import type { SheetGrid } from '../layouts/cells';
import type { RenderPlan, Stamp } from '../layouts/plan';

/** What every spreadsheet host offers the pure code: write a plan in one batch, read the grid back. */
export interface SheetHost {
  write(plan: RenderPlan): Promise<void>;
  read(): Promise<WorkbookSnapshot>;
}

export interface WorkbookSnapshot {
  grids: SheetGrid[];
  stamp?: Stamp;
}
