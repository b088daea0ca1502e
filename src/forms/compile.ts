import type { z } from 'zod';
import { DEFAULT_PROFILE, getProfile, normalizeName, Profile, type Level1Spec } from '../profiles';
import { CATALOG } from '../rules/catalog';
import type { CellSpec, ColumnSpec, Find, Section, SheetSpec } from '../layouts/types';
import { isColumnKey, isGridPath, isTablePath, isValuePath } from './paths';
import {
  FieldRow,
  FormPackage,
  FrameworkRow,
  ListRow,
  PolicyRow,
  PolicySeverity,
  PrintRow,
  Settings,
  type PackageSheet,
} from './schema';
import type { Form, FormSource, Policy, PrintSpec } from './types';

/** A problem in a package, at the row (0-based, data rows only) and column (key) of one of its sheets. */
export interface PackageProblem {
  sheet: PackageSheet;
  /** index into the sheet's rows; absent for settings, and for a problem of the whole sheet */
  row?: number;
  /** the column (field of the row) */
  key?: string;
  message: string;
}

export type CompileResult = { ok: true; form: Form } | { ok: false; problems: PackageProblem[] };

const split = (v: string | undefined): string[] =>
  (v ?? '')
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/** The label as findings name it: without the required star and the trailing colon. */
export const captionOf = (label: string): string =>
  label
    .replace(/[*＊]/g, '')
    .replace(/[:：]\s*$/u, '')
    .trim();

const DEFAULT_WIDTH = 14;

/**
 * Whether a field must be filled in: as the form says, else when its label carries the form's own star,
 * and always 填报单位 and 年度 (a declaration nobody can attribute is no declaration); `required: no` wins.
 */
const requiredField = (flag: boolean | undefined, path: string, label: string): boolean =>
  flag ?? (/[*＊]/u.test(label) || path === 'unit' || path === 'year');

function zodProblems(error: z.ZodError): PackageProblem[] {
  return error.issues.map((i) => {
    const [sheet, row, key] = i.path;
    const where: PackageProblem = { sheet: String(sheet) as PackageSheet, message: i.message };
    if (sheet === 'settings') return { ...where, key: row === undefined ? undefined : String(row) };
    if (typeof row === 'number') where.row = row;
    if (key !== undefined) where.key = String(key);
    return where;
  });
}

class Compiler {
  readonly problems: PackageProblem[] = [];
  readonly sheets: SheetSpec[] = [];
  private sheet: SheetSpec | undefined;
  private section: Section | undefined;
  /** the form section's current line, and the `row` number it was started for */
  private line: { cells: CellSpec[]; row: number | undefined } | undefined;

  constructor(
    readonly pkg: FormPackage,
    readonly lists: Map<string, string[]>,
  ) {}

  problem(row: number, key: string | undefined, message: string): void {
    this.problems.push({ sheet: 'fields', row, key, message });
  }

  private get kind() {
    return this.pkg.settings.kind;
  }

  private listOf(i: number, name: string | undefined): readonly string[] | undefined {
    if (!name) return undefined;
    const list = this.lists.get(name);
    if (!list) this.problem(i, 'list', `no list “${name}” in the lists sheet`);
    return list;
  }

  private need<K extends keyof FieldRow>(
    i: number,
    r: FieldRow,
    key: K,
  ): NonNullable<FieldRow[K]> | undefined {
    const v = r[key];
    if (v === undefined || v === '') {
      this.problem(i, key, `a ${r.kind} row needs ${key}`);
      return undefined;
    }
    return v as NonNullable<FieldRow[K]>;
  }

  private inSection<K extends Section['kind']>(
    i: number,
    r: FieldRow,
    kinds: K[],
  ): Extract<Section, { kind: K }> | undefined {
    const s = this.section;
    if (!s || !(kinds as string[]).includes(s.kind)) {
      this.problem(i, 'kind', `a ${r.kind} row must follow a ${kinds.join(' or ')} row`);
      return undefined;
    }
    return s as Extract<Section, { kind: K }>;
  }

  private startSection(i: number, s: Section): void {
    if (!this.sheet) {
      this.problem(i, 'kind', 'the first row of fields must be a sheet row');
      return;
    }
    if (
      this.sheet.sections.some((x) => x.id === s.id) ||
      this.sheets.some((sh) => sh.sections.some((x) => x.id === s.id))
    )
      this.problem(i, 'section', `the section id “${s.id}” is used twice`);
    this.sheet.sections.push(s);
    this.section = s;
    this.line = undefined;
  }

