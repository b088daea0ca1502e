/**
 * Ribbon commands that run without the pane: 校验 (validateWorkbook) checks the workbook and marks the
 * cells; the findings list is in the pane. 插入行 (insertRow) inserts a row into the table under the
 * selection; where it cannot (no table there, a protected sheet), the pane's 插入行 says why in words.
 */
import { Session } from '../app/session';
import { ExcelHost, officeExcelApi } from '../hosts/excel';

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

async function insertRow(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const outcome = await new Session(new ExcelHost(officeExcelApi()), lang()).insertRow();
    if (outcome.status !== 'inserted') console.warn('插入行 / Insert row:', outcome);
  } catch (e) {
    console.error(e);
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  Office.actions.associate('validateWorkbook', validateWorkbook);
  Office.actions.associate('insertRow', insertRow);
});
// Older Excel builds call the functions by their global names.
Object.assign(globalThis, { validateWorkbook, insertRow });
