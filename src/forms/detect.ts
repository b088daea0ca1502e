import { ProfileId } from '../model';
import {
  cellText,
  filledCells,
  isTitleText,
  norm,
  type FilledCell,
  type SheetGrid,
  type WorkbookSnapshot,
} from '../layouts/cells';
import { readRegions, wholeSheet, type ReadOptions, type ReadResult } from '../layouts/read';
import type { Region } from '../layouts/sheet';
import type { Draft } from '../rules/draft';
import { frameworkFor, isStandard, type FormSet } from './registry';
import type { Form } from './types';

/** A workbook that holds no declaration we can read: the CLI's exit code 2, the pane's "insert one first". */
export class ReadError extends Error {}

/** One declaration found in a workbook. */
export interface Found {
  form: Form;
  /** the sheet it starts on */
  sheet: string;
  /** for each sheet of the form, where it is */
  regions: (Region | undefined)[];
  /** what the stamp says, when the workbook was made by the add-in */
  stamped?: { version: number; profile?: string };
}

/** How well a form fits part of a sheet: the share of its labels found there, and the ones that were not. */
export interface Fit {
  form: Form;
  score: number;
  missing: string[];
}

/** Below this share of its labels, a part of a sheet is not taken for a form at all. */
const MIN_SCORE = 0.4;
/** Two forms whose shares differ less than this fit equally. */
const TIE = 0.02;

/** A form's titles, compiled once: plain titles normalised, /patterns/ as regular expressions. */
const MARKERS = new WeakMap<Form, { titles: string[]; patterns: RegExp[] }>();
function markersOf(form: Form): { titles: string[]; patterns: RegExp[] } {
  let m = MARKERS.get(form);
  if (!m) {
    const isPattern = (x: string) => x.length > 2 && x.startsWith('/') && x.endsWith('/');
    m = {
      titles: form.match.filter((x) => !isPattern(x)).map(norm),
      patterns: form.match.filter(isPattern).map((x) => new RegExp(x.slice(1, -1), 'u')),
    };
    MARKERS.set(form, m);
  }
  return m;
}

/** Does this row start a declaration of the form: its title (after a year or a region at most), alone in the row? */
function isMarkerRow(form: Form, row: FilledCell[]): boolean {
  if (row.length !== 1) return false;
  const t = row[0].norm;
  const { titles, patterns } = markersOf(form);
  return titles.some((n) => isTitleText(t, n)) || patterns.some((re) => re.test(t));
}

/** The labels a form's first section opens with (年度, 部门名称 …): what follows a title that starts a declaration. */
const OPENING = new WeakMap<Form, string[]>();
function openingLabels(form: Form): string[] {
  let o = OPENING.get(form);
  if (!o) {
    const first = form.sheets[0].sections.find((s) => s.kind === 'form');
    o =
      first && first.kind === 'form'
        ? first.rows
            .flatMap((row) => row.flatMap((c) => (c.t === 'field' ? c.find.labels.map(norm) : [])))
            .filter(Boolean)
        : [];
    OPENING.set(form, o);
  }
  return o;
}

/** Within a few rows of this title, the form's opening labels: a new declaration, not a page header. */
function opensDeclaration(form: Form, rows: FilledCell[][], r: number): boolean {
  const labels = openingLabels(form);
  for (let k = r + 1; k <= r + 6 && k < rows.length; k++)
    for (const x of rows[k] ?? [])
      if (labels.some((l) => x.norm === l || x.norm.startsWith(`${l}:`))) return true;
  return false;
}

/** The labels that make a form recognisable, each with the texts that count for it. */
const SIGNATURE = new WeakMap<Form, { label: string; texts: string[]; inline: boolean }[]>();
function signature(form: Form): { label: string; texts: string[]; inline: boolean }[] {
  let sig = SIGNATURE.get(form);
  if (sig) return sig;
  sig = [];
  const add = (label: string, texts: string[], inline = false) => {
    const n = texts.map(norm).filter((t) => t && !/\{y-[12]\}/.test(t));
    if (n.length) sig!.push({ label, texts: n, inline });
  };
  const sheet = form.sheets[0];
  for (const s of sheet.sections) {
    if (s.title) add(s.title, [s.title, ...(s.aliases ?? [])]);
    if (s.kind === 'form')
      for (const row of s.rows)
        for (const c of row)
          if (c.t === 'field' && c.find.labels.length)
            add(c.find.labels[0], c.find.labels, c.find.value === 'inline' || c.find.linear === 'inline');
    if (s.kind === 'table' || s.kind === 'goals')
      for (const c of s.columns) add(c.header, [c.header, ...(c.aliases ?? [])]);
    if (s.kind === 'grid') {
      for (const r of s.rows) add(r.label.trim(), [r.label, ...(r.aliases ?? [])]);
      for (const c of s.columns) add(c.header, [c.header, ...(c.aliases ?? [])]);
    }
  }
  SIGNATURE.set(form, sig);
  return sig;
}