  private sectionBase(i: number, r: FieldRow) {
    const id = this.need(i, r, 'section') ?? `section${i}`;
    if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(id))
      this.problem(i, 'section', 'a section id is letters, digits and _');
    return {
      id,
      title: r.label ?? '',
      ...(split(r.aliases).length ? { aliases: split(r.aliases) } : {}),
      ...(r.optional ? { optional: true } : {}),
    };
  }

  private placeCells(r: FieldRow, cells: CellSpec[]): void {
    const s = this.section;
    if (!s || s.kind !== 'form') return;
    if (!this.line || r.row === undefined || r.row !== this.line.row) {
      this.line = { cells: [], row: r.row };
      s.rows.push(this.line.cells);
    }
    this.line.cells.push(...cells);
  }

  row(i: number, r: FieldRow): void {
    switch (r.kind) {
      case 'sheet': {
        const name = this.need(i, r, 'sheet') ?? `Sheet${i}`;
        const widths = (r.widths ?? '')
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(Number);
        if (widths.some((w) => !Number.isFinite(w) || w <= 0 || w > 255))
          this.problem(i, 'widths', 'widths are numbers from 1 to 255, separated by commas');
        if (name.length > 31 || /[\\/?*[\]:]/.test(name))
          this.problem(i, 'sheet', 'a sheet name has at most 31 characters and none of \\ / ? * [ ] :');
        this.sheet = {
          name,
          title: this.need(i, r, 'label') ?? '',
          widths: widths.length ? widths : Array(8).fill(DEFAULT_WIDTH),
          sections: [],
        };
        if (this.sheets.some((s) => s.name === name))
          this.problem(i, 'sheet', `the sheet “${name}” is named twice`);
        this.sheets.push(this.sheet);
        this.section = undefined;
        return;
      }
      case 'section':
        this.startSection(i, {
          ...this.sectionBase(i, r),
          kind: 'form',
          rows: [],
          ...(r.tall ? { tall: true } : {}),
        });
        return;
      case 'label': {
        if (!this.inSection(i, r, ['form'])) return;
        // A label row without text is a blank cell that keeps the next field in its column.
        this.placeCells(r, [{ t: 'label', text: r.label ?? '', span: r.span ?? 1 }]);
        return;
      }
      case 'field':
        this.field(i, r);
        return;
      case 'table': {
        const path = this.need(i, r, 'path') ?? '';
        if (path && !isTablePath(this.kind, path))
          this.problem(i, 'path', `“${path}” is not a table of the ${this.kind} model`);
        const fixed: Record<string, string> = {};
        for (const pair of split(r.fixed)) {
          const [k, ...v] = pair.split('=');
          if (!k || v.length === 0 || !isColumnKey(this.kind, path, k.trim()))
            this.problem(i, 'fixed', `“${pair}” is not key=value for a column of ${path}`);
          else fixed[k.trim()] = v.join('=').trim();
        }
        this.startSection(i, {
          ...this.sectionBase(i, r),
          kind: 'table',
          path,
          columns: [],
          blankRows: r.rows ?? 5,
          carryDown: [],
          ...(Object.keys(fixed).length ? { fixed } : {}),
        });
        return;
      }
      case 'goals':
        if (this.kind !== 'department') this.problem(i, 'kind', 'goals are a department form’s section');
        this.startSection(i, {
          ...this.sectionBase(i, r),
          kind: 'goals',
          columns: [],
          blankRows: r.rows ?? 3,
          carryDown: [],
        });
        return;
      case 'column': {
        const s = this.inSection(i, r, ['table', 'goals']);
        if (!s) return;
        const key = this.need(i, r, 'path') ?? '';
        const table = s.kind === 'goals' ? 'goals.0.indicators' : s.path;
        // `_`: a column of the form the model does not keep (序号).
        if (key && key !== '_' && !isColumnKey(this.kind, table, key))
          this.problem(
            i,
            'path',
            `“${key}” is not a column of ${s.kind === 'goals' ? 'an indicator table' : table}`,
          );
        const labels: Record<string, string> = {};
        for (const pair of split(r.labels)) {
          const [k, ...v] = pair.split('=');
          if (!k || v.length === 0) this.problem(i, 'labels', `“${pair}” is not value=shown`);
          else labels[k.trim()] = v.join('=').trim();
        }
        const list = r.list === 'level1' || r.list === 'level2' ? r.list : this.listOf(i, r.list);
        const col: ColumnSpec = {
          header: this.need(i, r, 'label') ?? '',
          key,
          type: r.type ?? 'text',
          ...(split(r.aliases).length ? { aliases: split(r.aliases) } : {}),
          ...(r.span && r.span > 1 ? { span: r.span } : {}),
          ...(list ? { list } : {}),
          ...(Object.keys(labels).length ? { labels } : {}),
        };
        if (s.columns.some((c) => c.key === key))
          this.problem(i, 'path', `the column “${key}” is defined twice`);
        s.columns.push(col);
        if (r.carry) s.carryDown = [...(s.carryDown ?? []), key];
        return;
      }
      case 'grid':
        this.startSection(i, {
          ...this.sectionBase(i, r),
          kind: 'grid',
          rows: [],
          columns: [],
          labelSpan: r.label_span ?? 1,
        });
        return;
      case 'gridrow': {
        const s = this.inSection(i, r, ['grid']);
        if (!s) return;
        const key = r.path ?? '';
        for (const c of s.columns)
          if (key && !isGridPath(this.kind, c.path, key))
            this.problem(
              i,
              'path',
              `“${c.path.replace('{key}', key)}” is not a field of the ${this.kind} model`,
            );
        s.rows.push({
          // Full-width spaces: the indentation the real forms use for sub-items.
          label: '\u3000'.repeat(r.indent ?? 0) + (this.need(i, r, 'label') ?? ''),
          key: this.need(i, r, 'path') ?? '',
          ...(split(r.aliases).length ? { aliases: split(r.aliases) } : {}),
        });
        return;
      }
      case 'gridcol': {
        const s = this.inSection(i, r, ['grid']);
        if (!s) return;
        const path = this.need(i, r, 'path') ?? '';
        if (path && !path.includes('{key}'))
          this.problem(i, 'path', 'a grid column path has {key} where the row key goes');
        s.columns.push({
          header: this.need(i, r, 'label') ?? '',
          path,
          type: r.type ?? 'amount',
          ...(split(r.aliases).length ? { aliases: split(r.aliases) } : {}),
          ...(r.history !== undefined ? { history: r.history } : {}),
        });
        return;
      }
      case 'footer':
        if (this.sheet) this.sheet.footer = this.need(i, r, 'label') ?? '';
        else this.problem(i, 'kind', 'a footer row must follow a sheet row');
        return;
    }
  }

  private field(i: number, r: FieldRow): void {
    if (!this.inSection(i, r, ['form'])) return;
    const path = this.need(i, r, 'path') ?? '';
    if (path && !isValuePath(this.kind, path))
      this.problem(i, 'path', `“${path}” is not a field of the ${this.kind} model (or extra.NAME)`);
    if (!r.label && !r.pattern)
      this.problem(i, 'label', 'a field needs a label, or a pattern to find its value by');
    if (r.pattern) {
      try {
        new RegExp(r.pattern, 'u'); // throws on a pattern that is not one
        if (!/\((?!\?)/.test(r.pattern))
          this.problem(i, 'pattern', 'the pattern needs one (group) around the value');
      } catch (e) {
        this.problem(i, 'pattern', `not a regular expression: ${(e as Error).message}`);
      }
    }
    const label = r.label ?? '';
    const find: Find = {
      labels: [label, ...split(r.aliases)].filter(Boolean),
      value: r.value ?? 'right',
      linear: r.linear ?? 'next',
      ...(r.pattern ? { pattern: r.pattern } : {}),
      ...(r.placeholder ? { placeholder: r.placeholder } : {}),
    };
    const list = this.listOf(i, r.list);
    const cells: CellSpec[] = [];
    if (label) cells.push({ t: 'label', text: label, span: r.label_span ?? 1 });
    cells.push({
      t: 'field',
      path,
      type: r.type ?? 'text',
      label: r.caption ?? captionOf(label || path),
      ...(r.en ? { en: r.en } : {}),
      ...(r.span && r.span > 1 ? { span: r.span } : {}),
      ...(list ? { list } : {}),
      ...(requiredField(r.required, path, label) ? { required: true } : {}),
      find,
    });
    this.placeCells(r, cells);
  }
}

