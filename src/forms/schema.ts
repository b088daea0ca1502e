import { z } from 'zod';
import { DeclarationKind, ProfileId, Severity } from '../model';

/**
 * A form package: a bureau's declaration form as data. Its JSON form and its workbook form are the same
 * thing: each key below is a sheet of the workbook (settings is one header row and one value row; the
 * others are tables with a header row), and each array element is one row of that sheet. A non-programmer
 * edits the workbook in Excel or WPS; `jixiao form check` validates either form against this schema and
 * points each problem at the definition's own cell (`fields!C12`).
 */

/** An optional cell: a blank one (empty text, null) is absent rather than an invalid value. */
function blankable<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

/** A yes/no cell as people type it. */
const Flag = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined || v === '') return undefined;
  const t = String(v).trim().toLowerCase();
  if (['yes', 'y', 'true', '1', '是', '√', '✓'].includes(t)) return true;
  if (['no', 'n', 'false', '0', '否'].includes(t)) return false;
  return v;
}, z.boolean().optional());

/** A whole number typed in a cell ('3', 3, '3.0'); blank is absent. */
const Int = z.preprocess(
  (v) => (v === null || v === undefined || v === '' ? undefined : typeof v === 'string' ? Number(v) : v),
  z.number().int().min(0).optional(),
);

/** Text typed in a cell; blank is absent, numbers are their text. */
const Cell = z.preprocess(
  (v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? String(v) : v),
  z.string().trim().optional(),
);
const Required = (what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string({ error: `${what} is required` })
      .trim()
      .min(1, `${what} is required`),
  );

export const FieldType = z.enum(['text', 'longtext', 'amount', 'percent', 'count', 'date', 'year']);
export type FieldType = z.infer<typeof FieldType>;

/**
 * Where a field's value sits, relative to its label:
 * - `right`: the cell just right of the label (after its merged area): the standard forms;
 * - `next`: the first filled cell to the right; in a one-column (linear) sheet, the next filled cell down;
 *   another label there means the value is blank;
 * - `below`: the cell just below the label;
 * - `right:N` / `below:N`: exactly N cells away;
 * - `inline`: in the label's own cell, after a colon (`单位负责人：何文利`).
 */
export const Locator = z
  .string()
  .trim()
  .regex(
    /^(right|next|below|inline|(right|below):[1-9][0-9]?)$/,
    'use right, next, below, inline, right:N or below:N',
  );
export type Locator = z.infer<typeof Locator>;

export const ElementKind = z.enum([
  'sheet',
  'section',
  'field',
  'label',
  'table',
  'column',
  'goals',
  'grid',
  'gridrow',
  'gridcol',
  'footer',
]);
export type ElementKind = z.infer<typeof ElementKind>;

/** One row of the fields sheet: a sheet, a section, a field with its label, a table column … */
export const FieldRow = z.object({
  kind: ElementKind,
  /** kind sheet: the sheet's name; the rows after it belong to it */
  sheet: Cell,
  /** kind section/table/goals/grid: the section's id; the rows after it belong to it */
  section: Cell,
  /** what the sheet shows, and what a reader looks for */
  label: Cell,
  /** other texts that mean the same label on other printings of the form, separated by | */
  aliases: Cell,
  /** where the value goes in the model: `name`, `sources.total`, `extra.transfer`; a table's array; a column's key */
  path: Cell,
  type: blankable(FieldType),
  /** how findings name the field; the label without its star and colon by default */
  caption: Cell,
  /** English caption, for findings in English */
  en: Cell,
  required: Flag,
  /** a dropdown: a list of the lists sheet, or level1 / level2 (the framework's names) */
  list: Cell,
  /** kind field/label: the line of the section it is on (fields with the same row share a line) */
  row: Int,
  span: Int,
  label_span: Int,
  value: blankable(Locator),
  /** where the value is in a one-column (linear) sheet; `next` by default */
  linear: blankable(Locator),
  /** a regular expression with one group: the value is taken from the first cell that matches */
  pattern: Cell,
  /** text that stands in an empty box (（盖章） 年 月 日): read as blank */
  placeholder: Cell,
  /** kind table/goals: the empty rows a blank template offers */
  rows: Int,
  /** kind table: values every row of this table gets, `category=managed` */
  fixed: Cell,
  /** kind column: a blank cell continues the value above (merged 一级/二级 cells) */
  carry: Flag,
  /** kind column: model values shown as other words, `own=本部门|managed=代编` */
  labels: Cell,
  /** kind gridrow: how far the row label is indented under the one above (0, 1, 2) */
  indent: Int,
  /** kind gridcol: which earlier year this column holds (0: last year, 1: the year before) */
  history: Int,
  /** kind section: text boxes in it are tall */
  tall: Flag,
  /** kind section: a workbook may lack it without a finding */
  optional: Flag,
  /** kind sheet: column widths in characters, separated by commas */
  widths: Cell,
  /** the bureau's own remark on the row; ignored by the engine */
  note: Cell,
});
export type FieldRow = z.infer<typeof FieldRow>;

