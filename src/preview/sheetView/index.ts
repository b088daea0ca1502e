/**
 * A small spreadsheet view of a FakeWorkbook in plain DOM (no React, so the preview bundle stays small):
 * sheet tabs, name box, formula bar and a grid that draws values, formats, merges, sizes, notes and input
 * prompts. A user selects and types as in Excel; while a cell is being edited the model is in cell-edit
 * mode, so the task pane meets Excel's real edit-mode error.
 *
 * The parts: frame (DOM and style), grid (drawing and selection), overlay (editor and prompt placement),
 * selecting, editing, events; state holds what they share.
 */
import type { ChangeKind, FakeWorkbook } from '../fake/model';
import { endEdit } from './editing';
import { listen } from './events';
import { buildFrame } from './frame';
import { render, updateSelection } from './grid';
import type { SheetViewOptions, View } from './state';

export type { SheetViewOptions };

export interface SheetView {
  readonly element: HTMLElement;
  /** Redraw everything from the model. */
  render(): void;
  /** Whether a cell is being edited (the model is in cell-edit mode). */
  readonly editing: boolean;
  destroy(): void;
}

export function mountSheetView(
  host: HTMLElement,
  workbook: FakeWorkbook,
  options: SheetViewOptions = {},
): SheetView {
  const v: View = {
    ...buildFrame(host, options.lang ?? 'zh'),
    workbook,
    options,
    cells: new Map(),
    extent: { rows: 0, cols: 0 },
    editing: null,
    shown: '',
  };
  listen(v);
  const stop = workbook.onChange((kind: ChangeKind) =>
    kind === 'selection' ? updateSelection(v) : render(v),
  );
  render(v);

  return {
    element: v.root,
    render: () => render(v),
    get editing() {
      return v.editing !== null;
    },
    destroy() {
      stop();
      if (v.editing) endEdit(v);
      v.root.remove();
    },
  };
}