function framework(base: Profile, rows: FrameworkRow[], problems: PackageProblem[]): Profile {
  const p: Profile = JSON.parse(JSON.stringify(base)) as Profile;
  rows.forEach((r, i) => {
    const n1 = normalizeName(r.level1);
    let l1: Level1Spec | undefined = p.level1.find(
      (l) => normalizeName(l.name) === n1 || l.aliases.some((a) => normalizeName(a) === n1),
    );
    if (!r.level2) {
      if (r.quantitative)
        problems.push({
          sheet: 'framework',
          row: i,
          key: 'quantitative',
          message: 'quantitative belongs to a level2 row',
        });
      if (!l1) {
        l1 = { name: r.level1, aliases: [], need: r.need ?? 'optional', level2: [] };
        p.level1.push(l1);
      } else if (r.need) l1.need = r.need;
      l1.aliases.push(...split(r.aliases));
      return;
    }
    if (!l1) {
      problems.push({
        sheet: 'framework',
        row: i,
        key: 'level1',
        message: `no level1 “${r.level1}”: add a row for it first`,
      });
      return;
    }
    const n2 = normalizeName(r.level2);
    l1.level2 ??= [];
    let l2 = l1.level2.find(
      (l) => normalizeName(l.name) === n2 || l.aliases.some((a) => normalizeName(a) === n2),
    );
    if (!l2) {
      l2 = { name: r.level2, aliases: [], need: r.need ?? 'optional' };
      l1.level2.push(l2);
    } else if (r.need) l2.need = r.need;
    if (r.quantitative) l2.quantitative = r.quantitative;
    l2.aliases.push(...split(r.aliases));
  });
  return Profile.parse(p);
}

