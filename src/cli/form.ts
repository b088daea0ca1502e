import { writeFile } from 'fs/promises';
import { parseArgs } from 'util';
import { builtinPackage, type Form } from '../forms';
import { loadFormPackage, packageWorkbook } from '../io/formPackage';
import { resolveForms } from './forms';

/**
 * `jixiao form list | check | export`: what forms this installation knows, whether a bureau's package is
 * valid (each problem at its cell), and a built-in package as a workbook to start a bureau's own from.
 */

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function usage(message: string): number {
  process.stderr.write(`jixiao: ${message}\nRun "jixiao --help" for usage.\n`);
  return 2;
}

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
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, forms: { type: 'string' } } });
  const { forms } = await resolveForms({ formsDir: values.forms ?? (process.env.JIXIAO_FORMS || undefined) });
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
  if (!positionals.length) return usage('form check needs a package file (.json or .xlsx)');
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
  if (!ref || !values.output) return usage('form export needs ID -o FILE.xlsx (or FILE.json)');
  const [id, v] = ref.split('@');
  const pkg = builtinPackage(id, v ? Number(v) : undefined);
  if (!pkg) return usage(`no built-in form “${ref}”; see jixiao form list`);
  if (/\.json$/i.test(values.output)) await writeFile(values.output, `${JSON.stringify(pkg, null, 2)}\n`);
  else await packageWorkbook(pkg).xlsx.writeFile(values.output);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
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
    default:
      return usage('form needs list, check or export');
  }
}
