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

/** A label as a form prints it, without the star marking it required or a closing colon. */
const bare = (label: string | undefined): string => (label ?? '').replace(/[*＊:：]+$/, '').trim();

interface Plan {
  sections: { id: string; label: string; paths: { path: string; label: string }[]; table?: TablePlan }[];
}
interface TablePlan {
  path: string;
  columns: { path: string; label: string }[];
}

/** The form's sections in order, with the model path and label of each box (a table's columns). */
function planOf(rows: FieldRow[], title: string): Plan {
  const sections: Plan['sections'] = [];
  let grid: { rows: { key: string; label: string }[]; cols: { path: string; label: string }[] } | null = null;
  const current = () => sections.at(-1) ?? (sections.push({ id: '', label: title, paths: [] }), sections[0]);
  const flushGrid = () => {
    if (grid)
      for (const r of grid.rows)
        for (const c of grid.cols)
          current().paths.push({ path: c.path.replace('{key}', r.key), label: `${r.label} · ${c.label}` });
    grid = null;
  };
  for (const row of rows) {
    switch (row.kind) {
      case 'section':
      case 'table':
      case 'goals':
      case 'grid':
        flushGrid();
        sections.push({
          id: row.section ?? String(sections.length),
          label: bare(row.label) || title,
          paths: [],
          ...(row.kind === 'table' && row.path ? { table: { path: row.path, columns: [] } } : {}),
        });
        if (row.kind === 'grid') grid = { rows: [], cols: [] };
        break;
      case 'field':
        if (row.path) current().paths.push({ path: row.path, label: bare(row.caption ?? row.label) });
        break;
      case 'column':
        if (row.path) current().table?.columns.push({ path: row.path, label: bare(row.label) });
        break;
      case 'gridrow':
        if (row.path) grid?.rows.push({ key: row.path, label: bare(row.label) });
        break;
      case 'gridcol':
        if (row.path) grid?.cols.push({ path: row.path, label: bare(row.label) });
        break;
      default:
        break;
    }
  }
  flushGrid();
  return { sections };
}

/**
 * A declaration laid out in its form's sections, read-only. Every box of the declaration is shown: what
 * the form does not place (a form without it, an extra entry) goes to a last section under `other`.
 */
export function sectionsOf(
  rows: FieldRow[],
  title: string,
  declaration: unknown,
  other: string,
): SectionView[] {
  const flat = flatten(declaration);
  const shown = new Set<string>();
  const out: SectionView[] = [];
  for (const s of planOf(rows, title).sections) {
    const fields = s.paths
      .filter((p) => flat.has(p.path))
      .map((p) => (shown.add(p.path), { ...p, value: flat.get(p.path) ?? null }));
    let table: SectionView['table'];
    if (s.table) {
      const { path, columns } = s.table;
      const list = (declaration as Record<string, unknown>)?.[path];
      const items = Array.isArray(list) ? list : [];
      items.forEach((_, i) => {
        for (const k of flat.keys()) if (k.startsWith(`${path}.${i}.`)) shown.add(k);
      });
      table = {
        columns: columns.map((c) => c.label),
        rows: items.map((_, i) => columns.map((c) => flat.get(`${path}.${i}.${c.path}`) ?? null)),
      };
    }
    if (fields.length || table?.rows.length) out.push({ id: s.id, label: s.label, fields, table });
  }
  const rest = [...flat].filter(([p]) => !shown.has(p) && p !== 'form.id' && p !== 'form.version');
  if (rest.length)
    out.push({
      id: 'other',
      label: other,
      fields: rest.map(([path, value]) => ({ path, label: path, value })),
    });
  return out;
}

/** A model path named as the form names it: `绩效指标 第 4 行 · 指标值`; the path itself when unknown. */
export function labeller(rows: FieldRow[], title: string, rowLabel: (n: number) => string) {
  const labels = new Map<string, string>();
  const tables: TablePlan[] = [];
  const sectionOf = new Map<TablePlan, string>();
  for (const s of planOf(rows, title).sections) {
    for (const p of s.paths)
      labels.set(p.path, s.label && s.label !== title ? `${s.label} · ${p.label}` : p.label);
    if (s.table) {
      tables.push(s.table);
      sectionOf.set(s.table, s.label);
    }
  }
  return (path: string): string => {
    const known = labels.get(path);
    if (known) return known;
    for (const t of tables) {
      const m = new RegExp(`^${t.path.replace(/\./g, '\\.')}\\.(\\d+)\\.(.+)$`).exec(path);
      if (!m) continue;
      const col = t.columns.find((c) => c.path === m[2]);
      return `${sectionOf.get(t)} ${rowLabel(Number(m[1]) + 1)} · ${col?.label ?? m[2]}`;
    }
    return path;
  };
}