function policy(rows: PolicyRow[], problems: PackageProblem[]): Policy {
  const out: Policy = { pinFramework: false, severities: {} };
  const percent = (i: number, v: string): number | undefined => {
    const n = Number(v.replace(/%$/, ''));
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      problems.push({ sheet: 'policy', row: i, key: 'value', message: 'a percentage from 0 to 100' });
      return undefined;
    }
    return n;
  };
  rows.forEach((r, i) => {
    switch (r.key) {
      case 'framework': {
        const v = r.value.toLowerCase();
        if (['pin', 'pinned', 'yes', '是'].includes(v)) out.pinFramework = true;
        else if (!['no', 'free', '否'].includes(v))
          problems.push({
            sheet: 'policy',
            row: i,
            key: 'value',
            message: 'framework is pinned (yes) or not (no)',
          });
        return;
      }
      case 'satisfaction_min':
        out.satisfactionMin = percent(i, r.value);
        return;
      case 'execution_min':
        out.executionMin = percent(i, r.value);
        return;
      case 'low_execution':
        out.lowExecution = percent(i, r.value);
        return;
      default: {
        if (!(r.key in CATALOG)) {
          problems.push({
            sheet: 'policy',
            row: i,
            key: 'key',
            message: `“${r.key}” is neither a policy setting (framework, satisfaction_min, execution_min, low_execution) nor a finding code`,
          });
          return;
        }
        const sev = PolicySeverity.safeParse(r.value);
        if (!sev.success)
          problems.push({
            sheet: 'policy',
            row: i,
            key: 'value',
            message: 'a severity: error, warning, info or off',
          });
        else out.severities[r.key] = sev.data;
      }
    }
  });
  return out;
}

function print(rows: PrintRow[], sheets: SheetSpec[], problems: PackageProblem[]): PrintSpec[] {
  rows.forEach((r, i) => {
    if (!sheets.some((s) => s.name === r.sheet))
      problems.push({ sheet: 'print', row: i, key: 'sheet', message: `no sheet “${r.sheet}” in fields` });
  });
  return sheets.map((s) => {
    const i = rows.findIndex((r) => r.sheet === s.name);
    const r: PrintRow | undefined = rows[i];
    if (r?.repeat && r.repeat !== 'title' && !s.sections.some((x) => x.id === r.repeat && x.kind !== 'form'))
      problems.push({
        sheet: 'print',
        row: i,
        key: 'repeat',
        message: `repeat is title or the id of a table on ${s.name}`,
      });
    return {
      sheet: s.name,
      orientation: r?.orientation ?? 'portrait',
      fitWidth: r?.fit_width ?? 1,
      fitHeight: r?.fit_height ?? 0,
      ...(r?.repeat ? { repeat: r.repeat } : {}),
      paper: r?.paper ?? 'A4',
    };
  });
}

const ROW_SCHEMAS = {
  fields: FieldRow,
  lists: ListRow,
  framework: FrameworkRow,
  policy: PolicyRow,
  print: PrintRow,
} as const;

