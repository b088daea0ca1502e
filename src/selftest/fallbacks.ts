/**
 * Fallbacks keyed to a self-test's report: where a check failed on this host version, the pane takes the
 * next-best path it already has, remembers it for that version (the add-in's localStorage) and says so
 * once. Never silent: every fallback in force has its one-line notice.
 */
import { z } from 'zod';
import type { HostInfo } from '../submit/diagnostics';
import type { FallbackName, Outcome, Text } from './checks';

export const Fallbacks = z.object({
  /** notes failed where ExcelApi 1.18 promised them: marks show their message as an input prompt */
  promptsForNotes: z.boolean().default(false),
  /** the add-in's own marking fired edit events: checking as you type would loop, so it stays off */
  noLive: z.boolean().default(false),
});
export type Fallbacks = z.infer<typeof Fallbacks>;

export const NO_FALLBACKS: Fallbacks = { promptsForNotes: false, noLive: false };

/** The fallbacks the failed checks named: each check knows which failure a fallback gets round. */
export function fallbacksFrom(runs: readonly { outcome: Outcome }[], host: HostInfo['host']): Fallbacks {
  const named = (f: FallbackName) => runs.some((r) => r.outcome.kind === 'fail' && r.outcome.fallback === f);
  return {
    // Only Excel has a second way to show a message (its input prompt); WPS's comments are the only one.
    promptsForNotes: host === 'excel' && named('promptsForNotes'),
    noLive: named('noLive'),
  };
}

/** One line per fallback in force, in both languages. */
export function fallbackNotices(f: Fallbacks): Text[] {
  const out: Text[] = [];
  if (f.promptsForNotes)
    out.push({
      zh: '自检发现此 Excel 的批注不可用：标记的说明改为输入提示显示（选中单元格时可见）。',
      en: 'The self-test found notes failing in this Excel: marks show their message as an input prompt (seen when the cell is selected).',
    });
  if (f.noLive)
    out.push({
      zh: '自检发现加载项自己的标记也会触发编辑事件：已关闭“输入时校验”，请改为点“校验”。',
      en: "The self-test found the add-in's own marking fires edit events: checking as you type is off; click Validate instead.",
    });
  return out;
}

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Per host and version: an update of Excel or WPS starts from no fallback until it is self-tested. */
export const fallbackKey = (info: Pick<HostInfo, 'host' | 'platform' | 'version'>): string =>
  `jixiao.fallbacks.${info.host}.${info.platform}.${info.version}`;

export function loadFallbacks(
  storage: Storage,
  info: Pick<HostInfo, 'host' | 'platform' | 'version'>,
): Fallbacks {
  try {
    const text = storage.getItem(fallbackKey(info));
    const parsed = text ? Fallbacks.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data : NO_FALLBACKS;
  } catch {
    return NO_FALLBACKS;
  }
}

/** Stored where storage allows; a refusal leaves the fallbacks in force for this session only. */
export function saveFallbacks(
  storage: Storage,
  info: Pick<HostInfo, 'host' | 'platform' | 'version'>,
  f: Fallbacks,
): void {
  try {
    storage.setItem(fallbackKey(info), JSON.stringify(f));
  } catch {
    // The notice still shows; the next pane asks for a self-test again.
  }
}

/** The host side of a fallback: the Excel host's prompts instead of notes. */
export function applyFallbacks(host: object, f: Fallbacks): void {
  if ('promptsForNotes' in host) (host as { promptsForNotes: boolean }).promptsForNotes = f.promptsForNotes;
}
