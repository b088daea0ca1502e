import { writeFile } from 'fs/promises';
import { isIP } from 'net';
import { parseArgs } from 'util';
import { z } from 'zod';
import { Declaration, DeclarationKind, ProfileId } from '../model';
import { DEFAULT_PROFILE } from '../profiles';
import { hydrate } from '../rules';
import { ReadError, STANDARD_FORMS, formOf, isStandard, readWorkbookDeclarations } from '../forms';
import { UnknownFormError } from '../app/check';
import { resolveForms, type FormConfig } from './forms';
import { expandFiles } from './files';
import { checkFiles } from './pool';
import { Progress } from './progress';
import { formatReport, summaryLine } from './report';
import { langOf, out, UsageError } from './terminal';

const USAGE = `jixiao — 预算绩效目标申报表 (budget performance-target declarations)

Usage:
  jixiao template <department|project|specialFund|FORM> -o FILE.xlsx [--year N] [--profile NAME]
  jixiao export FILE.xlsx [-o MODEL.json] [--form ID|PATH]
  jixiao render MODEL.json -o FILE.xlsx [--form ID|PATH]
  jixiao validate FILE|FOLDER... [--json] [--report OUT.csv|OUT.xlsx] [--profile NAME] [--lang zh|en] [--form ID|PATH]
  jixiao form list [--json] [--endpoint URL]
  jixiao form check PATH...
  jixiao form export ID -o FILE.xlsx|FILE.json
  jixiao form publish PATH... [--db FILE]
  jixiao schema
  jixiao submit FILE... --endpoint URL --token TOKEN [--json] [--lang zh|en] [--retry N]
  jixiao serve [--port N] [--host ADDR] [--db FILE] [--cors-origin URL]... [--trust-proxy ADDR|CIDR]... [--rate-limit N] [--forms DIR] [--require-form] [LIMITS]
  jixiao token create --unit NAME | --reviewer NAME [--db FILE]
  jixiao token list [--json] [--db FILE]
  jixiao token revoke ID [--db FILE]
  jixiao unit add NAME... | unit list [--db FILE]
  jixiao diagnostics [--db FILE] [--json] [--lang zh|en]
  jixiao list --endpoint URL --token TOKEN [--year N] [--kind KIND] [--status STATUS] [--json]

Profiles: ${ProfileId.options.join(', ')}
validate exits 0 when no file has an error finding, 1 when one has, 2 when a file cannot be read.
validate reads every .xlsx and .json in a FOLDER (and its subfolders), and expands a quoted pattern ("收件/*.xlsx") itself;
--report writes one row per finding (file, sheet, unit, name, kind, code, severity, cell, message, suggestion).
submit sends files without error findings; exits 0 when all were stored, 1 when one was refused or invalid, 2 when a file cannot be read or the endpoint cannot be reached.
submit reads JIXIAO_ENDPOINT and JIXIAO_TOKEN when --endpoint or --token is not given (keeps the token out of the process list).
serve, token, unit, diagnostics and form publish use PostgreSQL when DATABASE_URL is set (and --db is not), else SQLite (default ./data/jixiao.db).
form publish and serve --forms DIR install a bureau's packages in the endpoint's database (see docs/deploy.md).
submit sends each file once; --retry N tries a file N more times after a network failure, a timeout, 429 or 5xx.
serve listens on 127.0.0.1:8787 by default; --rate-limit is requests per second per token (default 50, 0: off).
serve limits failed authentications per client address (--auth-failures, default 30 a minute, 0: off; a valid
  token is never refused by it); X-Forwarded-For names the client only from a --trust-proxy address or CIDR.
serve timeouts in seconds (0: off): --headers-timeout 10, --request-timeout 60 (whole request), --idle-timeout 30
  (a silent connection, a stalled body), --keep-alive-timeout 5; --max-connections 1000.
serve checks bodies of 64 KiB or more in --validators N worker threads (default: cores - 1, at most 4; 0: inline),
  at most --validations-per-token 2 at once per token; --busy-timeout 5: seconds a write waits for SQLite's lock (then 503).
LIMITS: --auth-failures N, --headers-timeout S, --request-timeout S, --idle-timeout S, --keep-alive-timeout S,
  --max-connections N, --validators N, --validations-per-token N, --busy-timeout S (see docs/deploy.md).
Forms: the built-in ones, plus a bureau's packages with --forms DIR (or JIXIAO_FORMS) on every command.
A workbook's form is found by its stamp, else by its titles and labels; --form ID|PATH forces one.
diagnostics summarises the pane's self-test reports sent to the endpoint: which host versions pass which checks.
form check exits 0 when the package is valid, 2 with each problem at its cell (fields!C12) otherwise.`;