/** The package with its invalid rows left out, and a problem for each of them. */
function parseRows(input: unknown): { pkg?: FormPackage; problems: PackageProblem[] } {
  const problems: PackageProblem[] = [];
  if (!input || typeof input !== 'object')
    return {
      problems: [{ sheet: 'settings', message: 'a form package is an object with settings and fields' }],
    };
  const data = input as Record<string, unknown>;
  const settings = Settings.safeParse(data.settings);
  if (!settings.success)
    for (const issue of settings.error.issues)
      problems.push({
        sheet: 'settings',
        key: issue.path.length ? String(issue.path[0]) : undefined,
        message: issue.message,
      });
  const parts: Record<string, unknown[]> = {};
  for (const [sheet, schema] of Object.entries(ROW_SCHEMAS)) {
    const rows = data[sheet] ?? [];
    if (!Array.isArray(rows)) {
      problems.push({ sheet: sheet as PackageSheet, message: `${sheet} is a list of rows` });
      continue;
    }
    parts[sheet] = rows.flatMap((row, i) => {
      const r = (schema as z.ZodType).safeParse(row);
      if (r.success) return [r.data];
      for (const issue of r.error.issues)
        problems.push({
          sheet: sheet as PackageSheet,
          row: i,
          key: issue.path.length ? String(issue.path[0]) : undefined,
          message: issue.message,
        });
      return [];
    });
  }
  if (!settings.success) return { problems };
  const pkg = FormPackage.safeParse({ settings: settings.data, ...parts });
  if (!pkg.success) return { problems: [...problems, ...zodProblems(pkg.error)] };
  return { pkg: pkg.data, problems };
}

/** Check a package (JSON or read from its workbook) and compile it into the form the engine runs. */
export function compileForm(input: unknown, source: FormSource = 'file'): CompileResult {
  // Row by row, so a bureau sees every problem at once, not only the first sheet's.
  const { pkg, problems } = parseRows(input);
  if (!pkg) return { ok: false, problems };

  const lists = new Map<string, string[]>();
  for (const l of pkg.lists) lists.set(l.list, [...(lists.get(l.list) ?? []), l.value]);

  const c = new Compiler(pkg, lists);
  pkg.fields.forEach((r, i) => c.row(i, r));
  problems.push(...c.problems);
  if (c.sheets.length === 0) problems.push({ sheet: 'fields', message: 'the fields sheet has no sheet row' });
  const paths = new Map<string, string>();
  pkg.fields.forEach((r, i) => {
    if (r.kind !== 'field' || !r.path) return;
    const first = paths.get(r.path);
    if (first !== undefined)
      problems.push({
        sheet: 'fields',
        row: i,
        key: 'path',
        message: `“${r.path}” is bound twice: the field “${first}” has it too`,
      });
    else paths.set(r.path, r.label ?? r.pattern ?? r.path);
  });

  const s = pkg.settings;
  const base = getProfile(s.framework ?? DEFAULT_PROFILE[s.kind]);
  const fw = framework(base, pkg.framework, problems);
  const pol = policy(pkg.policy, problems);
  const prt = print(pkg.print, c.sheets, problems);
  for (const m of split(s.match))
    if (m.startsWith('/') && m.endsWith('/'))
      try {
        new RegExp(m.slice(1, -1), 'u');
      } catch (e) {
        problems.push({
          sheet: 'settings',
          key: 'match',
          message: `not a regular expression: ${(e as Error).message}`,
        });
      }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    form: {
      id: s.form_id,
      version: s.version,
      kind: s.kind,
      sheets: c.sheets,
      title: { zh: s.title, en: s.title_en ?? s.title },
      ...(s.year !== undefined ? { year: s.year } : {}),
      ...(s.region ? { region: s.region } : {}),
      ...(s.description ? { description: s.description } : {}),
      stacked: s.stacked ?? false,
      match: [s.title, ...split(s.match)],
      framework: fw,
      policy: pol,
      print: prt,
      source,
    },
  };
}

/** Compile a package known to be valid (the built-ins): a problem is a bug, thrown with its place. */
export function compileOrThrow(input: unknown, source: FormSource = 'built-in'): Form {
  const r = compileForm(input, source);
  if (!r.ok) {
    const id = (input as { settings?: { form_id?: string } } | undefined)?.settings?.form_id ?? '?';
    throw new Error(
      `form ${id}: ${r.problems.map((p) => `${p.sheet}${p.row !== undefined ? `[${p.row}]` : ''}${p.key ? `.${p.key}` : ''}: ${p.message}`).join('; ')}`,
    );
  }
  return r.form;
}
