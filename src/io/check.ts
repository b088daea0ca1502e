import { readFile } from 'fs/promises';
import { Declaration, type DeclarationKind, type Finding, type ProfileId } from '../model';
import { LAYOUTS, render } from '../layouts';
import { checkSnapshot } from '../app/check';
import { validate } from '../rules';
import { ReadError, readWorkbookFile } from './xlsx';

/** One file's verdict, as `jixiao validate --json` prints it. */
export interface FileReport {
  file: string;
  kind: DeclarationKind | null;
  findings: Finding[];
  /** why the file could not be read at all (exit code 2) */
  error?: string;
}

/** Parse a model JSON file; a schema violation is a read error with the paths that are wrong. */
export async function loadModelJson(file: string): Promise<Declaration> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
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

export async function checkFile(file: string, profile?: ProfileId): Promise<FileReport> {
  try {
    if (/\.json$/i.test(file)) {
      const decl = await loadModelJson(file);
      // A model has no workbook: point at the cells the standard layout would put each value in.
      const sourceMap = render(LAYOUTS[decl.kind], decl).sourceMap;
      return { file, kind: decl.kind, findings: validate(decl, { profile, sourceMap }) };
    }
    const checked = checkSnapshot(await readWorkbookFile(file), profile, file);
    return { file, kind: checked.declaration.kind, findings: checked.findings };
  } catch (e) {
    if (e instanceof ReadError) return { file, kind: null, findings: [], error: e.message };
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { file, kind: null, findings: [], error: `${file}: no such file` };
    throw e;
  }
}
