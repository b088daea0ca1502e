import type { GridCell, SheetGrid } from '../../layouts/cells';
import { parseA1, parseStampRows, STAMP_SHEET } from '../../layouts/plan';
import type { WorkbookSnapshot } from '../types';
import { zipEntries } from './zip';
import { attr, decodeXml, scanXml } from './xml';

/**
 * A workbook read straight from its OOXML parts into the snapshot the readers use, without building a
 * document model: what `validate` needs is values, number formats and merges, and ExcelJS spends most
 * of a check building the rest. The snapshot is the one `readWorkbook` (ExcelJS) gives, cell for cell;
 * `test/hosts/workbook/ooxml.test.ts` holds the two side by side. Anything this reader does not handle
 * throws UnsupportedXlsx, and the caller loads the file with ExcelJS instead.
 */
export class UnsupportedXlsx extends Error {}

/** Built-in number formats by id (ECMA-376 §18.8.30), the ones ExcelJS knows and the zh-CN date formats. */
const BUILT_IN: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Is this number format a date or time (so the number is a serial date)? ExcelJS's test, to read alike. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const serialDate = (v: number, date1904: boolean): Date =>
  new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** 'AB12' → { r: 11, c: 27 } (0-based). */
function cellRef(ref: string): { r: number; c: number } {
  const at = parseA1(ref);
  if (!at) throw new UnsupportedXlsx(`cell reference ${ref}`);
  return { r: at.row - 1, c: at.col - 1 };
}

interface Part {
  text(path: string): string | undefined;
}

function parts(buf: Buffer): Part {
  const entries = zipEntries(buf);
  const lower = new Map([...entries.keys()].map((k) => [k.toLowerCase(), k]));
  return {
    text(path) {
      const get = entries.get(path) ?? entries.get(lower.get(path.toLowerCase()) ?? '');
      if (!get) return undefined;
      const s = get().toString('utf8');
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    },
  };
}

/** A relationship target resolved against the folder of the part that names it. */
function resolveTarget(from: string, target: string): string {
  const segs = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const s of target.replace(/^\//, '').split('/')) {
    if (s === '..') segs.pop();
    else if (s !== '.' && s !== '') segs.push(s);
  }
  return segs.join('/');
}

/** A part's relationships: id → type (last path segment) and resolved target. */
function relationships(p: Part, part: string): Map<string, { type: string; target: string }> {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  const xml = p.text(relsPath);
  if (xml === undefined) return out;
  scanXml(xml, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const id = attr(attrs, 'Id');
      const target = attr(attrs, 'Target');
      if (!id || !target || attr(attrs, 'TargetMode') === 'External') return;
      out.set(id, {
        type: (attr(attrs, 'Type') ?? '').split('/').pop() ?? '',
        target: resolveTarget(part, target),
      });
    },
    close() {},
  });
  return out;
}

/** `_x000D_` in a string is the character U+000D (ECMA-376 ST_Xstring): how Excel and WPS store a \r. */
const unescapeX = (s: string): string =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;

/** Shared strings: a rich string's runs joined; phonetic guides (rPh) left out; an empty <si/> is null. */
function sharedStrings(xml: string | undefined): (string | null)[] {
  const out: (string | null)[] = [];
  if (xml === undefined) return out;
  let text: string | null = null;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name) {
      if (name === 'si') text = null;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !phonetic) {
        inT = true;
        text ??= '';
      }
    },
    close(name) {
      if (name === 'si') out.push(text);
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(raw, cdata) {
      if (inT) text += unescapeX(cdata ? raw : decodeXml(raw));
    },
  });
  return out;
}

/** Each cell style's number format (cellXfs), as ExcelJS resolves it: a custom code, else a built-in. */
function cellFormats(xml: string | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  if (xml === undefined) return out;
  const custom = new Map<number, string>();
  let inXfs = false;
  scanXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt') {
        const code = attr(attrs, 'formatCode');
        if (code !== undefined) custom.set(Number(attr(attrs, 'numFmtId')), code);
      } else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(attr(attrs, 'numFmtId') ?? 0);
        out.push(id ? (custom.get(id) ?? BUILT_IN[id]) : undefined);
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return out;
}

