/**
 * Ribbon commands that run without the pane: 校验 (validateWorkbook) checks the workbook and marks the
 * cells; the findings list is in the pane. 插入行 (insertRow) inserts a row into the table under the
 * selection; where it cannot (no table there, no declaration, a protected sheet), a small Office dialog
 * (notice.html) says why in the pane's words.
 */
import { Session } from '../app/session';
import { ExcelHost, officeExcelApi } from '../hosts/excel';
import { toPaneError } from '../taskpane/state';
import { noticeUrl, type Notice } from './notice';

const lang = () => (/^en/i.test(Office.context.displayLanguage) ? 'en' : 'zh');

async function validateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await new Session(new ExcelHost(officeExcelApi()), lang()).check();
  } catch (e) {
    // A ribbon command has no surface to explain itself; the pane's 校验 shows the same error in words.
    console.error(e);
  } finally {
    event.completed();
  }
}

/** Percent of the screen: room for three lines of text and the button. */
const NOTICE_SIZE = { width: 30, height: 30 };

/**
 * Show the notice in an Office dialog; resolves once the user has dismissed it (its OK button's message,
 * or the dialog's own close), or at once, with false, when no dialog could open. Never rejects.
 */
function showNotice(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    // DialogApi 1.1 is older than every Excel with the ExcelApi this add-in needs, but say so if absent.
    const ui = Office.context.ui as Office.UI | undefined;
    if (typeof ui?.displayDialogAsync !== 'function') {
      resolve(false);
      return;
    }
    try {
      ui.displayDialogAsync(url, { ...NOTICE_SIZE, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          // 12007: a dialog is already open from this add-in; 12009/12011: the user or the browser refused.
          console.warn('插入行 / Insert row: no dialog', result.error);
          resolve(false);
          return;
        }
        const dialog = result.value;
        let closed = false;
        const done = () => {
          if (closed) return;
          closed = true;
          try {
            dialog.close();
          } catch {
            // already gone: closed by the user
          }
          resolve(true);
        };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
        // Closed with its ✕ (12006), or its page failed to load (12002): either way the user is done.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
      });
    } catch (e) {
      console.warn('插入行 / Insert row: no dialog', e);
      resolve(false);
    }
  });
}

async function insertRow(event: Office.AddinCommands.Event): Promise<void> {
  let notice: Notice | undefined;
  try {
    const outcome = await new Session(new ExcelHost(officeExcelApi()), lang()).insertRow();
    if (outcome.status !== 'inserted') notice = { refused: outcome.status };
  } catch (e) {
    console.error(e);
    notice = { error: toPaneError(e) };
  }
  try {
    if (notice && !(await showNotice(noticeUrl(location.href, lang(), notice))))
      console.warn('插入行 / Insert row:', notice);
  } catch (e) {
    console.warn('插入行 / Insert row:', notice, e);
  } finally {
    // Only now: a function command's runtime may unload once completed, and the dialog's handlers with it.
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate('validateWorkbook', validateWorkbook);
  Office.actions.associate('insertRow', insertRow);
});
// Older Excel builds call the functions by their global names.
Object.assign(globalThis, { validateWorkbook, insertRow });
