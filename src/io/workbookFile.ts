import { readFile } from 'fs/promises';
import type { WorkbookSnapshot } from '../layouts';
import { ReadError } from '../forms';
import { readXlsxSnapshot, UnsupportedXlsx } from '../hosts/workbook/ooxml';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** What to do with an old .xls or .et workbook, in the clerk's language first. */
export const OLD_FORMAT =
  '旧格式（.xls/.et）工作簿：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再校验 (an old .xls/.et workbook: open it in Excel or WPS and save it as .xlsx)';

/**
 * Load a .xlsx file into a snapshot; a missing or unreadable file is a ReadError. The parts are read
 * directly (a check needs values, formats and merges, not a document model); a file that reader does not
 * handle goes to ExcelJS, loaded only then.
 */
export async function readWorkbookFile(file: string): Promise<WorkbookSnapshot> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReadError(
      code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot be read (${code ?? 'error'})`,
    );
  }
  // An old binary workbook (Excel 97–2003 .xls, WPS .et), whatever its name says: its OLE signature.
  if (buf.subarray(0, 4).equals(OLE)) throw new ReadError(`${file}: ${OLD_FORMAT}`);
  try {
    return readXlsxSnapshot(buf);
  } catch (e) {
    if (!(e instanceof UnsupportedXlsx)) throw e;
  }
  const { loadXlsxBuffer, readWorkbook } = await import('../hosts/workbook/exceljs');
  try {
    return readWorkbook(await loadXlsxBuffer(buf));
  } catch (e) {
    throw new ReadError(`${file}: not a readable .xlsx file (${(e as Error).message})`);
  }
}