interface SheetContext {
  strings: (string | null)[];
  formats: (string | undefined)[];
  date1904: boolean;
}

/** One cell's value as `readWorkbook` turns ExcelJS's into a GridCell; undefined for a cell without one. */
function gridCell(
  t: string | undefined,
  s: number | undefined,
  v: string | undefined,
  formula: boolean,
  ctx: SheetContext,
): GridCell | undefined {
  // ExcelJS gives style 0 no format; a cell whose style is 0 or absent shows its value as stored.
  const numFmt = s ? ctx.formats[s] : undefined;
  const number = (x: string): GridCell => {
    const n = parseFloat(x);
    return { value: isDateFormat(numFmt) ? serialDate(n, ctx.date1904) : n, numFmt };
  };
  if (formula) {
    // A formula cell reads as its cached result, as Excel shows it.
    if (!v) return { value: null, numFmt };
    if (t === 'str') return { value: v, numFmt };
    if (t === 'b') return { value: parseInt(v, 10) !== 0, numFmt };
    if (t === 'e') return { value: null, error: v };
    return number(v);
  }
  if (v === undefined) return undefined;
  switch (t) {
    case 's': {
      const i = parseInt(v, 10);
      if (!(i >= 0 && i < ctx.strings.length)) throw new UnsupportedXlsx(`shared string ${v}`);
      return { value: ctx.strings[i], numFmt };
    }
    case 'str':
    case 'inlineStr':
      return { value: v, numFmt };
    case 'b':
      return { value: parseInt(v, 10) !== 0, numFmt };
    case 'e':
      return { value: null, error: v };
    case 'd':
      throw new UnsupportedXlsx('ISO date cell');
    default:
      return number(v);
  }
}

/** A worksheet part as a grid: values, formats and merges; the covered cells of a merge read blank. */
function sheetGrid(name: string, xml: string, ctx: SheetContext): SheetGrid {
  const rows: (GridCell | undefined)[][] = [];
  // ExcelJS lists a row when any cell in it is more than a blank styled cell; the grid's height follows.
  let height = 0;
  const merges: SheetGrid['merges'] = [];
  let row = -1;
  let col = -1;
  let cell: { t?: string; s?: number; v?: string; formula: boolean } | undefined;
  let inValue = false;
  let inline = false;
  let phonetic = 0;
  scanXml(xml, {
    open(tag, attrs) {
      switch (tag) {
        case 'row': {
          const r = attr(attrs, 'r');
          row = r ? Number(r) - 1 : row + 1;
          col = -1;
          break;
        }
        case 'c': {
          const ref = attr(attrs, 'r');
          if (ref) {
            const at = cellRef(ref);
            row = at.r;
            col = at.c;
          } else col++;
          const s = attr(attrs, 's');
          cell = { t: attr(attrs, 't'), s: s === undefined ? undefined : parseInt(s, 10), formula: false };
          break;
        }
        case 'f':
          if (cell) cell.formula = true;
          break;
        case 'v':
          inValue = !!cell;
          break;
        case 'is':
          inline = !!cell;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          inValue = inline && !phonetic;
          break;
        case 'mergeCell': {
          const [a, b] = (attr(attrs, 'ref') ?? '').split(':');
          if (!a) break;
          const A = cellRef(a);
          const B = cellRef(b ?? a);
          merges.push({
            r1: Math.min(A.r, B.r),
            c1: Math.min(A.c, B.c),
            r2: Math.max(A.r, B.r),
            c2: Math.max(A.c, B.c),
          });
          break;
        }
        default:
          break;
      }
    },
    close(tag) {
      switch (tag) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          if (!cell) break;
          const g = gridCell(cell.t, cell.s, cell.v, cell.formula, ctx);
          if (g) (rows[row] ??= [])[col] = g;
          // A cell with neither value nor style (or style 0) still lists its row in ExcelJS (as a merge stub).
          if (g || !cell.s) height = Math.max(height, row + 1);
          cell = undefined;
          break;
        }
        default:
          break;
      }
    },
    text(raw, cdata) {
      if (!inValue || !cell) return;
      const t = cdata ? raw : decodeXml(raw);
      cell.v = (cell.v ?? '') + (inline ? unescapeX(t) : t);
    },
  });
  for (const m of merges) {
    if (m.r1 === m.r2 && m.c1 === m.c2) continue;
    // The covered cells of a merge list their rows, and read blank.
    height = Math.max(height, m.r2 + 1);
    for (let r = m.r1; r <= m.r2; r++) {
      const cells = rows[r];
      if (!cells) continue;
      for (let c = m.c1; c <= m.c2; c++) if ((r > m.r1 || c > m.c1) && c in cells) delete cells[c];
    }
  }
  rows.length = height;
  for (let i = 0; i < height; i++) rows[i] ??= [];
  return { name, rows, merges };
}

