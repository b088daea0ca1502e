/**
 * The steps of one marking in Excel, around its two round trips: queue the loads (what fresh target
 * cells look like, what cells to restore show now, which sheets are protected), then restore, mark and
 * re-mark from what was loaded. What to put back is decided by decideRestore, as in every host.
 */
import { decideRestore, isMarkNote, MARK_PREFIX, MARK_STYLES } from '../marks';
import type { Mark } from '../types';
import type { XNote, XRange, XWorksheet, XWorksheetCollection, XWorksheetProtection } from './api';
import { keyOf, type MarkedCell } from './record';

const PROMPT_TITLE = '绩效校验';

/** A sheet by name, one proxy per sheet for the whole batch. */
export type SheetOf = (name: string) => XWorksheet;

export function sheetCache(sheets: XWorksheetCollection): SheetOf {
  const cache = new Map<string, XWorksheet>();
  return (name) => {
    let ws = cache.get(name);
    if (!ws) cache.set(name, (ws = sheets.getItem(name)));
    return ws;
  };
}

/** A cell marked for the first time: its own look (fill, font colour, note or prompt), loaded. */
interface Fresh {
  mark: Mark;
  range: XRange;
  note?: XNote;
}

/** A cell marked before and still marked: its original look is on record; its note, if ours, loaded. */
interface Kept {
  mark: Mark;
  entry: MarkedCell;
  note?: XNote;
}

/** A cell no longer marked, on a sheet that still exists: what it shows now, loaded. */
interface Gone {
  entry: MarkedCell;
  range: XRange;
  note?: XNote;
}

/** Everything the first round trip of a marking loads. */
export interface MarkingLoads {
  fresh: Fresh[];
  kept: Kept[];
  gone: Gone[];
  protections: { name: string; protection: XWorksheetProtection }[];
}

/** What the Excel in hand can do: notes (ExcelApi 1.18) and reading a fill's pattern (1.9). */
export interface MarkingSupport {
  notes: boolean;
  pattern: boolean;
}

/** Queue the loads of the first round trip; `known` are the sheets that exist, as last seen. */
export function queueMarkingLoads(
  sheet: SheetOf,
  record: Map<string, MarkedCell>,
  marks: Mark[],
  known: Set<string>,
  can: MarkingSupport,
): MarkingLoads {
  const wanted = new Map(marks.map((m) => [keyOf(m.sheet, m.cell), m]));
  const noteOf = (entry: { sheet: string; cell: string }): XNote =>
    sheet(entry.sheet).notes.getItemOrNullObject(entry.cell).load('content');

  const fresh: Fresh[] = [];
  const kept: Kept[] = [];
  for (const [key, m] of wanted) {
    const entry = record.get(key);
    if (entry) {
      kept.push({ mark: m, entry, note: entry.message === 'note' ? noteOf(m) : undefined });
      continue;
    }
    const range = sheet(m.sheet).getRange(m.cell);
    range.format.fill.load(can.pattern ? 'color,pattern' : 'color');
    range.format.font.load('color');
    if (can.notes) fresh.push({ mark: m, range, note: noteOf(m) });
    else {
      range.dataValidation.load('prompt');
      fresh.push({ mark: m, range });
    }
  }
  // Cells to restore: only on sheets that still exist; a deleted sheet took its marks with it.
  const gone = [...record.values()]
    .filter((r) => !wanted.has(keyOf(r.sheet, r.cell)) && known.has(r.sheet))
    .map((entry): Gone => {
      const range = sheet(entry.sheet).getRange(entry.cell);
      range.format.fill.load('color');
      range.format.font.load('color');
      return { entry, range, note: entry.message === 'note' ? noteOf(entry) : undefined };
    });
  const protections = [...new Set(marks.map((m) => m.sheet))].map((name) => ({
    name,
    protection: sheet(name).protection.load('protected'),
  }));
  return { fresh, kept, gone, protections };
}

/** Take a cell's mark off as decideRestore says, from what the cell shows now. */
export function restoreCell({ entry, range, note }: Gone): void {
  const fill: unknown = range.format.fill.color;
  const font: unknown = range.format.font.color;
  const restore = decideRestore(
    {
      fill: typeof fill === 'string' ? fill : null,
      font: typeof font === 'string' ? font : null,
      note: note && !note.isNullObject ? note.content : null,
    },
    {
      fill: entry.pattern === 'None' || entry.fill === null ? null : entry.fill,
      font: entry.font,
      message: entry.message,
    },
  );
  if (restore.fill === null) range.format.fill.clear();
  else if (restore.fill !== undefined) range.format.fill.color = restore.fill;
  if (restore.font !== undefined) range.format.font.color = restore.font;
  if (restore.ownPrompt && entry.prompt) range.dataValidation.prompt = entry.prompt;
  if (restore.dropNote) note?.delete();
}

/** Mark a cell for the first time; returns its original look, to be recorded. */
export function markFresh({ mark, range, note }: Fresh, sheet: SheetOf, can: MarkingSupport): MarkedCell {
  const fill = range.format.fill;
  const entry: MarkedCell = {
    sheet: mark.sheet,
    cell: mark.cell,
    fill: fill.color ?? null,
    pattern: can.pattern ? (fill.pattern ?? null) : null,
    font: range.format.font.color ?? null,
    message: 'none',
    prompt: null,
  };
  if (note) {
    // The user's own note is theirs: the mark shows in colour and in the pane only.
    if (note.isNullObject) {
      sheet(mark.sheet).notes.add(range, mark.message);
      entry.message = 'note';
    } else if (isMarkNote(note.content)) {
      note.content = mark.message;
      entry.message = 'note';
    }
  } else {
    const own = range.dataValidation.prompt;
    entry.prompt = { showPrompt: own.showPrompt, title: own.title, message: own.message };
    range.dataValidation.prompt = promptFor(mark);
    entry.message = 'prompt';
  }
  paintMark(range, mark);
  return entry;
}

/** Mark again a cell already marked, with this mark's colours and message. */
export function remark({ mark, entry, note }: Kept, sheet: SheetOf): void {
  const range = sheet(mark.sheet).getRange(mark.cell);
  paintMark(range, mark);
  if (note?.isNullObject) sheet(mark.sheet).notes.add(range, mark.message);
  else if (note && isMarkNote(note.content)) note.content = mark.message;
  if (entry.message === 'prompt') range.dataValidation.prompt = promptFor(mark);
}

function paintMark(range: XRange, m: Mark): void {
  range.format.fill.color = MARK_STYLES[m.severity].fill;
  range.format.font.color = MARK_STYLES[m.severity].font;
}

/** Excel caps a prompt's title at 32 and its message at 255 characters; the title already names us. */
function promptFor(m: Mark) {
  const text = m.message.startsWith(MARK_PREFIX)
    ? m.message.slice(MARK_PREFIX.length).trimStart()
    : m.message;
  return {
    showPrompt: true,
    title: PROMPT_TITLE,
    message: text.length > 255 ? `${text.slice(0, 254)}…` : text,
  };
}