// Files are read and written with ExcelJS, loaded by the commands that open one: `validate`'s own thread
// only hands files to its workers, and `--help` needs neither.
const xlsx = () => import('../io/xlsx');
const modelJson = async (file: string) => (await import('../io/check')).loadModelJson(file);

/** --form ID|PATH and --forms DIR, on every command that reads or writes a form. */
const FORM_FLAGS = { form: { type: 'string' }, forms: { type: 'string' } } as const;

function formConfig(values: { form?: string; forms?: string }): FormConfig {
  return { form: values.form, formsDir: values.forms ?? (process.env.JIXIAO_FORMS || undefined) };
}

const formsOf = (values: { form?: string; forms?: string }) => resolveForms(formConfig(values));

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
      ...FORM_FLAGS,
    },
  });
  const { forms, forced } = await formsOf(values);
  const kind = DeclarationKind.safeParse(positionals[0]);
  const named = kind.success ? undefined : positionals[0] ? forms.latest(positionals[0]) : undefined;
  const form = forced ?? named ?? (kind.success ? STANDARD_FORMS[kind.data] : undefined);
  if (!form)
    throw new UsageError(
      `template needs a kind (${DeclarationKind.options.join(', ')}) or a form: ${forms
        .current()
        .map((f) => f.id)
        .join(', ')}`,
    );
  if (!values.output) throw new UsageError('template needs -o FILE.xlsx');
  const year = values.year ? Number(values.year) : (form.year ?? new Date().getFullYear());
  const profile =
    profileOf(values.profile) ??
    (form.source === 'built-in' && isStandard(form) ? DEFAULT_PROFILE[form.kind] : form.framework.id);
  const decl = Declaration.parse({ kind: form.kind, year, profile });
  await (await xlsx()).writeDeclarationXlsx(decl, values.output, form);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
}

async function exportCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, ...FORM_FLAGS },
  });
  if (!positionals[0]) throw new UsageError('export needs FILE.xlsx');
  const { forms, forced } = await formsOf(values);
  const reads = readWorkbookDeclarations(
    await (await xlsx()).readWorkbookFile(positionals[0]),
    forms,
    forced,
  );
  for (const read of reads)
    for (const p of read.problems) {
      const at = read.sourceMap[p.path];
      process.stderr.write(
        `warning: ${at ? `${at.sheet}!${at.cell}` : p.path}: ${p.code} ${JSON.stringify(p.params ?? {})}\n`,
      );
    }
  // One declaration is an object, as it always was; a workbook of several is an array of them.
  const models = reads.map((r) => hydrate(r.declaration));
  const json = `${JSON.stringify(models.length === 1 ? models[0] : models, null, 2)}\n`;
  if (values.output) await writeFile(values.output, json);
  else out(json);
  return 0;
}

async function renderCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, ...FORM_FLAGS },
  });
  if (!positionals[0] || !values.output) throw new UsageError('render needs MODEL.json -o FILE.xlsx');
  const { forms, forced } = await formsOf(values);
  const decl = await modelJson(positionals[0]);
  const form = forced ?? formOf(decl, forms);
  if (!form) throw new UnknownFormError(decl.form!, forms.current());
  await (await xlsx()).writeDeclarationXlsx(decl, values.output, form);
  process.stderr.write(`wrote ${values.output}\n`);
  return 0;
}

