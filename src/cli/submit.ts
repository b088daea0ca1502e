import { parseArgs } from 'util';
import type { Bilingual, Declaration, Finding } from '../model';
import type { CheckOptions } from '../app/check';
import { checkFileOrThrow } from '../io/check';
import { resolveForms } from './forms';
import { ReadError } from '../io/xlsx';
import { idempotencyKey } from '../app/submission';
import {
  latestReceipt,
  submitDeclaration,
  type FetchLike,
  type SubmitFailure,
  type SubmitResult,
} from '../submit/client';
import { declarationHash } from '../submit/protocol';
import type { Receipt } from '../submit/protocol';
import { endpointProblem, normalizeEndpoint } from '../submit/settings';
import { Progress } from './progress';
import type { Lang } from './report';
import { langOf } from './terminal';

/**
 * `jixiao submit FILE... --endpoint URL --token TOKEN`: the workbooks a finance bureau received by e-mail,
 * checked locally and pushed one by one. A file with an error finding is not sent.
 */

export type FileStatus =
  /** the endpoint holds it (stored now, or already: replayed) */
  | 'stored'
  /** an error finding here: not sent */
  | 'invalid'
  /** the endpoint refused it (4xx) */
  | 'refused'
  /** the file could not be read */
  | 'unreadable'
  /** the endpoint could not be reached or kept failing; the file is not stored */
  | 'unreachable';

export interface SubmitFileResult {
  file: string;
  status: FileStatus;
  receipt?: Receipt;
  replayed?: boolean;
  /** the HTTP status of the last answer, when there was one */
  httpStatus?: number;
  message?: Bilingual;
  /** the error findings that kept it from being sent, or the endpoint's (422) */
  findings?: Finding[];
  attempts?: number;
}

export interface SubmitFilesOptions {
  endpoint: string;
  token: string;
  /** retries after a failure worth retrying (network, timeout, 5xx, 429): `--retry N`, none by default */
  retries?: number;
  /** the first retry waits this long, each next one twice as long; 1 s by default */
  retryDelayMs?: number;
  timeoutMs?: number;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  onResult?: (r: SubmitFileResult) => void;
  /** the forms the files are read with */
  check?: CheckOptions;
}

const MAX_RETRY_AFTER_MS = 30_000;

type Loaded = { declaration: Declaration; findings: Finding[] } | { error: string };

/** Read a file the way `validate` does, keeping each declaration it holds. */
export async function loadForSubmit(file: string, opts: CheckOptions = {}): Promise<Loaded[]> {
  try {
    return (await checkFileOrThrow(file, opts)).map(({ declaration, findings }) => ({
      declaration,
      findings,
    }));
  } catch (e) {
    if (e instanceof ReadError) return [{ error: e.message }];
    throw e;
  }
}

/** Check and send each file in turn; once the endpoint is unreachable, the rest are not tried. */
export async function submitFiles(files: string[], opts: SubmitFilesOptions): Promise<SubmitFileResult[]> {
  const retries = opts.retries ?? 0;
  const baseDelay = opts.retryDelayMs ?? 1000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const results: SubmitFileResult[] = [];
  let offline: Bilingual | undefined;
  const done = (r: SubmitFileResult) => {
    results.push(r);
    opts.onResult?.(r);
  };

  for (const file of files)
    for (const loaded of await loadForSubmit(file, opts.check)) {
      if ('error' in loaded) {
        done({ file, status: 'unreadable', message: { zh: loaded.error, en: loaded.error } });
        continue;
      }
      const errors = loaded.findings.filter((f) => f.severity === 'error');
      if (errors.length > 0) {
        done({ file, status: 'invalid', findings: errors, message: invalidMessage(errors) });
        continue;
      }
      if (offline) {
        done({ file, status: 'unreachable', message: notTried(offline) });
        continue;
      }

      let result: SubmitResult | undefined;
      let attempts = 0;
      for (;;) {
        attempts++;
        result = await sendOnce(loaded.declaration, opts);
        if (result.ok || !result.retry || attempts > retries) break;
        const backoff = baseDelay * 2 ** (attempts - 1);
        await sleep(Math.max(backoff, Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)));
      }
      if (result.ok) {
        done({ file, status: 'stored', receipt: result.receipt, replayed: result.replayed, attempts });
        continue;
      }
      const failure: SubmitFileResult = {
        file,
        status: result.retry ? 'unreachable' : 'refused',
        // Nothing retries after this command: say so, and what to do.
        message: result.retry ? notSent(result, attempts) : result.message,
        attempts,
        ...(result.status !== undefined ? { httpStatus: result.status } : {}),
        ...(result.problem?.findings ? { findings: result.problem.findings } : {}),
      };
      // No answer at all (offline, timeout): the next files would only wait for the same.
      if (result.retry && result.status === undefined) offline = result.reason ?? result.message;
      done(failure);
    }
  return results;
}

function invalidMessage(errors: Finding[]): Bilingual {
  const first = errors[0].message;
  const where = errors[0].sheet && errors[0].cell ? `${errors[0].sheet}!${errors[0].cell} ` : '';
  return {
    zh: `有 ${errors.length} 个错误，未提交（如 ${where}${first.zh}）；用 jixiao validate 查看全部。`,
    en: `${errors.length} error finding(s), not sent (e.g. ${where}${first.en}); run jixiao validate to see them all.`,
  };
}

