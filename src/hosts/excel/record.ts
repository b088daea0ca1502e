import { z } from 'zod';
import type { XSettings } from './api';

/** What a cell looked like before the host marked it, so clearing puts it back exactly. */
export const MarkedCell = z.object({
  sheet: z.string(),
  cell: z.string(),
  fill: z.string().nullable(),
  /** ExcelApi 1.9 tells 'None' from a white fill; null where it could not be read */
  pattern: z.string().nullable(),
  font: z.string().nullable(),
  /** how the message was shown: a note the host added, an input prompt it set, or nothing */
  message: z.enum(['note', 'prompt', 'none']),
  /** the cell's own prompt, restored on clear */
  prompt: z.object({ showPrompt: z.boolean(), title: z.string(), message: z.string() }).nullable(),
});
export type MarkedCell = z.infer<typeof MarkedCell>;

const KEY = 'jixiao.marks';

export const keyOf = (sheet: string, cell: string): string => `${sheet}!${cell}`;

/**
 * The record lives in the document's add-in settings, saved with the workbook. The pane and the ribbon's
 * command run in separate runtimes with their own copies, so read the document's first.
 */
export async function refreshRecord(settings: XSettings): Promise<Map<string, MarkedCell>> {
  await new Promise<void>((resolve) => settings.refreshAsync(() => resolve()));
  return loadRecord(settings);
}

export function loadRecord(settings: XSettings): Map<string, MarkedCell> {
  const parsed = z.array(MarkedCell).safeParse(settings.get(KEY));
  const list = parsed.success ? parsed.data : [];
  return new Map(list.map((m) => [keyOf(m.sheet, m.cell), m]));
}

export function saveRecord(settings: XSettings, record: Map<string, MarkedCell>): Promise<void> {
  if (record.size === 0) settings.remove(KEY);
  else settings.set(KEY, [...record.values()]);
  // A failed save only loses the ability to restore after a reload; the marks themselves are written.
  return new Promise((resolve) => settings.saveAsync(() => resolve()));
}
