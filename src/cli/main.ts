import { writeFile } from 'fs/promises';
import { parseArgs } from 'util';
import { z } from 'zod';
import { Declaration, DeclarationKind, ProfileId } from '../model';
import { DEFAULT_PROFILE } from '../profiles';
import { hydrate } from '../rules';
import { loadModelJson } from '../io/check';
import { ReadError, readDeclarationXlsx, writeDeclarationXlsx } from '../io/xlsx';
import { checkFiles } from './pool';
import { Progress } from './progress';
import { formatReport, summaryLine, type Lang } from './report';

const USAGE = `jixiao — 预算绩效目标申报表 (budget performance-target declarations)

Usage:
  jixiao template <department|project|specialFund> -o FILE.xlsx [--year N] [--profile NAME]
  jixiao export FILE.xlsx [-o MODEL.json]
  jixiao render MODEL.json -o FILE.xlsx
  jixiao validate FILE... [--json] [--profile NAME] [--lang zh|en]
  jixiao schema

Profiles: ${ProfileId.options.join(', ')}
validate exits 0 when no file has an error finding, 1 when one has, 2 when a file cannot be read.`;

class UsageError extends Error {}

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function lang(flag: string | undefined): Lang {
  if (flag === 'en' || flag === 'zh') return flag;
  return /^en/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'en' : 'zh';
}

function profileOf(v: string | undefined): ProfileId | undefined {
  if (v === undefined) return undefined;
  const p = ProfileId.safeParse(v);
  if (!p.success) throw new UsageError(`unknown profile "${v}"; use one of ${ProfileId.options.join(', ')}`);
  return p.data;
}

async function template(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      year: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const kind = DeclarationKind.safeParse(positionals[0]);
  if (!kind.success) throw new UsageError(`template needs a kind: ${DeclarationKind.options.join(', ')}`);
  if (!values.output) throw new UsageError('template needs -o FILE.xlsx');
  const year = values.year ? Number(values.year) : new Date().getFullYear();
  const profile = profileOf(values.profile) ?? DEFAULT_PROFILE[kind.data];
  const decl = Declaration.parse({ kind: kind.data, year, profile });
  await writeDeclarationXlsx(decl, values.output);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
}

async function exportCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  if (!positionals[0]) throw new UsageError('export needs FILE.xlsx');
  const read = await readDeclarationXlsx(positionals[0]);
  for (const p of read.problems) {
    const at = read.sourceMap[p.path];
    process.stderr.write(
      `warning: ${at ? `${at.sheet}!${at.cell}` : p.path}: ${p.code} ${JSON.stringify(p.params ?? {})}\n`,
    );
  }
  const json = `${JSON.stringify(hydrate(read.declaration), null, 2)}\n`;
  if (values.output) await writeFile(values.output, json);
  else out(json);
  return 0;
}

async function renderCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  if (!positionals[0] || !values.output) throw new UsageError('render needs MODEL.json -o FILE.xlsx');
  await writeDeclarationXlsx(await loadModelJson(positionals[0]), values.output);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
}

async function validateCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, profile: { type: 'string' }, lang: { type: 'string' } },
  });
  if (!positionals.length) throw new UsageError('validate needs at least one FILE');
  const l = lang(values.lang);
  const progress = new Progress(positionals.length);
  const reports = await checkFiles(positionals, profileOf(values.profile), (r) => progress.tick(r.file));
  progress.end();
  if (values.json) out(JSON.stringify(reports, null, 2));
  else {
    for (const r of reports) out(formatReport(r, l));
    if (reports.length > 1) out(summaryLine(reports, l));
  }
  if (reports.some((r) => r.error)) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function schemaCmd(): number {
  out(JSON.stringify(z.toJSONSchema(Declaration, { io: 'input' }), null, 2));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'template':
        return await template(rest);
      case 'export':
        return await exportCmd(rest);
      case 'render':
        return await renderCmd(rest);
      case 'validate':
        return await validateCmd(rest);
      case 'schema':
        return schemaCmd();
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ReadError ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`jixiao: ${(e as Error).message}\n`);
      if (e instanceof UsageError) process.stderr.write('Run "jixiao --help" for usage.\n');
      return 2;
    }
    throw e;
  }
}
