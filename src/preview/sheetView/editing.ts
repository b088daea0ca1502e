/**
 * Editing a cell in place or in the formula bar. While a cell is being edited the model is in cell-edit
 * mode, so the task pane meets Excel's real edit-mode error.
 */
import { cellAddress } from '../fake/address';
import { ValidationRefusal, type Cell } from '../fake/model';
import { el } from './frame';
import { updateSelection } from './grid';
import { editText, FONT_STACK } from './look';
import { placeEditor } from './overlay';
import { move } from './selecting';
import { activeSheet, say, type Editing, type View } from './state';

export function startEdit(v: View, initial?: string, from: 'cell' | 'bar' = 'cell'): boolean {
  const { workbook, editor, formula } = v;
  const sheet = activeSheet(v);
  if (!sheet) return false;
  if (!workbook.canEdit(sheet.name)) {
    say(v, v.text.protectedSheet);
    return false;
  }
  const { r1: r, c1: c } = sheet.selection;
  const cell = sheet.read(r, c);
  v.editing = { sheet, r, c };
  // Excel refuses API calls while a cell is being edited; so does the fake.
  workbook.cellEditMode = true;
  const value = initial ?? editText(cell);
  editor.value = value;
  formula.value = value;
  fillList(v, cell);
  editor.style.fontFamily = `'${cell.font.name}', ${FONT_STACK}`;
  editor.style.fontSize = `${cell.font.size}pt`;
  editor.hidden = false;
  placeEditor(v);
  if (from === 'cell') {
    editor.focus();
    editor.setSelectionRange(value.length, value.length);
  }
  return true;
}

/** The drop-down of a list-validated cell; a list given as a reference ('=…') offers none. */
function fillList(v: View, cell: Cell): void {
  const { doc, list } = v;
  list.replaceChildren();
  const source = cell.dataValidation?.rule.list?.source;
  if (typeof source !== 'string' || source.startsWith('=')) return;
  for (const option of source.split(',')) list.append(el(doc, 'option', { value: option.trim() }));
}

export function endEdit(v: View): Editing | null {
  const was = v.editing;
  v.editing = null;
  v.editor.hidden = true;
  v.workbook.cellEditMode = false;
  return was;
}

/**
 * Enter: store the text as typed and move on, as Excel does. Text a stop alert refuses is not stored:
 * the alert's words show in the status, as after choosing Cancel in Excel's alert.
 */
export function commit(v: View, dr = 0, dc = 0): void {
  const was = endEdit(v);
  if (!was) return;
  const value = v.editor.value;
  // Enter on an empty cell with nothing typed changes nothing; anything else is an edit, even the same text.
  if (value !== '' || editText(was.sheet.read(was.r, was.c)) !== '') {
    try {
      void v.workbook.userEdit(was.sheet.name, cellAddress(was.r, was.c), value);
    } catch (e) {
      if (e instanceof ValidationRefusal) say(v, e.alert || v.text.validationStop);
      else say(v, v.text.protectedSheet);
    }
  }
  if (dr || dc) move(v, dr, dc);
  else updateSelection(v);
  v.grid.focus();
}

export function cancel(v: View): void {
  if (!endEdit(v)) return;
  updateSelection(v);
  v.grid.focus();
}
