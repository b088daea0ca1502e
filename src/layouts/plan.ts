import type { SourceMap } from '../model';

/** Named cell styles; each host maps them to its own formatting calls. */
export type StyleName =
  | 'title'
  | 'section'
  | 'label'
  | 'rowLabel'
  | 'totalLabel'
  | 'header'
  | 'inputText'
  | 'inputLong'
  | 'inputAmount'
  | 'inputPercent'
  | 'inputCount'
  | 'footer';

export interface PlanRange {
  /** 1-based, inclusive */
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface PlanCell {
  row: number;
  col: number;
  value: string | number | null;
  style: StyleName;
}

/** Margins of a printed page, in points. */
export interface PrintMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

/** How a sheet prints, in host-neutral terms; each host maps it to its own page setup. */
export interface PrintPlan {
  paper: 'A4' | 'A3';
  orientation: 'portrait' | 'landscape';
  /** pages across the sheet is shrunk to; 0: printed at 100% */
  fitWidth: number;
  /** pages down; 0: as many as the sheet needs */
  fitHeight: number;
  /** what prints: the form's columns down to its last row, so no blank page follows */
  area: PlanRange;
  /** rows printed again at the top of every later page (1-based, inclusive) */
  titleRows?: { r1: number; r2: number };
  margins: PrintMargins;
  centerHorizontally: boolean;
  /** the footer's centre section in Excel's header/footer codes (&P this page, &N pages) */
  footer: string;
}

export interface SheetPlan {
  name: string;
  widths: number[];
  cells: PlanCell[];
  merges: PlanRange[];
  heights: Record<number, number>;
  /** dropdown lists; every host refuses other text with its own stop-style alert, saying LIST_ALERT */
  validations: { range: PlanRange; list: string[] }[];
  /** defined names for the sections, so a user (or a host) can jump to them */
  names: { name: string; range: PlanRange }[];
  print: PrintPlan;
}

/**
 * What Excel's and WPS's stop alert says when text outside a dropdown's list is typed: a wrong 一级/二级
 * or enumeration is caught at the keystroke. Within Excel's limits (32 and 255 characters); the sheet
 * is a Chinese form, so the alert is in Chinese.
 */
export const LIST_ALERT = {
  title: '请从下拉列表中选择',
  message: '此单元格只接受下拉列表中的值（指标框架规定的名称或表样列出的选项）。请点单元格右侧的箭头选择。',
} as const;

/** What the workbook remembers about the declaration it holds. */
export interface Stamp {
  layout: string;
  version: number;
  kind: string;
  profile: string;
  /** The endpoint's receipt for the last submission from this workbook (see src/submit/protocol.ts). */
  receiptId?: string;
  receiptVersion?: number;
  receivedAt?: string;
  /** sha256 (hex) of the declaration as submitted: editing it afterwards shows "changed since submitted" */
  sha256?: string;
}

/** Everything a host needs to write a declaration in one batch. */
export interface RenderPlan {
  stamp: Stamp;
  sheets: SheetPlan[];
  sourceMap: SourceMap;
}

export const STAMP_SHEET = '_jixiao';

export function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const a1 = (row: number, col: number): string => `${colName(col)}${row}`;

/** 'A1:H40' */
export const rangeA1 = (r: PlanRange): string => `${a1(r.r1, r.c1)}:${a1(r.r2, r.c2)}`;

/** '$A$1:$H$40': a print area, a defined name's range */
export const absoluteA1 = (r: PlanRange): string => `$${colName(r.c1)}$${r.r1}:$${colName(r.c2)}$${r.r2}`;

/** 'AB12' (or '$AB$12', 'ab12') → { row: 12, col: 28 }, 1-based; undefined for anything else. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  let col = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36 /* $ */) i++;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) & ~32; // upper case
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  if (ref.charCodeAt(i) === 36) i++;
  const digits = ref.slice(i);
  const row = Number(digits);
  if (!col || !/^[0-9]+$/.test(digits) || row < 1) return undefined;
  return { row, col };
}

/** The receipt's rows, after the layout's four; always written (blank when absent) so a new stamp clears an old receipt. */
const RECEIPT_KEYS = ['receiptId', 'receiptVersion', 'receivedAt', 'sha256'] as const;

/**
 * The stamp as key/value rows, the way every host stores it on the hidden STAMP_SHEET: the layout's four,
 * then the receipt's four. The length never changes, so writing a stamp without a receipt over one with
 * a receipt leaves no stale rows behind.
 */
export const stampRows = (stamp: Stamp): [string, string | number][] => [
  ['layout', stamp.layout],
  ['version', stamp.version],
  ['kind', stamp.kind],
  ['profile', stamp.profile],
  ...RECEIPT_KEYS.map((k): [string, string | number] => [k, stamp[k] ?? '']),
];

/** Tolerant: stamps from before receipts (four rows) read as they always did; a blank receipt row is absent. */
export function parseStampRows(rows: readonly (readonly unknown[])[]): Stamp | undefined {
  const kv: Record<string, string> = {};
  for (const [k, v] of rows)
    if (k !== null && k !== undefined && k !== '' && v !== null && v !== undefined && v !== '')
      kv[String(k)] = String(v);
  if (!kv.layout || !kv.kind) return undefined;
  const stamp: Stamp = {
    layout: kv.layout,
    version: Number(kv.version) || 1,
    kind: kv.kind,
    profile: kv.profile ?? '',
  };
  const receiptVersion = Number(kv.receiptVersion);
  if (kv.receiptId && /^[0-9a-f]{64}$/.test(kv.sha256 ?? '')) {
    stamp.receiptId = kv.receiptId;
    if (Number.isInteger(receiptVersion) && receiptVersion > 0) stamp.receiptVersion = receiptVersion;
    if (kv.receivedAt) stamp.receivedAt = kv.receivedAt;
    stamp.sha256 = kv.sha256;
  }
  return stamp;
}
