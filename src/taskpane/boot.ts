import type { Lang } from '../app/session';

/** Which card the pane opens on. */
export type InitialView = 'insert' | 'check' | 'validate' | 'selftest' | 'insertRow';

/** How long Office.js gets to say it is ready before the pane explains that it needs Excel. */
export const READY_TIMEOUT_MS = 10_000;

/**
 * English for an English Office, Chinese otherwise (the users are Chinese budget staff). `?lang=` wins, so
 * the browser preview can show either.
 */
export function chooseLang(displayLanguage: string | undefined, search: string): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  return displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/**
 * `?view=insert` comes from the ribbon's insert button; `?view=validate` from WPS's 校验 button, which checks
 * at once; `?view=selftest` from the ribbons' 自检 button, which runs the self-test at once;
 * `?view=insertRow` from WPS's 插入行 button, which inserts a row at once.
 */
export function chooseView(search: string): InitialView {
  const view = new URLSearchParams(search).get('view');
  return view === 'insert' || view === 'validate' || view === 'selftest' || view === 'insertRow'
    ? view
    : 'check';
}

export function htmlLang(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** Resolves true when Office.js is ready, false when it is absent or never answers. */
export async function officeReady(
  office: { onReady(): Promise<unknown> } | undefined,
  timeoutMs: number = READY_TIMEOUT_MS,
): Promise<boolean> {
  if (!office) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      office.onReady().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
