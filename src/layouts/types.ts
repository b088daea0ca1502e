import type { DeclarationKind } from '../model';

/** How a cell's text becomes a model value (and back). */
export type FieldType = 'text' | 'longtext' | 'amount' | 'percent' | 'count' | 'date' | 'year';

/** Where a value sits relative to its label: see Locator in src/forms/schema.ts. */
export type Locator = string;

/** How a reader finds a field on a sheet the layout did not write itself. */
export interface Find {
  /** the label as the form prints it, then its aliases: any of them marks the field */
  labels: string[];
  /** where the value is on an ordinary sheet */
  value: Locator;
  /** where the value is on a one-column (linear) sheet */
  linear: Locator;
  /** a regular expression with one group, for values that have no label of their own ('（2021年度）') */
  pattern?: string;
  /** the text of an empty box, read as blank ('（盖章） 年 月 日') */
  placeholder?: string;
}

/** A static label, or an input cell bound to a model path. `span` is in columns (merged). */
export type CellSpec =
  | { t: 'label'; text: string; span?: number }
  | {
      t: 'field';
      path: string;
      type: FieldType;
      /** how findings name the field */
      label: string;
      en?: string;
      span?: number;
      list?: readonly string[];
      required?: boolean;
      find: Find;
    };

export interface ColumnSpec {
  /** header text; `{y-1}` and `{y-2}` are replaced by the years before the declaration's year */
  header: string;
  /** other header texts that name this column on other printings of the form */
  aliases?: string[];
  /** key inside the row object; history columns use 'history.0' / 'history.1' */
  key: string;
  type: FieldType;
  span?: number;
  /** dropdown: 'level1' / 'level2' take the framework's names, or a fixed list */
  list?: 'level1' | 'level2' | readonly string[];
  /** model value → what the sheet shows ('own' → '本部门') */
  labels?: Record<string, string>;
}

interface SectionBase {
  id: string;
  title: string;
  /** other texts the section's title row may show */
  aliases?: string[];
  /** a workbook may lack this section without a finding */
  optional?: boolean;
}

export type Section =
  | (SectionBase & { kind: 'form'; rows: CellSpec[][]; tall?: boolean })
  | (SectionBase & {
      kind: 'table';
      /** model path of the array */
      path: string;
      columns: ColumnSpec[];
      /** empty rows a blank template offers */
      blankRows: number;
      /** carry blank cells down from the row above (一级/二级 in merged real forms) */
      carryDown?: string[];
      /** values every row of this table gets (the 代编 summary table's category) */
      fixed?: Record<string, string>;
    })
  | (SectionBase & {
      kind: 'goals';
      columns: ColumnSpec[];
      blankRows: number;
      carryDown: string[];
    })
  | (SectionBase & {
      kind: 'grid';
      /** row labels (indented with full-width spaces) and the key each row sets */
      rows: { label: string; key: string; aliases?: string[] }[];
      labelSpan: number;
      /** the value columns: a path prefix per column; `{key}` is replaced by the row key */
      columns: { header: string; aliases?: string[]; path: string; type: FieldType; history?: number }[];
    });

export interface SheetSpec {
  name: string;
  widths: number[];
  title: string;
  sections: Section[];
  /** free lines under the form (signatures) */
  footer?: string;
}

/** How one sheet prints: a form package's print row, compiled. */
export interface SheetPrintSpec {
  sheet: string;
  orientation: 'portrait' | 'landscape';
  /** pages across; 0: no fitting */
  fitWidth: number;
  /** pages down; 0: as many as needed */
  fitHeight: number;
  /** 'title', or the id of a table section whose header row repeats on every page */
  repeat?: string;
  paper: 'A4' | 'A3';
}

export interface Layout {
  id: string;
  version: number;
  kind: DeclarationKind;
  sheets: SheetSpec[];
  /** per sheet; a sheet without one prints portrait on A4, one page wide */
  print?: readonly SheetPrintSpec[];
}
