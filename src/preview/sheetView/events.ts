/** What the user's mouse and keys do: on the grid, in the cell editor, the bar and the sheet tabs. */
import { cellAddress, parseAddress } from '../fake/address';
import { cancel, commit, startEdit } from './editing';
import { updateSelection } from './grid';
import { cellOf, extendTo, move, selectRect } from './selecting';
import { activeSheet, say, type View } from './state';

export function listen(v: View): void {
  listenOnGrid(v);
  listenOnEditor(v);
  listenOnBar(v);
  listenOnTabs(v);
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

function listenOnGrid(v: View): void {
  const { grid } = v;
  grid.addEventListener('mousedown', (e) => {
    const hit = cellOf(e.target);
    if (!hit) return;
    if (v.editing && (v.editing.r !== hit.r || v.editing.c !== hit.c)) commit(v);
    if (v.editing) return;
    e.preventDefault();
    grid.focus();
    const sheet = activeSheet(v);
    if (e.shiftKey && sheet) selectRect(v, extendTo(sheet.selection, hit.r, hit.c));
    else selectRect(v, { r1: hit.r, c1: hit.c, r2: hit.r, c2: hit.c });
  });

  grid.addEventListener('dblclick', (e) => {
    const hit = cellOf(e.target);
    if (!hit || v.editing) return;
    selectRect(v, { r1: hit.r, c1: hit.c, r2: hit.r, c2: hit.c });
    startEdit(v);
  });

  grid.addEventListener('keydown', (e) => {
    if (v.editing || e.target !== grid) return;
    onGridKey(v, e);
  });
}

/** A key on the selected cell, as Excel takes it: move, edit, clear, or start typing over it. */
function onGridKey(v: View, e: KeyboardEvent): void {
  const step = ARROWS[e.key];
  if (step) {
    e.preventDefault();
    move(v, step[0], step[1], e.shiftKey);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    move(v, e.shiftKey ? -1 : 1, 0);
  } else if (e.key === 'Tab') {
    e.preventDefault();
    move(v, 0, e.shiftKey ? -1 : 1);
  } else if (e.key === 'F2') {
    e.preventDefault();
    startEdit(v);
  } else if (e.key === 'Delete') {
    e.preventDefault();
    const sheet = activeSheet(v);
    if (!sheet) return;
    if (!v.workbook.canEdit(sheet.name)) return say(v, v.text.protectedSheet);
    const { r1, c1 } = sheet.selection;
    void v.workbook.userEdit(sheet.name, cellAddress(r1, c1), '');
  } else if (e.key === 'Backspace') {
    e.preventDefault();
    startEdit(v, '');
  } else if (e.key === 'Process' || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey)) {
    // Typing replaces the cell; an IME composition continues in the editor.
    if (e.key !== 'Process') e.preventDefault();
    startEdit(v, e.key === 'Process' ? '' : e.key);
  }
}

function listenOnEditor(v: View): void {
  const { editor, formula } = v;
  editor.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(v, e.shiftKey ? -1 : 1, 0);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      commit(v, 0, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel(v);
    }
  });
  editor.addEventListener('input', () => (formula.value = editor.value));
}

/** The formula bar edits the active cell; the name box selects what is typed into it. */
function listenOnBar(v: View): void {
  const { editor, formula, nameBox, grid } = v;
  formula.addEventListener('focus', () => {
    if (!v.editing && startEdit(v, undefined, 'bar')) editor.value = formula.value;
  });
  formula.addEventListener('input', () => {
    if (!v.editing) startEdit(v, formula.value, 'bar');
    editor.value = formula.value;
  });
  formula.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(v, 1, 0);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel(v);
    }
  });

  nameBox.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const rect = parseAddress(nameBox.value);
    if (!rect) return say(v, v.text.badAddress);
    if (v.editing) commit(v);
    selectRect(v, rect);
    grid.focus();
  });
  nameBox.addEventListener('blur', () => updateSelection(v));
}

function listenOnTabs(v: View): void {
  v.tabs.addEventListener('click', (e) => {
    const tab = (e.target as Element | null)?.closest?.('[data-tab]');
    const name = tab?.getAttribute('data-tab');
    if (!name) return;
    if (v.editing) commit(v);
    v.workbook.activeSheet = name;
  });
}