/**
 * One version of the declaration, as the pane sends it: filed under its content and the version it
 * supersedes, so going back to earlier content after a later version is a new version, not a replay.
 * The pane knows the superseded version from the workbook's stamp; here the endpoint is asked.
 */
async function sendOnce(decl: Declaration, opts: SubmitFilesOptions): Promise<SubmitResult> {
  const client = { endpoint: opts.endpoint, token: opts.token, timeoutMs: opts.timeoutMs, fetch: opts.fetch };
  const latest = await latestReceipt(decl, client);
  if (!latest.ok) return latest;
  const hash = await declarationHash(decl);
  // Already the endpoint's latest version: nothing to send.
  if (latest.receipt?.sha256 === hash) return { ok: true, receipt: latest.receipt, replayed: true };
  return submitDeclaration(decl, {
    ...client,
    idempotencyKey: await idempotencyKey(decl, latest.receipt?.version ?? 0),
  });
}

/** A file this run gave up on: nothing will try it again but the user. */
function notSent(failure: SubmitFailure, attempts: number): Bilingual {
  const why = failure.reason ?? failure.message;
  const tries = attempts > 1;
  return {
    zh: `未发送（${why.zh}${tries ? `，已尝试 ${attempts} 次` : ''}）；请再次运行同一命令。`,
    en: `not sent (${why.en}${tries ? `; ${attempts} attempts` : ''}); run the same command again.`,
  };
}

function notTried(why: Bilingual): Bilingual {
  return {
    zh: `未发送：端点无法连接（${why.zh}）；请再次运行同一命令。`,
    en: `not sent: the endpoint cannot be reached (${why.en}); run the same command again.`,
  };
}

/** `✓ file: id v2 3fa9c1e0b2d4…` or `✗ file: reason`. */
export function formatSubmitLine(r: SubmitFileResult, lang: Lang): string {
  if (r.status === 'stored' && r.receipt) {
    const again = r.replayed ? (lang === 'zh' ? '（此前已提交）' : ' (already stored)') : '';
    return `✓ ${r.file}: ${r.receipt.id} v${r.receipt.version} ${r.receipt.sha256.slice(0, 12)}…${again}`;
  }
  return `✗ ${r.file}: ${r.message?.[lang] ?? r.status}`;
}

export function submitSummary(results: SubmitFileResult[], lang: Lang): string {
  const n = (s: FileStatus) => results.filter((r) => r.status === s).length;
  return lang === 'zh'
    ? `共 ${results.length} 个文件：已提交 ${n('stored')}，被拒绝 ${n('refused')}，有错误未发送 ${n('invalid')}，无法读取 ${n('unreadable')}，未送达 ${n('unreachable')}。`
    : `${results.length} files: ${n('stored')} stored, ${n('refused')} refused, ${n('invalid')} invalid (not sent), ${n('unreadable')} unreadable, ${n('unreachable')} not delivered.`;
}

/** 0: every file stored; 2: a file could not be read or the endpoint not reached; 1: refused or invalid. */
export function submitExitCode(results: SubmitFileResult[]): number {
  if (results.some((r) => r.status === 'unreadable' || r.status === 'unreachable')) return 2;
  if (results.some((r) => r.status === 'refused' || r.status === 'invalid')) return 1;
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`jixiao: ${message}\nRun "jixiao --help" for usage.\n`);
  return 2;
}

/** The `submit` command; the endpoint and token may also come from JIXIAO_ENDPOINT / JIXIAO_TOKEN. */
export async function submitCmd(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      form: { type: 'string' },
      forms: { type: 'string' },
      retry: { type: 'string' },
    },
  });
  const lang = langOf(values.lang);
  if (!positionals.length) return usage('submit needs at least one FILE');
  const retry = values.retry ?? '0';
  if (!/^[0-9]{1,2}$/.test(retry)) return usage(`--retry must be an integer from 0 to 99: ${retry}`);
  const endpoint = values.endpoint ?? process.env.JIXIAO_ENDPOINT ?? '';
  const token = values.token ?? process.env.JIXIAO_TOKEN ?? '';
  const problem = endpointProblem(endpoint);
  if (problem === 'empty') return usage('submit needs --endpoint URL');
  if (problem === 'insecure')
    return usage(`--endpoint must be https (http only on localhost or 127.0.0.1): ${endpoint}`);
  if (problem) return usage(`--endpoint is not a valid URL: ${endpoint}`);
  if (!token.trim()) return usage('submit needs --token TOKEN (or JIXIAO_TOKEN)');

  let check: CheckOptions;
  try {
    const { forms, forced } = await resolveForms({
      formsDir: values.forms ?? (process.env.JIXIAO_FORMS || undefined),
      form: values.form,
    });
    check = { forms, form: forced };
  } catch (e) {
    if (e instanceof ReadError) return usage(e.message);
    throw e;
  }
  const progress = new Progress(positionals.length);
  const results = await submitFiles(positionals, {
    check,
    endpoint: normalizeEndpoint(endpoint),
    token: token.trim(),
    retries: Number(retry),
    onResult: (r) => progress.tick(r.file),
  });
  progress.end();
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) process.stdout.write(`${formatSubmitLine(r, lang)}\n`);
    if (results.length > 1) process.stdout.write(`${submitSummary(results, lang)}\n`);
  }
  return submitExitCode(results);
}
