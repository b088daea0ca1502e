import type { Lang } from '../app/session';
import { chooseLang } from '../taskpane/boot';

/** The reviewer's token lives in this tab's sessionStorage only: closing the tab signs out. */
const TOKEN_KEY = 'jixiao.review.token';

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function keepToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (a locked-down browser): the token stays in memory for this page only.
  }
}

/** Chinese by default; English for an English browser or `?lang=en`, as the pane follows Office's language. */
export function deskLang(): Lang {
  return chooseLang(navigator.language, window.location.search);
}
