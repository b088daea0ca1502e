import { readFile } from 'fs/promises';
import type { WorkbookSnapshot } from '../layouts';
import { ReadError } from '../forms';
import { readXlsxSnapshot, UnsupportedXlsx } from '../hosts/workbook/ooxml';

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
