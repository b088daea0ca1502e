/**
 * The ribbon's notice dialog, as its URL carries it: which message (a refusal of 插入行, or a failure as
 * the pane names it) and the UI language, never the words themselves. The page looks the words up in the
 * pane's strings through the pane's own mapping, so a crafted link can show only our messages, as text.
 */
import type { Lang, RowInsertOutcome } from '../app/session';
import type { HostErrorKind } from '../hosts/errors';
import { errorMessage, rowInsertMessage } from '../taskpane/messages';
import type { PaneError } from '../taskpane/state';
import { fill, STRINGS, type Strings } from '../taskpane/strings';

export type Refusal = Exclude<RowInsertOutcome['status'], 'inserted'>;

/** Why 插入行 inserted nothing. */
export type Notice = { refused: Refusal } | { error: PaneError };

/**
 * The host's own words ride along for the details line, cut short: a dialog's URL has a length limit
 * (about 2,000 characters in older WebViews), and a Chinese character takes nine once percent-encoded.
 */
export const DETAIL_MAX = 150;
const SHEETS_MAX = 10;

/** The notice page's address, next to `page` (the commands page: same origin, so no AppDomain needed). */
export function noticeUrl(page: string, lang: Lang, notice: Notice): string {
  const url = new URL('notice.html', page);
  const q = url.searchParams;
  q.set('lang', lang);
  if ('refused' in notice) {
    q.set('refused', notice.refused);
  } else {
    q.set('error', notice.error.kind);
    if (notice.error.detail) q.set('detail', notice.error.detail.slice(0, DETAIL_MAX));
    for (const sheet of notice.error.sheets.slice(0, SHEETS_MAX)) q.append('sheet', sheet);
  }
  return url.href;
}

export interface NoticeText {
  lang: Lang;
  title: string;
  message: string;
  /** the details line, '' for none */
  detail: string;
  ok: string;
}

const isKind = (s: Strings, kind: string | null): kind is HostErrorKind =>
  kind !== null && Object.prototype.hasOwnProperty.call(s, `hostError.${kind}`);

/** The words for a notice page's query string; anything unknown reads as the unexpected failure. */
export function noticeText(search: string): NoticeText {
  const q = new URLSearchParams(search);
  const lang: Lang = q.get('lang') === 'en' ? 'en' : 'zh';
  const s = STRINGS[lang];
  const refused = q.get('refused');
  const base = { lang, title: s.insertRowButton, ok: s.noticeOk };
  if (refused === 'notInTable' || refused === 'none')
    return { ...base, message: rowInsertMessage(s, { status: refused }), detail: '' };
  const kind = q.get('error');
  const error: PaneError = {
    kind: isKind(s, kind) ? kind : 'unknown',
    detail: (q.get('detail') ?? '').slice(0, DETAIL_MAX),
    sheets: q.getAll('sheet').slice(0, SHEETS_MAX),
  };
  return {
    ...base,
    message: errorMessage(s, error),
    detail: error.detail ? fill(s.errorDetails, { detail: error.detail }) : '',
  };
}
