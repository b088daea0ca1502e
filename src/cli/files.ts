import { readdir, stat } from 'fs/promises';
import { basename, dirname, join, resolve } from 'path';

/** What `validate` reads in a folder: workbooks and model JSON, and the old formats it explains. */
const READABLE = /\.(xlsx|xlsm|json|xls|et)$/i;
/** Excel's and WPS's lock files (~$名单.xlsx), and hidden files: never a unit's declaration. */
const SKIPPED = /^(~\$|\.)/;
const WILD = /[*?[]/;

/** A shell glob segment as a whole-name pattern: *, ? and [...] as a shell reads them. */
function segmentPattern(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${seg
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Every readable file under a folder, its subfolders included (a bureau files its mail by unit), sorted. */
async function folderFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.test(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await folderFiles(p)));
    else if (READABLE.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** The matches of a glob, segment by segment from its first fixed folder (收件/*.xlsx, or a star in a folder name). */
async function globFiles(pattern: string): Promise<string[]> {
  const norm = pattern.replace(/\\/g, '/');
  const absolute = norm.startsWith('/');
  const segs = norm.split('/').filter((s, i) => s !== '' || i === 0);
  let bases = [absolute ? '/' : '.'];
  if (absolute) segs.shift();
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (!WILD.test(seg)) {
        const p = base === '.' && !absolute ? seg : join(base, seg);
        if (last ? await exists(p) : await isDir(p)) next.push(p);
        continue;
      }
      const re = segmentPattern(seg);
      let entries;
      try {
        entries = await readdir(base, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (!re.test(e.name) || (SKIPPED.test(e.name) && !seg.startsWith('.') && !seg.startsWith('~')))
          continue;
        if (last ? !e.isDirectory() : e.isDirectory())
          next.push(base === '.' && !absolute ? e.name : join(base, e.name));
      }
    }
    bases = next;
  }
  return bases.sort();
}

/**
 * The files named on the command line: a folder gives the workbooks and model files in it, a pattern
 * (quoted, as Windows' cmd passes it) gives its matches, anything else is a file, kept as given so a
 * missing one is reported by name. A file named twice is read once.
 */
export async function expandFiles(args: string[]): Promise<{ files: string[]; empty: string[] }> {
  const files: string[] = [];
  const empty: string[] = [];
  for (const arg of args) {
    let found: string[];
    if (await isDir(arg)) found = await folderFiles(arg);
    else if (WILD.test(basename(arg)) || WILD.test(dirname(arg))) {
      found = (await exists(arg)) ? [arg] : await globFiles(arg);
    } else found = [arg];
    if (found.length === 0) empty.push(arg);
    files.push(...found);
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(resolve(f)) && seen.add(resolve(f))), empty };
}
