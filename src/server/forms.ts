import { existsSync, statSync } from 'fs';
import type { Declaration, DeclarationKind } from '../model';
import {
  BUILTIN,
  ReadError,
  STANDARD_FORMS,
  builtinPackage,
  compileForm,
  type Form,
  type FormPackage,
  type FormSet,
} from '../forms';
import {
  describeBroken as describeOne,
  loadFormDir,
  loadFormPackage,
  type PackageLoad,
} from '../io/formPackage';
import { canonicalJson, type FormSummary } from '../submit/protocol';
import { problems } from './problems';
import type { FormInput, PublishResult, Store } from './store/types';
import { sha256Text } from './tokens';
import type { FormJob } from './validator';

/**
 * A bureau's forms on the endpoint: publishing checked packages into the forms table, and the set of
 * forms (built-ins and published) the server lists, serves and validates submissions under.
 */

type Loaded = Extract<PackageLoad, { ok: true }>;
type Broken = Extract<PackageLoad, { ok: false }>;

/** What a package is stored as: its canonical JSON (the bytes served and hashed) and its settings. */
export function formInput(form: Form, pkg: FormPackage): FormInput {
  const text = canonicalJson(pkg);
  return {
    id: form.id,
    version: form.version,
    kind: form.kind,
    title: form.title.zh,
    year: form.year ?? null,
    sha256: sha256Text(text),
    package: text,
  };
}

/** Package files and folders of them, each loaded and checked; a folder without packages is a problem. */
export async function loadPackages(paths: string[]): Promise<{ loaded: Loaded[]; broken: Broken[] }> {
  const loads: PackageLoad[] = [];
  for (const path of paths) {
    if (existsSync(path) && statSync(path).isDirectory()) {
      const inDir = await loadFormDir(path, 'endpoint');
      if (!inDir.length)
        loads.push({
          ok: false,
          file: path,
          problems: [{ where: path, message: 'no .json or .xlsx packages' }],
        });
      loads.push(...inDir);
    } else loads.push(await loadFormPackage(path, 'endpoint'));
  }
  return {
    loaded: loads.filter((l): l is Loaded => l.ok),
    broken: loads.filter((l): l is Broken => !l.ok),
  };
}

/** Broken packages for people: each file, then each problem at its cell (`fields!C12`). */
export function describeBroken(broken: Broken[]): string {
  return broken.map(describeOne).join('\n');
}

type Conflict = Extract<PublishReport, { ok: false }>['conflicts'][number];

export type PublishReport =
  | { ok: true; forms: (Extract<PublishResult, { ok: true }>['forms'][number] & { file: string })[] }
  | {
      ok: false;
      /**
       * `published`: another package was published under this id and version; `built-in`: jixiao ships
       * another one; `standard`: the id is one of jixiao's standard forms, which are not a bureau's to version
       */
      conflicts: {
        id: string;
        version: number;
        file: string;
        with: 'built-in' | 'published' | 'standard';
        publishedAt?: string;
      }[];
    };

/**
 * Publish checked packages, all or none. An id and version names one package for good: the add-in and
 * the endpoint must read a declaration of it alike, so a package whose bytes differ from what was
 * published (or from a built-in of that id and version) is refused, and the bureau bumps the version.
 */
export async function publishPackages(store: Store, loaded: Loaded[]): Promise<PublishReport> {
  const inputs = loaded.map((l) => ({ file: l.file, input: formInput(l.form, l.pkg) }));
  const fileOf = (id: string, version: number): string =>
    inputs.find((i) => i.input.id === id && i.input.version === version)?.file ?? '';
  const standard = new Set(Object.values(STANDARD_FORMS).map((f) => f.id));
  const builtin = inputs.flatMap(({ file, input }): Conflict[] => {
    const at = { id: input.id, version: input.version, file };
    // A bureau's "project v3" would meet jixiao's own next version of it: a bureau's form has its own id.
    if (standard.has(input.id) && !BUILTIN.get(input.id, input.version)) return [{ ...at, with: 'standard' }];
    const b = builtinPackage(input.id, input.version);
    return b && sha256Text(canonicalJson(b)) !== input.sha256 ? [{ ...at, with: 'built-in' }] : [];
  });
  if (builtin.length) return { ok: false, conflicts: builtin };
  const r = await store.publishForms(inputs.map((i) => i.input));
  if (!r.ok)
    return {
      ok: false,
      conflicts: r.conflicts.map((c) => ({
        ...c,
        file: fileOf(c.id, c.version),
        with: 'published' as const,
      })),
    };
  return { ok: true, forms: r.forms.map((f) => ({ ...f, file: fileOf(f.id, f.version) })) };
}