/** Read a .xlsx file's bytes into a snapshot; UnsupportedXlsx when this reader cannot, and ExcelJS should. */
export function readXlsxSnapshot(buf: Buffer): WorkbookSnapshot {
  try {
    const p = parts(buf);
    const book =
      [...relationships(p, '_rels/.rels').values()].find((r) => r.type === 'officeDocument')?.target ??
      'xl/workbook.xml';
    const bookXml = p.text(book);
    if (bookXml === undefined) throw new UnsupportedXlsx('no workbook part');
    const sheets: { name: string; rid: string }[] = [];
    let date1904 = false;
    scanXml(bookXml, {
      open(name, attrs) {
        if (name === 'workbookPr') date1904 = /^(1|true)$/.test(attr(attrs, 'date1904') ?? '');
        if (name === 'sheet') {
          const rid = attr(attrs, 'r:id') ?? /(?:^|\s)[\w.-]+:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
          sheets.push({ name: attr(attrs, 'name') ?? '', rid: rid ?? '' });
        }
      },
      close() {},
    });
    const rels = relationships(p, book);
    const target = (type: string) => [...rels.values()].find((r) => r.type === type)?.target;
    const stringsPart = target('sharedStrings');
    const stylesPart = target('styles');
    const ctx: SheetContext = {
      strings: sharedStrings(stringsPart ? p.text(stringsPart) : undefined),
      formats: cellFormats(stylesPart ? p.text(stylesPart) : undefined),
      date1904,
    };
    const grids: SheetGrid[] = [];
    let stampGrid: SheetGrid | undefined;
    for (const sheet of sheets) {
      const rel = rels.get(sheet.rid);
      if (!rel) throw new UnsupportedXlsx(`sheet ${sheet.name} has no part`);
      if (rel.type !== 'worksheet') throw new UnsupportedXlsx(`${rel.type} ${sheet.name}`);
      const xml = p.text(rel.target);
      if (xml === undefined) throw new UnsupportedXlsx(`missing part ${rel.target}`);
      const grid = sheetGrid(sheet.name, xml, ctx);
      if (sheet.name === STAMP_SHEET) stampGrid = grid;
      else grids.push(grid);
    }
    const stamp = stampGrid
      ? parseStampRows(stampGrid.rows.map((r) => [r[0]?.value ?? null, r[1]?.value ?? null]))
      : undefined;
    return { grids, stamp };
  } catch (e) {
    // Whatever stops this reader (a part that does not inflate, XML it does not scan), ExcelJS gets the
    // file next and says what is wrong with it, as it always has.
    throw e instanceof UnsupportedXlsx ? e : new UnsupportedXlsx((e as Error).message);
  }
}
