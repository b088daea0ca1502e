/**
 * Ribbon commands that run without the pane: 校验 (validateWorkbook) checks the workbook and marks the
 * cells; the findings list is in the pane.
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

void Office.onReady(() => {
  Office.actions.associate('validateWorkbook', validateWorkbook);
});
// Older Excel builds call the function by its global name.
Object.assign(globalThis, { validateWorkbook });