export function describeConflicts(conflicts: Conflict[]): string {
  return conflicts
    .map((c) =>
      c.with === 'standard'
        ? `${c.file}: ${c.id} is one of jixiao's standard forms (${Object.keys(STANDARD_FORMS).join(', ')}); give the bureau's form an id of its own (settings.form_id)`
        : `${c.file}: ${c.id} version ${c.version} ${
            c.with === 'built-in'
              ? 'is a built-in form with other content'
              : `was published on ${c.publishedAt} with other content`
          }; a published version never changes: give the package a new version (settings.version)`,
    )
    .join('\n');
}

/** `serve --forms DIR`: publish the folder's packages before the server starts, or refuse to start. */
export async function publishDir(store: Store, dir: string): Promise<PublishReport & { ok: true }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ReadError(`${dir}: no such folder of form packages`);
  const { loaded, broken } = await loadPackages([dir]);
  if (broken.length) throw new ReadError(`--forms ${dir}: nothing was published\n${describeBroken(broken)}`);
  const report = await publishPackages(store, loaded);
  if (!report.ok)
    throw new ReadError(`--forms ${dir}: nothing was published\n${describeConflicts(report.conflicts)}`);
  return report;
}

interface Published {
  form: Form;
  sha256: string;
  /** the stored canonical JSON, served as it is */
  text: string;
}

export interface CatalogOptions {
  /** the least time between two re-reads of the forms table that a miss triggers */
  reloadMs: number;
  /** a stored package that no longer compiles (a newer jixiao published it): logged, then left out */
  warn: (message: string) => void;
}

const keyOf = (id: string, version: number): string => `${id}@${version}`;

/**
 * The forms the server knows: the built-ins and the bureau's published ones. Published versions never
 * change, so a re-read only adds the keys it has not seen. Another process (`jixiao form publish`, another
 * instance on the same database) may publish at any time: a request naming a form not known here, or a
 * listing, re-reads the table, at most once per `reloadMs`.
 */
