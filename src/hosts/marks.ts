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
 * (with the suggested fix) as its note.
 */
export function marksFor(findings: Finding[], lang: 'zh' | 'en'): Mark[] {
  const byCell = new Map<string, { mark: Mark; lines: string[] }>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}!${f.cell}`;
    const line = f.suggestion ? `${f.message[lang]} ${f.suggestion[lang]}` : f.message[lang];
    const seen = byCell.get(key);
    if (!seen) {
      byCell.set(key, {
        mark: { sheet: f.sheet, cell: f.cell, severity: f.severity, message: '' },
        lines: [line],
      });
      continue;
    }
    if (RANK[f.severity] < RANK[seen.mark.severity]) seen.mark.severity = f.severity;
    if (!seen.lines.includes(line)) seen.lines.push(line);
  }
  return [...byCell.values()].map(({ mark, lines }) => ({
    ...mark,
    message: `${MARK_PREFIX} ${lines.join('\n')}`,
  }));
}