async function validateCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      profile: { type: 'string' },
      lang: { type: 'string' },
      report: { type: 'string' },
      ...FORM_FLAGS,
    },
  });
  if (!positionals.length) throw new UsageError('validate needs at least one FILE or FOLDER');
  if (values.report !== undefined && !/\.(csv|xlsx)$/i.test(values.report))
    throw new UsageError(`--report writes a .csv or .xlsx file, not ${values.report}`);
  const l = langOf(values.lang);
  const config = { profile: profileOf(values.profile), ...formConfig(values) };
  await resolveForms(config); // a broken package or an unknown --form is a usage error, once, up front
  // Folders and patterns are expanded here, so a quoted *.xlsx works in Windows' cmd as in a shell.
  const { files, empty } = await expandFiles(positionals);
  for (const e of empty)
    process.stderr.write(
      l === 'zh' ? `${e}：没有可读取的文件（.xlsx、.json）\n` : `${e}: no files to read (.xlsx, .json)\n`,
    );
  if (files.length === 0) return 2;
  const progress = new Progress(files.length);
  const reports = await checkFiles(files, config, (file) => progress.tick(file));
  progress.end();
  if (values.report !== undefined) {
    await (await import('../io/findingsReport')).writeReport(values.report, reports);
    process.stderr.write(`wrote ${values.report}\n`);
  }
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

function intFlag(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^[0-9]+$/.test(v) || n < min || n > max)
    throw new UsageError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** `--trust-proxy`: an address, a CIDR, or one of proxy-addr's names for a range. */
function proxyFlag(values: string[] | undefined): string[] | undefined {
  for (const v of values ?? []) {
    const [addr, bits, more] = v.split('/');
    const ok =
      ['loopback', 'linklocal', 'uniquelocal'].includes(v) ||
      (more === undefined &&
        isIP(addr) !== 0 &&
        (bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (isIP(addr) === 4 ? 32 : 128))));
    if (!ok) throw new UsageError(`--trust-proxy must be an address or a CIDR (10.0.0.1, 10.0.0.0/8): ${v}`);
  }
  return values;
}

/** Seconds given on the command line, as milliseconds. */
const ms = (s: number | undefined): number | undefined => (s === undefined ? undefined : s * 1000);

async function serveCmd(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      forms: { type: 'string' },
      'require-form': { type: 'boolean' },
      'trust-proxy': { type: 'string', multiple: true },
      'auth-failures': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      'max-connections': { type: 'string' },
      validators: { type: 'string' },
      'validations-per-token': { type: 'string' },
      'busy-timeout': { type: 'string' },
    },
  });
  const port = intFlag(values.port, '--port', 0, 65535);
  const rate = intFlag(values['rate-limit'], '--rate-limit', 0, 1_000_000);
  const seconds = (name: keyof typeof values) =>
    ms(intFlag(values[name] as string | undefined, `--${name}`, 0, 86_400));
  // Loaded here, not at the top: the server's dependencies would slow every other command's start.
  const { corsOrigins, startServer } = await import('../server/serve');
  const server = await startServer({
    port,
    host: values.host,
    db: values.db,
    databaseUrl: process.env.DATABASE_URL || undefined,
    corsOrigins: corsOrigins(values['cors-origin']),
    rateLimit: rate === undefined ? undefined : rate === 0 ? false : { perSecond: rate, burst: rate * 2 },
    logger: { level: process.env.JIXIAO_LOG_LEVEL || 'warn', stream: process.stderr },
    formsDir: values.forms,
    requireForm: values['require-form'],
    trustProxy: proxyFlag(values['trust-proxy']),
    authFailuresPerMinute: intFlag(values['auth-failures'], '--auth-failures', 0, 1_000_000),
    timeouts: {
      headersMs: seconds('headers-timeout'),
      requestMs: seconds('request-timeout'),
      idleMs: seconds('idle-timeout'),
      keepAliveMs: seconds('keep-alive-timeout'),
    },
    maxConnections: intFlag(values['max-connections'], '--max-connections', 1, 1_000_000),
    validator: { threads: intFlag(values.validators, '--validators', 0, 64) },
    validationsPerToken: intFlag(values['validations-per-token'], '--validations-per-token', 1, 1000),
    busyMs: seconds('busy-timeout'),
  });
  if (server.published)
    process.stderr.write(
      `jixiao serve: forms from ${values.forms}: ${server.published.map((f) => `${f.id} v${f.version} ${f.outcome}`).join(', ') || 'none'}\n`,
    );
  out(`jixiao serve: listening on ${server.url} (${server.storeDescription})`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stderr.write('jixiao serve: stopped\n');
  return 0;
}