/** The normalised texts of rows [from, to): what a form's labels are looked for in. */
function textsOf(rows: FilledCell[][], from: number, to: number): Set<string> {
  const texts = new Set<string>();
  for (let r = from; r < to; r++) for (const x of rows[r] ?? []) texts.add(x.norm);
  return texts;
}

function fit(form: Form, texts: Set<string>): Fit {
  const sig = signature(form);
  const missing: string[] = [];
  let hits = 0;
  let all: string[] | undefined;
  for (const s of sig) {
    let hit = s.texts.some((t) => texts.has(t));
    if (!hit && s.inline) {
      all ??= [...texts];
      hit = all.some((x) => s.texts.some((t) => x.startsWith(t)));
    }
    if (hit) hits++;
    else missing.push(s.label);
  }
  return { form, score: sig.length ? hits / sig.length : 0, missing };
}

interface Segment {
  grid: SheetGrid;
  from: number;
  to: number;
  forms: Form[];
}

/**
 * Cut a sheet where declarations start: at each row that carries a form's title. The same title again is
 * a page header for forms of one declaration per sheet, unless the form's opening labels follow it.
 */
function segments(grid: SheetGrid, forms: readonly Form[]): Segment[] {
  const rows = filledCells(grid);
  const out: Segment[] = [];
  for (let r = 0; r < rows.length; r++) {
    const here = forms.filter((f) => isMarkerRow(f, rows[r] ?? []));
    if (here.length === 0) continue;
    const prev = out[out.length - 1];
    const same = prev && prev.forms.length === here.length && here.every((f) => prev.forms.includes(f));
    if (same && here.every((f) => !f.stacked) && !here.some((f) => opensDeclaration(f, rows, r))) continue;
    if (prev) prev.to = r;
    out.push({ grid, from: r, to: grid.rows.length, forms: here });
  }
  return out;
}

/** A form's further sheets (the department's 项目支出汇总): by name, else the sheet that carries its title. */
function otherRegions(form: Form, grids: SheetGrid[], first: Region): (Region | undefined)[] {
  return form.sheets.map((spec, i) => {
    if (i === 0) return first;
    const byName = grids.find((g) => g.name === spec.name);
    if (byName) return wholeSheet(byName);
    const byTitle = grids.find(
      (g) =>
        g !== first.grid &&
        g.rows.slice(0, 3).some((row) => (row ?? []).some((c) => norm(cellText(c)) === norm(spec.title))),
    );
    return byTitle ? wholeSheet(byTitle) : undefined;
  });
}

function describe(fits: Fit[]): string {
  return fits
    .slice(0, 3)
    .map(
      (f) =>
        `${f.form.id} v${f.form.version} “${f.form.title.zh}” (${Math.round(f.score * 100)}%; missing ${f.missing.slice(0, 4).join('、') || '—'})`,
    )
    .join('; ');
}

/**
 * The declarations a workbook holds. A workbook the add-in made names its form in its stamp. Any other is
 * cut where a form's title stands, and each part is taken for the installed form whose labels it shows
 * best. `force` reads every part with one form.
 */
