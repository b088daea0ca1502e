import type { Finding, Severity } from '../model';
import type { Mark } from './types';

/** Fill and font colours by severity: Excel's own "bad / neutral / note" cell-style palette. */
export const MARK_STYLES: Record<Severity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
  info: { fill: '#DDEBF7', font: '#1F4E78' },
};

/** Where a note starts, so a host can tell its own notes from the user's. */
export const MARK_PREFIX = '[绩效校验]';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * One mark per cell: the worst severity among the findings that point at it, and all their messages
 * (with the suggested fix) as its note. A finding marks its own cell and every other cell it concerns
 * (`cells`: the parts of a wrong total, on the finding's sheet), so the whole relation shows in the sheet.
 */
export function marksFor(findings: Finding[], lang: 'zh' | 'en'): Mark[] {
  const byCell = new Map<string, { mark: Mark; lines: string[] }>();
  const add = (sheet: string, cell: string, severity: Severity, line: string) => {
    const key = `${sheet}!${cell}`;
    const seen = byCell.get(key);
    if (!seen) {
      byCell.set(key, { mark: { sheet, cell, severity, message: '' }, lines: [line] });
      return;
    }
    if (RANK[severity] < RANK[seen.mark.severity]) seen.mark.severity = severity;
    if (!seen.lines.includes(line)) seen.lines.push(line);
  };
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const line = f.suggestion ? `${f.message[lang]} ${f.suggestion[lang]}` : f.message[lang];
    add(f.sheet, f.cell, f.severity, line);
    for (const other of f.cells) if (other !== f.cell) add(f.sheet, other, f.severity, line);
  }
  return [...byCell.values()].map(({ mark, lines }) => ({
    ...mark,
    message: `${MARK_PREFIX} ${lines.join('\n')}`,
  }));
}

/** Whether a note is one the host wrote: only those are rewritten or removed, never the user's. */
export const isMarkNote = (note: string | null): note is string =>
  note !== null && note.startsWith(MARK_PREFIX);

const MARK_FILLS = new Set(Object.values(MARK_STYLES).map((m) => m.fill.toUpperCase()));
const MARK_FONTS = new Set(Object.values(MARK_STYLES).map((m) => m.font.toUpperCase()));

/** How a mark's message was shown on a cell: a note the host added, an input prompt it set, or not at all. */
export type MarkMessage = 'note' | 'prompt' | 'none';

/** What a cell looked like before it was marked, as the host recorded it. */
export interface OwnLook {
  /** its fill colour, '#RRGGBB'; null for no fill */
  fill: string | null;
  /** its font colour; null where it could not be read (then the colour shown is left) */
  font: string | null;
  message: MarkMessage;
}

/** What a marked cell shows now, read just before its mark is taken off. */
export interface ShownLook {
  /** fill colour as '#RRGGBB' in any case; null where there is none or it could not be read */
  fill: string | null;
  font: string | null;
  /** the text of its note; null where it has none (or it was not read) */
  note: string | null;
}

/** What to put back when a cell's mark goes. A colour left undefined stays as the cell shows it. */
export interface Restore {
  /** the fill to put back: a colour, or null to clear it */
  fill?: string | null;
  font?: string;
  /** delete the note: the host added it and it still says the host's words */
  dropNote: boolean;
  /** put the cell's own input prompt back (the host keeps it with its record) */
  ownPrompt: boolean;
}

/**
 * Restore a cell only where the mark still shows: a fill or font colour that is no longer one of the
 * mark colours was given by the user since (or belongs to another cell, after rows moved) and is kept,
 * and so is a note the user wrote over ours.
 */
export function decideRestore(shown: ShownLook, own: OwnLook): Restore {
  const out: Restore = {
    dropNote: own.message === 'note' && isMarkNote(shown.note),
    ownPrompt: own.message === 'prompt',
  };
  if (shown.fill !== null && MARK_FILLS.has(shown.fill.toUpperCase())) out.fill = own.fill;
  if (own.font && shown.font !== null && MARK_FONTS.has(shown.font.toUpperCase())) out.font = own.font;
  return out;
}
