import { writeFile } from 'fs/promises';
import { parseArgs } from 'util';
import { builtinPackage, type Form } from '../forms';
import { loadFormPackage, packageWorkbook } from '../io/formPackage';
import { loadBureauForms } from '../app/bureauForms';
import { memoryStorage } from '../app/submission';
import { resolveForms } from './forms';
import { out, UsageError } from './terminal';

/**
 * `jixiao form list | check | export | publish`: what forms this installation knows, whether a bureau's
 * package is valid (each problem at its cell), a built-in package as a workbook to start a bureau's own
 * from, and the bureau's packages installed in the endpoint's database.
 */

const KIND_ZH = { department: '部门整体', project: '项目支出', specialFund: '专项资金' } as const;

export interface FormListing {
  id: string;
  version: number;
  kind: Form['kind'];
  title: string;
  year: number | null;
  source: Form['source'];
}

export const listing = (f: Form): FormListing => ({
  id: f.id,
  version: f.version,
  kind: f.kind,
  title: f.title.zh,
  year: f.year ?? null,
  source: f.source,
});

async function list(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, forms: { type: 'string' }, endpoint: { type: 'string' } },
  });
  let { forms } = await resolveForms({ formsDir: values.forms ?? (process.env.JIXIAO_FORMS || undefined) });
  const endpoint = values.endpoint ?? process.env.JIXIAO_ENDPOINT;
  if (endpoint) {
    // What the pane would list: the endpoint's published forms too (no cache: this is a one-off look).
    const got = await loadBureauForms({ endpoint, storage: memoryStorage() });
    if (got.origin !== 'endpoint') {
      process.stderr.write(
        `jixiao: the endpoint's forms could not be fetched (${got.problem ?? 'unknown'})\n`,
      );
      return 2;
    }
    forms = forms.with(got.bureau);
  }
  const rows = forms.current().map(listing);
  if (values.json) {
    out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows)
    out(
      `${r.id.padEnd(w)}  v${r.version}  ${KIND_ZH[r.kind]}  ${r.year ?? '    '}  ${r.source.padEnd(8)}  ${r.title}`,
    );
  return 0;
}

async function check(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (!positionals.length) throw new UsageError('form check needs a package file (.json or .xlsx)');
  let bad = 0;
  for (const file of positionals) {
    const l = await loadFormPackage(file);
    if (l.ok) {
      out(
        `✓ ${file}: ${l.form.id} v${l.form.version} “${l.form.title.zh}” (${KIND_ZH[l.form.kind]}, ${l.form.sheets.length} sheet(s))`,
      );
      continue;
    }
    bad++;
    out(`✗ ${file}: ${l.problems.length} problem(s)`);
    for (const p of l.problems) out(`  ${p.where}: ${p.message}`);
  }
  return bad ? 2 : 0;
}

async function exportCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  const [ref] = positionals;
  if (!ref || !values.output) throw new UsageError('form export needs ID -o FILE.xlsx (or FILE.json)');
  const [id, v] = ref.split('@');
  const pkg = builtinPackage(id, v ? Number(v) : undefined);
  if (!pkg) throw new UsageError(`no built-in form “${ref}”; see jixiao form list`);
  if (/\.json$/i.test(values.output)) await writeFile(values.output, `${JSON.stringify(pkg, null, 2)}\n`);
  else await packageWorkbook(pkg).xlsx.writeFile(values.output);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
}

/**
 * `form publish PATH... [--db FILE]` (or DATABASE_URL, as `jixiao token`): every package checked first,
 * then all stored or none. Exits 2 when a package is broken, 1 when one would change a published version.
 */
async function publish(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' } },
  });
  if (!positionals.length)
    throw new UsageError('form publish needs package files (.json or .xlsx) or folders of them');
  // Loaded here: the server's dependencies would slow every other form command's start.
  const { describeBroken, describeConflicts, loadPackages, publishPackages } =
    await import('../server/forms');
  const { loaded, broken } = await loadPackages(positionals);
  if (broken.length) {
    process.stderr.write(`jixiao: nothing was published\n${describeBroken(broken)}\n`);
    return 2;
  }
  const { openStore } = await import('../server/serve');
  const opened = await openStore({
    db: values.db,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  const { store, description } = opened;
  try {
    const report = await publishPackages(store, loaded);
    if (!report.ok) {
      process.stderr.write(`jixiao: nothing was published\n${describeConflicts(report.conflicts)}\n`);
      return 1;
    }
    for (const f of report.forms)
      out(
        f.outcome === 'published'
          ? `published ${f.id} v${f.version} (${f.file})`
          : `unchanged ${f.id} v${f.version}: published ${f.publishedAt} with the same content (${f.file})`,
      );
    process.stderr.write(`in ${description}\n`);
    return 0;
  } finally {
    await opened.close();
  }
}

export async function formCmd(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(rest);
    case 'check':
      return check(rest);
    case 'export':
      return exportCmd(rest);
    case 'publish':
      return publish(rest);
    default:
      throw new UsageError('form needs list, check, export or publish');
  }
}