async function tokenCmd(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      reviewer: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (sub !== 'create' && sub !== 'revoke' && sub !== 'list')
    throw new UsageError('token needs create --unit NAME, create --reviewer NAME, list, or revoke ID');
  const { newToken, normalizeUnit } = await import('../server/tokens');
  const unit = normalizeUnit(values.unit ?? '');
  const reviewer = (values.reviewer ?? '').trim();
  if (sub === 'create' && !unit === !reviewer)
    throw new UsageError('token create needs --unit NAME (a writer) or --reviewer NAME (a bureau reviewer)');
  if (sub === 'revoke' && positionals.length !== 1) throw new UsageError('token revoke needs the token ID');
  const { openStore } = await import('../server/serve');
  const opened = await openStore({
    db: values.db,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  const { store, reviews, description } = opened;
  try {
    if (sub === 'create') {
      const t = newToken();
      if (unit) await store.createToken({ id: t.id, unit, hash: t.hash });
      else await reviews.createReviewer({ id: t.id, name: reviewer, hash: t.hash });
      process.stderr.write(`Stored (hashed) in ${description}. The token is shown only this once.\n`);
      out(unit ? `id ${t.id} unit ${unit}` : `id ${t.id} reviewer ${reviewer}`);
      out(t.token);
      return 0;
    }
    if (sub === 'list') {
      const list = await reviews.listTokens();
      if (values.json) out(JSON.stringify(list, null, 2));
      else
        for (const t of list)
          out(
            `${t.id}  ${t.role.padEnd(8)}  ${t.createdAt.slice(0, 10)}  ${t.revokedAt ? 'revoked' : 'active '}  ${t.name}`,
          );
      return 0;
    }
    const id = positionals[0];
    if (!(await store.revokeToken(id)) && !(await reviews.revokeReviewer(id))) {
      process.stderr.write(`jixiao: no active token with id ${id} in ${description}\n`);
      return 1;
    }
    out(`revoked ${id}`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** `jixiao unit add NAME…`: the roster of units expected to declare, for the desk's 未提交. */
async function unitCmd(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { db: { type: 'string' } },
  });
  if (sub !== 'add' && sub !== 'list') throw new UsageError('unit needs add NAME... or list');
  const { normalizeUnit } = await import('../server/tokens');
  const names = positionals.map(normalizeUnit).filter(Boolean);
  if (sub === 'add' && names.length === 0) throw new UsageError('unit add needs at least one NAME');
  const { openStore } = await import('../server/serve');
  const opened = await openStore({
    db: values.db,
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  const { reviews } = opened;
  try {
    if (sub === 'add') out(`added ${await reviews.addUnits(names)} of ${names.length}`);
    else for (const u of await reviews.roster()) out(u);
    return 0;
  } finally {
    await opened.close();
  }
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
      case 'form':
        return await (await import('./form')).formCmd(rest);
      case 'submit':
        return await (await import('./submit')).submitCmd(rest);
      case 'serve':
        return await serveCmd(rest);
      case 'unit':
        return await unitCmd(rest);
      case 'list':
        return await (await import('./list')).listCmd(rest);
      case 'token':
        return await tokenCmd(rest);
      case 'diagnostics':
        return await (await import('./diagnostics')).diagnosticsCmd(rest);
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
