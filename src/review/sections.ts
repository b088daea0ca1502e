import type { FieldRow } from '../forms/schema';
import { flatten, type Leaf } from './diff';

/** One box of the form with its label, as the desk shows it read-only. */
export interface FieldView {
  path: string;
  label: string;
  value: Leaf;
}

/** A section of the form: its boxes, or (a table of the form) its columns and rows. */
export interface SectionView {
  id: string;
  label: string;
  fields: FieldView[];
  table?: { columns: string[]; rows: Leaf[][] };
}

/** What the desk calls the parts a form's rows do not name. */
export interface SectionWords {
  /** the section of boxes no section of the form holds */
  other: string;
  /** a goal's column in a table of goals' indicators (分目标) */
  goal: string;
  /** a table's row n (from 1) */
  row: (n: number) => string;
}

/** A label as a form prints it, without the star marking it required or a closing colon. */
const bare = (label: string | undefined): string => (label ?? '').replace(/[*＊:：]+$/, '').trim();

interface Column {
  path: string;
  label: string;
}
interface PlannedSection {
  id: string;
  label: string;
  paths: Column[];
  /** a table of the form: the model's array, or (goals) the array of goals each with its indicators */
  table?: { path: string; goals: boolean; columns: Column[] };
}

/** The form's sections in order, with the model path and label of each box (a table's columns). */
function planOf(rows: FieldRow[], title: string): PlannedSection[] {
  const sections: PlannedSection[] = [];
  let grid: { rows: Column[]; cols: Column[] } | null = null;
  const current = () => {
    if (!sections.length) sections.push({ id: 'header', label: title, paths: [] });
    return sections[sections.length - 1];
  };
  const flushGrid = () => {
    if (grid)
      for (const r of grid.rows)
        for (const c of grid.cols)
          current().paths.push({ path: c.path.replace('{key}', r.path), label: `${r.label} · ${c.label}` });
    grid = null;
  };
  for (const row of rows) {
    const label = bare(row.label);
    switch (row.kind) {
      case 'section':
      case 'table':
      case 'goals':
      case 'grid': {
        flushGrid();
        const table =
          row.kind === 'goals'
            ? { path: row.path ?? 'goals', goals: true, columns: [] }
            : row.kind === 'table' && row.path
              ? { path: row.path, goals: false, columns: [] }
              : undefined;
        sections.push({
          id: row.section ?? String(sections.length),
          label: label || title,
          paths: [],
          table,
        });
        if (row.kind === 'grid') grid = { rows: [], cols: [] };
        break;
      }
      case 'field':
        if (row.path) current().paths.push({ path: row.path, label: bare(row.caption ?? row.label) });
        break;
      case 'column':
        if (row.path) current().table?.columns.push({ path: row.path, label });
        break;
      case 'gridrow':
        if (row.path) grid?.rows.push({ path: row.path, label });
        break;
      case 'gridcol':
        if (row.path) grid?.cols.push({ path: row.path, label });
        break;
      default:
        break;
    }
  }
  flushGrid();
  return sections;
}

/** A table cell: the value at its path, or the parts of a value kept as an object (a target's text). */
function cell(flat: Map<string, Leaf>, path: string): Leaf {
  if (flat.has(path)) return flat.get(path) ?? null;
  const text = flat.get(`${path}.text`);
  if (text !== undefined) return text;
  const parts = [...flat].filter(([k, v]) => k.startsWith(`${path}.`) && v !== null && v !== '');
  return parts.length ? parts.map(([, v]) => String(v)).join('、') : null;
}

/** The rows of a table (or of a table of goals' indicators) and the paths they show. */
function tableRows(
  flat: Map<string, Leaf>,
  declaration: unknown,
  t: NonNullable<PlannedSection['table']>,
): { rows: Leaf[][]; prefixes: string[] } {
  const list = (declaration as Record<string, unknown> | null)?.[t.path];
  const items = Array.isArray(list) ? list : [];
  if (!t.goals)
    return {
      rows: items.map((_, i) => t.columns.map((c) => cell(flat, `${t.path}.${i}.${c.path}`))),
      prefixes: items.map((_, i) => `${t.path}.${i}.`),
    };
  const rows: Leaf[][] = [];
  items.forEach((g: { indicators?: unknown[] }, gi) => {
    const title = flat.get(`${t.path}.${gi}.title`) ?? null;
    (Array.isArray(g?.indicators) ? g.indicators : []).forEach((_, i) =>
      rows.push([title, ...t.columns.map((c) => cell(flat, `${t.path}.${gi}.indicators.${i}.${c.path}`))]),
    );
  });
  return { rows, prefixes: [`${t.path}.`] };
}

/**
 * A declaration laid out in its form's sections, read-only. Every box of the declaration is shown: what
 * the form does not place (a form without it, an extra entry) goes to a last section, `words.other`.
 */
export function sectionsOf(
  rows: FieldRow[],
  title: string,
  declaration: unknown,
  words: SectionWords,
): SectionView[] {
  const flat = flatten(declaration);
  const shown = new Set<string>(['form.id', 'form.version']);
  const out: SectionView[] = [];
  for (const s of planOf(rows, title)) {
    const fields = s.paths
      .filter((p) => flat.has(p.path))
      .map((p) => (shown.add(p.path), { ...p, value: flat.get(p.path) ?? null }));
    let table: SectionView['table'];
    if (s.table) {
      const { rows: cells, prefixes } = tableRows(flat, declaration, s.table);
      for (const k of flat.keys()) if (prefixes.some((p) => k.startsWith(p))) shown.add(k);
      const columns = s.table.columns.map((c) => c.label);
      table = { columns: s.table.goals ? [words.goal, ...columns] : columns, rows: cells };
    }
    if (fields.length || table?.rows.length) out.push({ id: s.id, label: s.label, fields, table });
  }
  const rest = [...flat].filter(([p]) => !shown.has(p));
  if (rest.length)
    out.push({
      id: 'other',
      label: words.other,
      fields: rest.map(([path, value]) => ({ path, label: path, value })),
    });
  return out;
}

/** A model path named as the form names it: `绩效指标 第 4 行 · 指标值`; the path itself when unknown. */
export function labeller(rows: FieldRow[], title: string, words: SectionWords): (path: string) => string {
  const labels = new Map<string, string>();
  const tables: { section: string; table: NonNullable<PlannedSection['table']> }[] = [];
  for (const s of planOf(rows, title)) {
    const prefix = s.label && s.label !== title ? `${s.label} · ` : '';
    for (const p of s.paths) labels.set(p.path, prefix + p.label);
    if (s.table) tables.push({ section: s.label, table: s.table });
  }
  const column = (cols: Column[], rest: string) =>
    cols.find((c) => rest === c.path || rest.startsWith(`${c.path}.`))?.label ?? rest;
  return (path) => {
    const known = labels.get(path);
    if (known) return known;
    for (const { section, table } of tables) {
      if (!path.startsWith(`${table.path}.`)) continue;
      const rest = path.slice(table.path.length + 1);
      const m = table.goals ? /^(\d+)\.indicators\.(\d+)\.(.+)$/.exec(rest) : /^(\d+)\.(.+)$/.exec(rest);
      if (!m) continue;
      return table.goals
        ? `${section} ${words.goal} ${Number(m[1]) + 1} ${words.row(Number(m[2]) + 1)} · ${column(table.columns, m[3])}`
        : `${section} ${words.row(Number(m[1]) + 1)} · ${column(table.columns, m[2])}`;
    }
    return path;
  };
}