export function findDeclarations(snap: WorkbookSnapshot, forms: FormSet, force?: Form): Found[] {
  const grids = snap.grids.filter((g) => g.name !== '_jixiao');
  if (snap.stamp && !force) {
    const exact = forms.get(snap.stamp.layout, snap.stamp.version);
    const form = exact ?? forms.latest(snap.stamp.layout);
    if (form) {
      const first = grids.find((g) => g.name === form.sheets[0].name) ?? grids[0];
      if (first)
        return [
          {
            form,
            sheet: first.name,
            regions: otherRegions(form, grids, wholeSheet(first)),
            stamped: { version: snap.stamp.version, profile: snap.stamp.profile },
          },
        ];
    }
  }
  const candidates = force ? [force] : forms.current();
  const found: Found[] = [];
  const rejected: Fit[] = [];
  for (const grid of grids) {
    const rows = filledCells(grid);
    for (const seg of segments(grid, candidates)) {
      const texts = textsOf(rows, seg.from, seg.to);
      // A bureau's own form before a built-in that fits as well: it installed it for these workbooks.
      const fits = seg.forms
        .map((f) => fit(f, texts))
        .sort(
          (a, b) =>
            b.score - a.score || Number(a.form.source === 'built-in') - Number(b.form.source === 'built-in'),
        );
      const [best, second] = fits;
      if (!force && best.score < MIN_SCORE) {
        rejected.push(...fits);
        continue;
      }
      if (
        !force &&
        second &&
        best.score - second.score < TIE &&
        (best.form.source === 'built-in') === (second.form.source === 'built-in')
      )
        throw new ReadError(
          `sheet “${grid.name}”, row ${seg.from + 1}: fits two forms equally, ${describe([best, second])}; choose one with --form`,
        );
      found.push({
        form: best.form,
        sheet: grid.name,
        regions: otherRegions(best.form, grids, { grid, from: seg.from, to: seg.to }),
      });
    }
  }
  if (found.length === 0 && force) {
    const grid = grids.find((g) => g.rows.some((row) => row?.some((c) => cellText(c) !== '')));
    if (grid)
      found.push({ form: force, sheet: grid.name, regions: otherRegions(force, grids, wholeSheet(grid)) });
  }
  if (found.length > 0) return found;
  // Nothing matched: say which forms came closest, over whole sheets, and what each lacked.
  const all = candidates
    .flatMap((f) => grids.map((g) => fit(f, textsOf(filledCells(g), 0, g.rows.length))))
    .concat(rejected)
    .sort((a, b) => b.score - a.score)
    .filter((f, i, list) => list.findIndex((x) => x.form === f.form) === i);
  const stamp = snap.stamp
    ? ` (made with form ${snap.stamp.layout} v${snap.stamp.version}, which is not installed)`
    : '';
  throw new ReadError(`no declaration form recognised${stamp}; closest: ${describe(all) || 'none'}`);
}

/** The framework a declaration from this form is read under: the one chosen at insert, else the form's. */
export function profileFor(found: Found): ProfileId {
  const p = ProfileId.safeParse(found.stamped?.profile);
  return p.success && !found.form.policy.pinFramework ? p.data : found.form.framework.id;
}

export interface FoundRead extends ReadResult {
  form: Form;
  sheet: string;
}

/** What a form tells its reader under a framework: made once per form and framework, reused for every read. */
const READ_OPTIONS = new WeakMap<Form, Map<ProfileId, ReadOptions>>();
function readOptions(form: Form, profile: ProfileId): ReadOptions {
  let byProfile = READ_OPTIONS.get(form);
  if (!byProfile) READ_OPTIONS.set(form, (byProfile = new Map()));
  let opts = byProfile.get(profile);
  if (!opts) {
    const framework = frameworkFor(form, profile);
    opts = {
      profile,
      year: form.year,
      markers: form.match.filter((m) => !m.startsWith('/')),
      level1: framework.level1.flatMap((l) => [l.name, ...l.aliases]),
      level2: framework.level1.flatMap((l) => (l.level2 ?? []).flatMap((x) => [x.name, ...x.aliases])),
      level2Of: framework.level1.flatMap((l) =>
        [l.name, ...l.aliases].map((n): [string, string[] | null] => [
          n,
          l.level2 ? l.level2.flatMap((x) => [x.name, ...x.aliases]) : null,
        ]),
      ),
    };
    byProfile.set(profile, opts);
  }
  return opts;
}

/** Read one found declaration; a workbook made under another version of its form says so. */
export function readFound(found: Found): FoundRead {
  const { form } = found;
  const profile = profileFor(found);
  const read = readRegions(form, found.regions, readOptions(form, profile));
  if (found.stamped && found.stamped.version !== form.version) {
    const missing = read.problems.some((p) => p.code === 'LAYOUT_SECTION_MISSING');
    const note: Draft = {
      code: missing ? 'FORM_VERSION_UNAVAILABLE' : 'FORM_VERSION_OTHER',
      path: 'form',
      params: { form: form.title.zh, made: found.stamped.version, installed: form.version },
    };
    read.problems.unshift(note);
  }
  // A bureau's form is named in the declaration, so the endpoint checks it under that form's policy.
  const declaration = isStandard(form)
    ? read.declaration
    : { ...read.declaration, form: { id: form.id, version: form.version } };
  return { ...read, declaration, form, sheet: found.sheet };
}

/** Every declaration of a workbook, read. */
export function readWorkbookDeclarations(snap: WorkbookSnapshot, forms: FormSet, force?: Form): FoundRead[] {
  return findDeclarations(snap, forms, force).map(readFound);
}

/** The workbook's first declaration, read: for a host holding one declaration (the task pane). */
export function readSnapshot(snap: WorkbookSnapshot, forms: FormSet, force?: Form): FoundRead {
  return readFound(findDeclarations(snap, forms, force)[0]);
}
