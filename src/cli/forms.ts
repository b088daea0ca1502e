import { existsSync, statSync } from 'fs';
import { BUILTIN, ReadError, type Form, type FormSet } from '../forms';

// Package files are read with ExcelJS, loaded only when a command names some: `validate` starts many
// worker threads, and its own thread has no workbook to open.
const packageIo = () => import('../io/formPackage');

/** Which forms a command reads with: serialisable, so worker threads resolve it the same way. */
export interface FormConfig {
  /** a folder of the bureau's packages (`--forms DIR`, or JIXIAO_FORMS) */
  formsDir?: string;
  /** read every declaration with this form: an installed form's id, or a package file */
  form?: string;
}

export interface ResolvedForms {
  forms: FormSet;
  forced?: Form;
}

const cache = new Map<string, Promise<ResolvedForms>>();

/** The built-ins, the bureau's packages from the folder, and the form to force, checked. */
export function resolveForms(config: FormConfig = {}): Promise<ResolvedForms> {
  const key = JSON.stringify(config);
  let r = cache.get(key);
  if (!r) {
    r = resolve(config);
    cache.set(key, r);
    r.catch(() => cache.delete(key));
  }
  return r;
}

async function resolve(config: FormConfig): Promise<ResolvedForms> {
  let forms = BUILTIN;
  if (config.formsDir) {
    if (!existsSync(config.formsDir) || !statSync(config.formsDir).isDirectory())
      throw new ReadError(`${config.formsDir}: no such folder of form packages`);
    const io = await packageIo();
    const loaded = await io.loadFormDir(config.formsDir);
    const bad = loaded.find((l) => !l.ok);
    if (bad && !bad.ok) throw new ReadError(io.describeBroken(bad));
    forms = forms.with(loaded.flatMap((l) => (l.ok ? [l.form] : [])));
  }
  if (!config.form) return { forms };
  if (/\.(json|xlsx)$/i.test(config.form)) {
    const io = await packageIo();
    const l = await io.loadFormPackage(config.form);
    if (!l.ok) throw new ReadError(io.describeBroken(l));
    return { forms: forms.with([l.form]), forced: l.form };
  }
  const [id, v] = config.form.split('@');
  const forced = forms.get(id, v ? Number(v) : undefined);
  if (!forced)
    throw new ReadError(
      `no form “${config.form}”; installed: ${forms
        .current()
        .map((f) => f.id)
        .join(', ')}`,
    );
  return { forms, forced };
}
