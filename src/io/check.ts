import { readFile } from 'fs/promises';
import { Declaration, type DeclarationKind, type Finding, type ProfileId } from '../model';
import { checkDeclaration, checkSnapshot, type DeclarationCheck } from '../app/check';
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

/**
 * Read and check one file as the command line does: a model JSON file or a workbook. A file that cannot
 * be read at all is a ReadError, with the reason.
 */
export async function checkFileOrThrow(file: string, profile?: ProfileId): Promise<DeclarationCheck> {
  try {
    if (/\.json$/i.test(file)) return checkDeclaration(await loadModelJson(file), { profile });
    return checkSnapshot(await readWorkbookFile(file), { profile }, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ReadError(`${file}: no such file`);
    throw e;
  }
}

export async function checkFile(file: string, profile?: ProfileId): Promise<FileReport> {
  try {
    const checked = await checkFileOrThrow(file, profile);
    return { file, kind: checked.declaration.kind, findings: checked.findings };
  } catch (e) {
    if (e instanceof ReadError) return { file, kind: null, findings: [], error: e.message };
    throw e;
  }
}