/** The lists sheet: one row per dropdown entry. */
export const ListRow = z.object({
  list: Required('list'),
  value: Required('value'),
  en: Cell,
});
export type ListRow = z.infer<typeof ListRow>;

/**
 * The framework sheet: changes to the built-in framework the settings name. A row with a level1 only
 * is a 一级; with a level2 it is a 二级 under that 一级. A row that names an existing entry changes its
 * need and adds its aliases; any other row adds an entry.
 */
export const FrameworkRow = z.object({
  level1: Required('level1'),
  level2: Cell,
  aliases: Cell,
  need: blankable(z.enum(['required', 'expected', 'optional'])),
  quantitative: blankable(z.enum(['quantity', 'cost'])),
});
export type FrameworkRow = z.infer<typeof FrameworkRow>;

/**
 * The policy sheet: the bureau's bar, as key/value rows.
 * - `framework`: yes pins the form's framework: a declaration is checked under it whatever it claims;
 * - `satisfaction_min`: the lowest 满意度 target accepted, in percent;
 * - `execution_min`: the lowest 预算执行率 target accepted, in percent;
 * - `low_execution`: last year's execution rate below which a growing request is questioned (default 80);
 * - a finding code (`TARGET_OPERATOR_MISSING`): error, warning, info or off.
 */
export const PolicyRow = z.object({
  key: Required('key'),
  value: Required('value'),
  note: Cell,
});
export type PolicyRow = z.infer<typeof PolicyRow>;

/** The print sheet: one row per sheet of the form. */
export const PrintRow = z.object({
  sheet: Required('sheet'),
  orientation: blankable(z.enum(['portrait', 'landscape'])),
  /** pages across (1, the default: fit the width to one page; 0: no fitting) */
  fit_width: Int,
  /** pages down; blank or 0: as many as the sheet needs */
  fit_height: Int,
  /** the rows repeated at the top of every printed page: `title`, or a section id (its header row) */
  repeat: Cell,
  paper: blankable(z.enum(['A4', 'A3'])),
});
export type PrintRow = z.infer<typeof PrintRow>;

export const Settings = z.object({
  form_id: Required('form_id').pipe(
    z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/, 'form_id: letters, digits and -, starting with a letter'),
  ),
  version: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ error: 'version is required' }).int().positive(),
  ),
  kind: DeclarationKind,
  title: Required('title'),
  title_en: Cell,
  /** the year the form is issued for: the declaration's year when the workbook states none */
  year: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : Number(v)),
    z.number().int().min(1990).max(2100).optional(),
  ),
  region: Cell,
  /** the built-in framework the form's indicator tables follow (the framework sheet may change it) */
  framework: ProfileId,
  /** one sheet may hold several declarations of this form, one under the other */
  stacked: Flag,
  /** other titles (or /regular expressions/) that start a declaration of this form, separated by | */
  match: Cell,
  description: Cell,
});
export type Settings = z.infer<typeof Settings>;

export const FormPackage = z.object({
  settings: Settings,
  fields: z.array(FieldRow).min(1, 'a form needs at least one row in fields'),
  lists: z.array(ListRow).default([]),
  framework: z.array(FrameworkRow).default([]),
  policy: z.array(PolicyRow).default([]),
  print: z.array(PrintRow).default([]),
});
export type FormPackage = z.infer<typeof FormPackage>;
export type FormPackageInput = z.input<typeof FormPackage>;

/** The sheets of a package workbook, in the order a bureau meets them. */
export const PACKAGE_SHEETS = ['settings', 'fields', 'lists', 'framework', 'policy', 'print'] as const;
export type PackageSheet = (typeof PACKAGE_SHEETS)[number];

/** A severity a policy may set, or off. */
export const PolicySeverity = z.union([Severity, z.literal('off')]);
export type PolicySeverity = z.infer<typeof PolicySeverity>;
