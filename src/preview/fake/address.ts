/** A1 addresses, 0-based rectangles and Excel's sheet-name quoting. */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** 0-based, inclusive */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 0-based column of "A".."XFD", or -1 */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n >= 1 && n <= MAX_COLS ? n - 1 : -1;
}

export const cellAddress = (r: number, c: number): string => `${colName(c)}${r + 1}`;

export const rectOf = (r: number, c: number, rows = 1, cols = 1): Rect => ({
  r1: r,
  c1: c,
  r2: r + rows - 1,
  c2: c + cols - 1,
});

const CELL = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;
const COLS = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

function rowIndex(text: string): number {
  const n = Number(text);
  return n >= 1 && n <= MAX_ROWS ? n - 1 : -1;
}

function ordered(a1: number, b1: number, a2: number, b2: number): Rect {
  return { r1: Math.min(a1, a2), c1: Math.min(b1, b2), r2: Math.max(a1, a2), c2: Math.max(b1, b2) };
}

/** "B5", "A1:C3", "$A$1:$C$3", "A:C", "3:5" → rectangle; anything else (names, bad input) → null. */
export function parseAddress(address: string): Rect | null {
  const text = address.trim();
  const cols = COLS.exec(text);
  if (cols) {
    const [a, b] = [colIndex(cols[1]), colIndex(cols[2])];
    return a < 0 || b < 0 ? null : ordered(0, a, MAX_ROWS - 1, b);
  }
  const rows = ROWS.exec(text);
  if (rows) {
    const [a, b] = [rowIndex(rows[1]), rowIndex(rows[2])];
    return a < 0 || b < 0 ? null : ordered(a, 0, b, MAX_COLS - 1);
  }
  const parts = text.split(':');
  if (parts.length > 2) return null;
  const ends = parts.map((p) => CELL.exec(p));
  if (ends.some((m) => !m)) return null;
  const [r1, c1] = [rowIndex(ends[0]![2]), colIndex(ends[0]![1])];
  const last = ends[ends.length - 1]!;
  const [r2, c2] = [rowIndex(last[2]), colIndex(last[1])];
  if (r1 < 0 || c1 < 0 || r2 < 0 || c2 < 0) return null;
  return ordered(r1, c1, r2, c2);
}

/** Excel's spelling: "B5", "A1:C3", whole columns "A:C", whole rows "3:5". */
export function formatAddress(rect: Rect): string {
  const allRows = rect.r1 === 0 && rect.r2 === MAX_ROWS - 1;
  const allCols = rect.c1 === 0 && rect.c2 === MAX_COLS - 1;
  if (allRows && !allCols) return `${colName(rect.c1)}:${colName(rect.c2)}`;
  if (allCols) return `${rect.r1 + 1}:${rect.r2 + 1}`;
  const first = cellAddress(rect.r1, rect.c1);
  return rect.r1 === rect.r2 && rect.c1 === rect.c2 ? first : `${first}:${cellAddress(rect.r2, rect.c2)}`;
}

/** Excel leaves a sheet name bare only when it is letters, digits, '_' and '.', not led by a digit nor cell-like. */
export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Z]{1,3}\d+$/i.test(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "项目支出!A1:C3", "'My sheet'!B5", "=Sheet1!$A$1" → sheet (unquoted) and address. */
export function splitReference(reference: string): { sheet?: string; address: string } {
  const text = reference.trim().replace(/^=/, '');
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { address: text };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2)
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: text.slice(bang + 1) };
}

export const rectRows = (r: Rect): number => r.r2 - r.r1 + 1;
export const rectCols = (r: Rect): number => r.c2 - r.c1 + 1;
export const rectArea = (r: Rect): number => rectRows(r) * rectCols(r);

export function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function contains(outer: Rect, r: number, c: number): boolean {
  return r >= outer.r1 && r <= outer.r2 && c >= outer.c1 && c <= outer.c2;
}
