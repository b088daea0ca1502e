import { readFile } from 'fs/promises';
import { Declaration, type DeclarationKind, type Finding } from '../model';
import { checkDeclaration, checkWorkbook, type CheckOptions, type DeclarationCheck } from '../app/check';
import { ReadError } from '../forms';
import { OLD_FORMAT, readWorkbookFile } from './workbookFile';

/** One declaration's verdict (a workbook may hold several), as `jixiao validate --json` prints it. */
export interface FileReport {
  file: string;
  /** the sheet the declaration starts on; null for a model JSON file or a file that cannot be read */
  sheet: string | null;
  /** the form it was read with, `id@version` */
  form: string | null;
  /** the project's or fund's name, a department's unit */
  name: string;
  /** 填报单位 (a department's own name); blank where the form has none */
  unit: string;
  kind: DeclarationKind | null;
  findings: Finding[];
  /** why the file could not be read at all (exit code 2) */
  error?: string;
}

/** What a report calls a declaration: a project's or fund's name, a department's unit. */
export const nameOf = (d: Declaration): string => (d.kind === 'department' ? d.unit : d.name);

/** Parse a model JSON file; a schema violation is a read error with the paths that are wrong. */
export async function loadModelJson(file: string): Promise<Declaration> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReadError(
      code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot be read (${code ?? 'error'})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReadError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = Declaration.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ReadError(`${file}: not a declaration (${where})`);
  }
  return parsed.data;
}

/**
 * Read and check one file as the command line does: a model JSON file, or a workbook with one or more
 * declarations. A file that cannot be read at all is a ReadError, with the reason.
 */
export async function checkFileOrThrow(
  file: string,
  opts: CheckOptions = {},
): Promise<(DeclarationCheck & { sheet: string | null })[]> {
  try {
    if (/\.json$/i.test(file)) return [{ ...checkDeclaration(await loadModelJson(file), opts), sheet: null }];
    if (/\.(xls|et)$/i.test(file)) throw new ReadError(`${file}: ${OLD_FORMAT}`);
    const checks = checkWorkbook(await readWorkbookFile(file), opts);
    return checks;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ReadError(`${file}: file not found`);
    if (e instanceof ReadError && !e.message.startsWith(file)) throw new ReadError(`${file}: ${e.message}`);
    throw e;
  }
}

/** One report per declaration the file holds; one report with the error when it cannot be read. */
export async function checkFile(file: string, opts: CheckOptions = {}): Promise<FileReport[]> {
  try {
    return (await checkFileOrThrow(file, opts)).map((c) => ({
      file,
      sheet: c.sheet,
      form: `${c.form.id}@${c.form.version}`,
      name: nameOf(c.declaration),
      unit: c.declaration.unit,
      kind: c.declaration.kind,
      findings: c.findings,
    }));
  } catch (e) {
    if (e instanceof ReadError)
      return [
        { file, sheet: null, form: null, name: '', unit: '', kind: null, findings: [], error: e.message },
      ];
    throw e;
  }
}
