/**
 * What Excel makes of text typed into a cell, or of a string written through `range.values` (Excel
 * parses those the same way unless the cell is formatted as text '@'): numbers, percentages, dates,
 * booleans and error constants become values of their own type.
 */

export type CellValue = string | number | boolean;

export const EXCEL_ERRORS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BUSY!',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
];

export interface ParsedInput {
  value: CellValue;
  /** the error constant when the text is one, e.g. '#REF!' */
  error: string | null;
  /** the format Excel applies to a General cell for this input ('0%', 'yyyy/m/d') */
  numberFormat?: string;
}

// Plain digits or digits grouped by thousands, optional decimals and exponent.
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:e[+-]?\d+)?$/i;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel's serial number of a calendar date (days since 1899-12-30). */
export function dateSerial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return Math.round((t - EXCEL_EPOCH) / 86400000);
}

export function serialDate(serial: number): { y: number; m: number; d: number } {
  const t = new Date(EXCEL_EPOCH + Math.floor(serial) * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function parseNumber(text: string): number | undefined {
  if (!/\d/.test(text) || !NUMBER.test(text)) return undefined;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function parseInput(text: string, numberFormat = 'General'): ParsedInput {
  if (numberFormat === '@') return { value: text, error: null };
  // A leading apostrophe forces text and is not part of the value.
  if (text.startsWith("'")) return { value: text.slice(1), error: null };
  const t = text.trim();
  if (t === '') return { value: '', error: null };
  const general = numberFormat === 'General';
  const err = EXCEL_ERRORS.find((e) => e === t.toUpperCase());
  if (err) return { value: err, error: err };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE', error: null };
  const n = parseNumber(t);
  if (n !== undefined) return { value: n, error: null };
  if (t.endsWith('%')) {
    const p = parseNumber(t.slice(0, -1).trim());
    if (p !== undefined) {
      const decimals = /\.\d/.test(t) ? '0.00%' : '0%';
      return { value: p / 100, error: null, ...(general ? { numberFormat: decimals } : {}) };
    }
  }
  const date = DATE.exec(t);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== undefined)
      return { value: serial, error: null, ...(general ? { numberFormat: 'yyyy/m/d' } : {}) };
  }
  return { value: text, error: null };
}
