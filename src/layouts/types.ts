import type { DeclarationKind } from '../model';

/** How a cell's text becomes a model value (and back). */
export type FieldType = 'text' | 'longtext' | 'amount' | 'percent' | 'count' | 'date' | 'year';

/** A static label, or an input cell bound to a model path. `span` is in columns (merged). */
export type CellSpec =
  | { t: 'label'; text: string; span?: number }
  | { t: 'field'; path: string; type: FieldType; label: string; span?: number; list?: readonly string[] };

export interface ColumnSpec {
  /** header text; `{y-1}` and `{y-2}` are replaced by the years before the declaration's year */
  header: string;
  /** key inside the row object; history columns use 'history.0' / 'history.1' */
  key: string;
  type: FieldType;
  span?: number;
  /** dropdown: 'level1' / 'level2' take the profile's names, or a fixed list */
  list?: 'level1' | 'level2' | readonly string[];
  /** model value → what the sheet shows ('own' → '本部门') */
  labels?: Record<string, string>;
}

export type Section =
  | { kind: 'form'; id: string; title: string; rows: CellSpec[][]; tall?: boolean }
  | {
      kind: 'table';
      id: string;
      title: string;
      /** model path of the array */
      path: string;
      columns: ColumnSpec[];
      /** empty rows a blank template offers */
      blankRows: number;
      /** carry blank cells down from the row above (一级/二级 in merged real forms) */
      carryDown?: string[];
    }
  | {
      kind: 'goals';
      id: string;
      title: string;
      columns: ColumnSpec[];
      blankRows: number;
      carryDown: string[];
    }
  | {
      kind: 'grid';
      id: string;
      title: string;
      /** row labels (indented with full-width spaces) and the key each row sets */
      rows: { label: string; key: string }[];
      labelSpan: number;
      /** the value columns: a path prefix per column; `{key}` is replaced by the row key */
      columns: { header: string; path: string; type: FieldType; history?: number }[];
    };

export interface SheetSpec {
  name: string;
  widths: number[];
  title: string;
  sections: Section[];
  /** free lines under the form (signatures) */
  footer?: string;
}

export interface Layout {
  id: string;
  version: number;
  kind: DeclarationKind;
  sheets: SheetSpec[];
}