export class FormCatalog {
  private published = new Map<string, Published>();
  /** packages that failed to compile, by key and sha256: not compiled again at every re-read */
  private broken = new Set<string>();
  private set: FormSet = BUILTIN;
  /** the published forms of `set`, in its order, as a validator thread rebuilds them */
  private jobs: FormJob[] = [];
  private readAt = -Infinity;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: CatalogOptions,
  ) {}

  /** Read the table now (at start; a publication by this process happens before it). */
  reload(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Read the table unless it was read less than `reloadMs` ago. */
  async refresh(): Promise<void> {
    if (performance.now() - this.readAt >= this.options.reloadMs) await this.reload();
    else await this.reading;
  }

  /** The forms, read at least once. */
  async forms(): Promise<FormSet> {
    if (this.readAt === -Infinity) await this.reload();
    return this.set;
  }

  /** The published forms of `forms()`, for a validator thread to check a stored version as `forms()` would. */
  async publishedJobs(): Promise<FormJob[]> {
    await this.forms();
    return this.jobs;
  }

  /** A form by id (and version), re-reading the table once when it is not known here. */
  async find(id: string, version?: number): Promise<Form | undefined> {
    const found = (await this.forms()).get(id, version);
    if (found && version !== undefined) return found;
    // Without a version, a newer one may have been published since: look, within the same throttle.
    await this.refresh();
    return this.set.get(id, version);
  }

  private async read(): Promise<void> {
    const keys = await this.store.formKeys();
    for (const k of keys) {
      const key = keyOf(k.id, k.version);
      if (this.published.get(key)?.sha256 === k.sha256 || this.broken.has(`${key} ${k.sha256}`)) continue;
      const row = await this.store.getForm(k.id, k.version);
      if (!row) continue;
      const form = this.compile(row.package, k.id, k.version);
      if (form) this.published.set(key, { form, sha256: row.sha256, text: row.package });
      else this.broken.add(`${key} ${k.sha256}`);
    }
    const published = [...this.published.values()];
    this.set = BUILTIN.with(published.map((p) => p.form));
    this.jobs = published.map(({ form, text, sha256 }) => ({
      id: form.id,
      version: form.version,
      published: { text, sha256 },
    }));
    this.readAt = performance.now();
  }

  private compile(text: string, id: string, version: number): Form | undefined {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.options.warn(`published form ${id} v${version} is not JSON; left out`);
      return undefined;
    }
    const r = compileForm(data, 'endpoint');
    if (!r.ok) {
      this.options.warn(
        `published form ${id} v${version} does not compile (${r.problems.length} problem(s), the first: ${r.problems[0]?.message}); left out`,
      );
      return undefined;
    }
    // The row's key is what clients name: a package whose settings say another is not that form.
    if (r.form.id !== id || r.form.version !== version) {
      this.options.warn(
        `published form ${id} v${version} holds a package for ${r.form.id} v${r.form.version}; left out`,
      );
      return undefined;
    }
    return r.form;
  }

  /** The latest version of each form (of a kind), built-ins first, then the bureau's by id. */
  async list(kind?: DeclarationKind): Promise<FormSummary[]> {
    await this.refresh();
    const set = this.set;
    const builtin = (f: Form) => !this.published.has(keyOf(f.id, f.version));
    const current = set.current().filter((f) => kind === undefined || f.kind === kind);
    const ordered = [
      ...current.filter(builtin),
      ...current.filter((f) => !builtin(f)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ];
    return ordered.map((f) => ({
      id: f.id,
      version: f.version,
      kind: f.kind,
      title: f.title,
      year: f.year ?? null,
      source: builtin(f) ? 'built-in' : 'endpoint',
      versions: this.versions(f.id),
    }));
  }

  /** A form's package as JSON text (the latest version without `version`), or undefined. */
  async packageText(id: string, version?: number): Promise<string | undefined> {
    const form = await this.find(id, version);
    if (!form) return undefined;
    const published = this.published.get(keyOf(form.id, form.version));
    if (published) return published.text;
    const pkg = builtinPackage(form.id, form.version);
    return pkg && canonicalJson(pkg);
  }

  /** A published version's package text and sha256 (what a validator thread compiles); undefined for a built-in. */
  publishedPackage(id: string, version: number): { text: string; sha256: string } | undefined {
    const p = this.published.get(keyOf(id, version));
    return p && { text: p.text, sha256: p.sha256 };
  }

  /** The bureau's forms of a kind: the latest version of each id it published a version of. */
  async publishedOf(kind: DeclarationKind): Promise<Form[]> {
    const set = await this.forms();
    const ids = new Set([...this.published.values()].map((p) => p.form.id));
    return set.current().filter((f) => f.kind === kind && ids.has(f.id));
  }

  /**
   * The form a submission is checked under: the one it names, or the standard one of its kind (undefined).
   * With `requireForm`, a kind the bureau published forms of is checked under the latest version of the
   * bureau's form it names, and naming none of them (or a built-in) is refused. Throws the 422 problem
   * naming the forms there are.
   */
  async formFor(
    decl: Pick<Declaration, 'kind' | 'form'>,
    requireForm: boolean,
  ): Promise<{ form?: Form; forms: FormSet }> {
    if (!decl.form) {
      if (requireForm) {
        const bureau = await this.publishedOf(decl.kind);
        if (bureau.length) throw problems.formRequired(decl.kind, bureau.map(nameOf).join(', '));
      }
      return { forms: await this.forms() };
    }
    const { id, version } = decl.form;
    const form = await this.find(id, version);
    if (form && form.kind === decl.kind) {
      if (!requireForm) return { form, forms: this.set };
      // The bureau's bar is its own latest form: not a built-in, not a version it has since replaced.
      const bureau = await this.publishedOf(decl.kind);
      const latest = bureau.find((f) => f.id === id);
      if (latest) return { form: latest, forms: this.set };
      if (bureau.length) throw problems.formRequired(decl.kind, bureau.map(nameOf).join(', '));
      return { form, forms: this.set };
    }
    const known = this.versionsOf(decl.kind);
    throw problems.unknownForm(
      form
        ? `The declaration names form ${id} version ${version}, a ${form.kind} form, but is a ${decl.kind} declaration.`
        : `The declaration names form ${id} version ${version}, which this endpoint does not have.`,
      known,
    );
  }

  /** `id v1, v2` per form of the kind, for a 422's detail: what the client may name instead. */
  private versionsOf(kind: DeclarationKind): string {
    const ids = [...new Set(this.set.forms.filter((f) => f.kind === kind).map((f) => f.id))];
    return ids
      .map(
        (id) =>
          `${id} ${this.versions(id)
            .map((v) => `v${v}`)
            .join(', ')}`,
      )
      .join('; ');
  }

  /** Every version of a form known here, oldest first. */
  private versions(id: string): number[] {
    return this.set.forms
      .filter((f) => f.id === id)
      .map((f) => f.version)
      .sort((a, b) => a - b);
  }
}

const nameOf = (f: Form): string => `${f.id} v${f.version} (${f.title.zh})`;
