import { idempotencyKey } from '../app/submission';
import { Declaration, type Bilingual } from '../model';
import { z } from 'zod';
import { SelfTestReport } from './diagnostics';
import { API_PREFIX, DeclarationList, Problem, Receipt, canonicalJson, identityOf } from './protocol';
import { Review } from './review';

/**
 * The client side of `POST /api/v1/declarations`: one attempt, classified. Pure TypeScript over the
 * global `fetch` (Node ≥ 20 and browsers alike), so the task pane, its outbox and `jixiao submit` share it.
 */

export const DEFAULT_TIMEOUT_MS = 15_000;

/** `fetch` as this client calls it; tests and other runtimes inject their own. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SubmitOptions {
  /** the key of the version being sent (the outbox's item key); by default the content's own */
  idempotencyKey?: string;
  /** base URL of the endpoint, without `/api/v1` (a trailing slash is fine) */
  endpoint: string;
  /** the bearer token the endpoint issued to the unit */
  token: string;
  fetch?: FetchLike;
  /** the whole attempt (connect, send, read the answer); default 15 s */
  timeoutMs?: number;
  /**
   * In a browser a failed fetch says nothing of why: an endpoint that refuses this page's origin (CORS),
   * or answers an error without CORS headers, looks like no network at all. This asks whether the
   * endpoint's `/healthz` answers anything (an opaque, no-cors request): 'reachable' then means the
   * browser withheld the answer. Without it (the CLI, where CORS does not exist), a failed fetch is
   * the network's.
   */
  probe?: (endpoint: string) => Promise<'reachable' | 'unreachable'>;
  /** this page's origin, for the administrator's fix (`--cors-origin`) */
  origin?: string;
}

export interface SubmitSuccess {
  ok: true;
  receipt: Receipt;
  /** the endpoint already held this version (200 rather than 201): an earlier attempt got through */
  replayed: boolean;
}

export interface SubmitFailure {
  ok: false;
  /** worth trying again later (offline, timeout, 5xx, 429, an answer that is not the protocol) */
  retry: boolean;
  /** the HTTP status, when the endpoint answered */
  status?: number;
  problem?: Problem;
  message: Bilingual;
  /**
   * what happened, without what will happen next (the message says the outbox tries again): for a
   * caller that does not retry by itself, such as `jixiao submit`
   */
  reason?: Bilingual;
  /** how long the endpoint asked us to wait (Retry-After), when it said */
  retryAfterMs?: number;
  /** the endpoint answered but the browser withheld the answer (CORS): see SubmitOptions.probe */
  cors?: boolean;
}

export type SubmitResult = SubmitSuccess | SubmitFailure;

/** The URL the declaration is posted to. */
export function declarationsUrl(endpoint: string): string {
  return `${endpoint.trim().replace(/\/+$/, '')}${API_PREFIX}/declarations`;
}

/** Header values must be visible ASCII; anything else would make fetch throw before sending. */
const TOKEN = /^[\x21-\x7e]+$/;

/** Submit one declaration once. Never throws: every outcome is a SubmitResult. */
export async function submitDeclaration(decl: Declaration, opts: SubmitOptions): Promise<SubmitResult> {
  const url = declarationsUrl(opts.endpoint);
  const refused = settingsProblem(url, opts);
  if (refused) return refused;

  let parsed: Declaration;
  try {
    parsed = Declaration.parse(decl);
  } catch {
    return fail(false, {
      zh: '申报表数据不完整，无法提交；请重新校验。',
      en: 'The declaration is incomplete and cannot be submitted; validate it again.',
    });
  }

  const sent = await send(
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.token}`,
        'idempotency-key': opts.idempotencyKey ?? (await idempotencyKey(parsed)),
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
      },
      body: canonicalJson(parsed),
    },
    opts,
  );
  if ('res' in sent) return classify(sent.res, sent.text);
  if (
    !sent.timedOut &&
    opts.probe &&
    (await opts.probe(opts.endpoint).catch(() => 'unreachable')) === 'reachable'
  )
    return corsRefusal(opts.origin ?? '');
  return unreachable(sent.error, sent.timedOut, sent.timeoutMs, Boolean(opts.probe));
}

/** The endpoint's address and the token, checked before anything is sent. */
function settingsProblem(
  url: string,
  opts: Pick<SubmitOptions, 'endpoint' | 'token'>,
): SubmitFailure | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError(u.protocol);
  } catch {
    return fail(false, {
      zh: `端点地址“${opts.endpoint}”无效，请在设置中改正。`,
      en: `The endpoint address “${opts.endpoint}” is not valid; correct it in the settings.`,
    });
  }
  if (!TOKEN.test(opts.token))
    return fail(false, {
      zh: '尚未设置令牌，或令牌含有空格等无效字符；请在设置中填写端点发放的令牌。',
      en: 'No token is set, or it holds spaces or other invalid characters; enter the token the endpoint issued in the settings.',
    });

  return undefined;
}

type Sent = { res: Response; text: string } | { error: unknown; timedOut: boolean; timeoutMs: number };

/** One request under the client's timeout: the answer and its text, or why there was none. */
async function send(
  url: string,
  init: RequestInit,
  opts: Pick<SubmitOptions, 'timeoutMs' | 'fetch'>,
): Promise<Sent> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const doFetch: FetchLike = opts.fetch ?? ((u, i) => fetch(u, i));
  try {
    const res = await doFetch(url, { ...init, signal: controller.signal });
    return { res, text: await res.text() };
  } catch (error) {
    return { error, timedOut, timeoutMs };
  } finally {
    clearTimeout(timer);
  }
}

/** No answer: a timeout, or no connection. */
function unreachable(e: unknown, timedOut: boolean, timeoutMs: number, probed: boolean): SubmitFailure {
  if (timedOut)
    return {
      ...fail(true, {
        zh: `端点在 ${seconds(timeoutMs)} 秒内没有应答，稍后自动重试。`,
        en: `The endpoint did not answer within ${seconds(timeoutMs)} s; it will be tried again.`,
      }),
      reason: {
        zh: `端点在 ${seconds(timeoutMs)} 秒内没有应答`,
        en: `the endpoint did not answer within ${seconds(timeoutMs)} s`,
      },
    };
  const why = causeOf(e) ?? messageOf(e);
  // Probed (the pane): /healthz did not answer either, so it is the network or the address, not CORS.
  return {
    ...fail(true, {
      zh: probed
        ? `无法连接端点（${why}）：本机离线，或端点地址有误、端点未运行。请检查网络和“提交设置”中的地址；联网后自动重试。`
        : `无法连接端点（${why}），请检查网络；稍后自动重试。`,
      en: probed
        ? `Cannot reach the endpoint (${why}): this computer is offline, or the address is wrong or the endpoint is down. Check the network and the address in the submission settings; it will be tried again.`
        : `Cannot reach the endpoint (${why}); check the network. It will be tried again.`,
    }),
    reason: { zh: `无法连接端点（${why}）`, en: `cannot reach the endpoint (${why})` },
  };
}

function classify(res: Response, text: string): SubmitResult {
  const status = res.status;
  if (status >= 200 && status < 300) {
    const receipt = Receipt.safeParse(parseJson(text));
    if (receipt.success) return { ok: true, receipt: receipt.data, replayed: status === 200 };
    return {
      ...fail(
        true,
        {
          zh: '端点的应答不是有效的回执（可能地址指向了别的服务），稍后自动重试。',
          en: 'The endpoint’s answer is not a valid receipt (the address may point at another service); it will be tried again.',
        },
        status,
      ),
      reason: {
        zh: '端点的应答不是有效的回执（可能地址指向了别的服务）',
        en: 'the endpoint’s answer is not a valid receipt (the address may point at another service)',
      },
    };
  }

  const p = Problem.safeParse(parseJson(text));
  const problem = p.success ? p.data : undefined;
  const detail = problem?.detail ?? problem?.title;
  const zhDetail = detail ? `（${detail}）` : '';
  const enDetail = detail ? ` (${detail})` : '';
  const retryAfterMs = retryAfter(res.headers.get('retry-after'));
  const base = { status, ...(problem ? { problem } : {}), ...(retryAfterMs ? { retryAfterMs } : {}) };

  if (status >= 500 || status === 429 || status === 408) {
    const busy = status === 429;
    return {
      ok: false,
      retry: true,
      ...base,
      message: busy
        ? {
            zh: `端点繁忙（${status}），稍后自动重试。`,
            en: `The endpoint is busy (${status}); it will be tried again.`,
          }
        : {
            zh: `端点出错（${status}）${zhDetail}，稍后自动重试。`,
            en: `The endpoint failed (${status})${enDetail}; it will be tried again.`,
          },
      reason: busy
        ? { zh: `端点繁忙（${status}）`, en: `the endpoint is busy (${status})` }
        : { zh: `端点出错（${status}）${zhDetail}`, en: `the endpoint failed (${status})${enDetail}` },
    };
  }
  return { ok: false, retry: false, ...base, message: refusal(status, problem, zhDetail, enDetail) };
}

/** Why a 4xx refused the declaration, and what the user can do about it. */
function refusal(
  status: number,
  problem: Problem | undefined,
  zhDetail: string,
  enDetail: string,
): Bilingual {
  switch (status) {
    case 400:
      return {
        zh: `端点认为提交的数据格式不正确${zhDetail}。请升级加载项后重试。`,
        en: `The endpoint says the submission is malformed${enDetail}. Update the add-in and try again.`,
      };
    case 401:
      return {
        zh: '令牌无效或已过期（401）。请在设置中填写端点管理员发放的令牌。',
        en: 'The token is not valid or has expired (401). Enter the token your endpoint administrator issued in the settings.',
      };
    case 403: {
      // The endpoint refuses a declaration whose 填报单位 is not the token's unit; its detail (in
      // English) names the unit, which is all the clerk needs from it.
      const unit = /own unit \(([^)]*)\)/.exec(problem?.detail ?? '')?.[1];
      return unit
        ? {
            zh: `申报表的“填报单位”与令牌所属单位“${unit}”不符（403）。请在“填报单位”单元格填写“${unit}”，或在“提交设置”中换用本单位的令牌。`,
            en: `The declaration’s unit (填报单位) is not the token’s unit, “${unit}” (403). Write “${unit}” in the unit (填报单位) cell, or use your unit’s token in the submission settings.`,
          }
        : {
            zh: '申报表的“填报单位”与令牌所属单位不符（403）。请核对“填报单位”单元格，或在“提交设置”中换用本单位的令牌。',
            en: 'The declaration’s unit (填报单位) is not the token’s unit (403). Check the unit (填报单位) cell, or use your unit’s token in the submission settings.',
          };
    }
    case 409:
      return {
        zh: `与端点已有的申报表冲突（409）${zhDetail}。`,
        en: `The submission conflicts with what the endpoint holds (409)${enDetail}.`,
      };
    case 413:
      return {
        zh: '申报表太大，端点拒绝接收（413）。',
        en: 'The declaration is too large for the endpoint (413).',
      };
    case 415:
      return {
        zh: '端点不接受此数据格式（415）。请升级加载项后重试。',
        en: 'The endpoint does not accept this format (415). Update the add-in and try again.',
      };
    case 422: {
      const errors = problem?.findings?.filter((f) => f.severity === 'error') ?? [];
      const first = errors[0]?.message;
      return errors.length > 0
        ? {
            zh: `端点校验未通过：${errors.length} 个错误，例如“${first?.zh ?? ''}”。请改正后重新提交。`,
            en: `The endpoint’s check failed with ${errors.length} error(s), e.g. “${first?.en ?? ''}”. Fix them and submit again.`,
          }
        : {
            zh: `端点校验未通过（422）${zhDetail}。请改正后重新提交。`,
            en: `The endpoint’s check failed (422)${enDetail}. Fix the declaration and submit again.`,
          };
    }
    default:
      return {
        zh: `端点拒绝了提交（${status}）${zhDetail}。`,
        en: `The endpoint refused the submission (${status})${enDetail}.`,
      };
  }
}

/**
 * The endpoint is there but the browser did not let the pane read its answer: it does not allow this
 * origin, or it failed without CORS headers. Retrying will not help; its administrator can.
 */
function corsRefusal(origin: string): SubmitFailure {
  const at = origin || '?';
  return {
    ok: false,
    retry: false,
    cors: true,
    message: {
      zh: `端点有应答，但不允许本加载项的来源 ${at} 读取（CORS），或它出错时没有给出 CORS 应答头。请端点管理员在 jixiao serve 的 --cors-origin 中加入 ${at}，并查看端点日志；改好后再提交。`,
      en: `The endpoint answers, but does not let this add-in’s origin ${at} read its answer (CORS), or it failed without CORS headers. Ask the endpoint’s administrator to add ${at} to jixiao serve’s --cors-origin and to look at the endpoint’s log; then submit again.`,
    },
  };
}

function fail(retry: boolean, message: Bilingual, status?: number): SubmitFailure {
  return { ok: false, retry, message, ...(status !== undefined ? { status } : {}) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Node's fetch says only "fetch failed"; the cause says ECONNREFUSED, ENOTFOUND… */
function causeOf(e: unknown): string | undefined {
  // Duck-typed: errors from another realm (Node's fetch under a test runner) fail `instanceof Error`.
  const cause = e && typeof e === 'object' ? (e as { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object') {
    const c = cause as { code?: unknown; message?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.message === 'string' && c.message) return c.message;
  }
  return undefined;
}

function messageOf(e: unknown): string {
  if (e && typeof e === 'object') {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string' && m) return m;
  }
  return String(e);
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

export type LatestResult = { ok: true; receipt?: Receipt } | (SubmitFailure & { ok: false });

/**
 * The endpoint's latest receipt for this declaration (same unit, year, kind and name), if it holds one:
 * what a new submission supersedes. The pane keeps it in the workbook's stamp; `jixiao submit` asks.
 */
export async function latestReceipt(
  decl: Declaration,
  opts: Omit<SubmitOptions, 'idempotencyKey'>,
): Promise<LatestResult> {
  const { year, kind, name } = identityOf(decl);
  const sent = await get(`${declarationsUrl(opts.endpoint)}?year=${year}&kind=${kind}`, opts);
  if (!('res' in sent)) return unreachable(sent.error, sent.timedOut, sent.timeoutMs, false);
  const { res, text } = sent;
  if (res.status === 200) {
    const list = DeclarationList.safeParse(parseJson(text));
    if (list.success) {
      const item = list.data.items.find((i) => i.year === year && i.kind === kind && i.name === name);
      return {
        ok: true,
        ...(item
          ? {
              receipt: {
                id: item.id,
                version: item.version,
                receivedAt: item.receivedAt,
                sha256: item.sha256,
              },
            }
          : {}),
      };
    }
  }
  return refusedOrInvalid(res, text);
}

/** The endpoint's refusal; or, for a 2xx of the wrong shape, that the address points at something else. */
function refusedOrInvalid(res: Response, text: string): SubmitFailure {
  const r = classify(res, text);
  return r.ok ? fail(true, { zh: '端点的应答无效', en: 'the endpoint’s answer is not valid' }) : r;
}

/** A GET with the token, under the client's timeout. */
function get(url: string, opts: Omit<SubmitOptions, 'idempotencyKey'>): Promise<Sent> {
  const headers = {
    authorization: `Bearer ${opts.token}`,
    accept: 'application/json, application/problem+json',
  };
  return send(url, { method: 'GET', headers }, opts);
}

/** Only the review of the endpoint's answer: the declaration itself is not read again. */
const Reviewed = z.object({ review: Review.nullable().optional() });

export type ReviewResult = { ok: true; review: Review | null } | (SubmitFailure & { ok: false });

/**
 * The bureau's latest review of a stored declaration (any version; the caller compares the version with
 * its receipt's), or null when nobody has reviewed it: the pane shows 已退回 with the comment, or 已通过.
 */
export async function reviewOf(
  id: string,
  opts: Omit<SubmitOptions, 'idempotencyKey'>,
): Promise<ReviewResult> {
  const sent = await get(`${declarationsUrl(opts.endpoint)}/${encodeURIComponent(id)}`, opts);
  if (!('res' in sent)) return unreachable(sent.error, sent.timedOut, sent.timeoutMs, false);
  const { res, text } = sent;
  if (res.status === 200) {
    const answer = Reviewed.safeParse(parseJson(text));
    if (answer.success) return { ok: true, review: answer.data.review ?? null };
  }
  return refusedOrInvalid(res, text);
}

export type DiagnosticsResult = { ok: true; id: string } | SubmitFailure;

/**
 * Send a self-test report (`POST /api/v1/diagnostics`, a writer's or reviewer's token): the bureau's IT
 * collects which host versions pass which checks. Never throws; 201 answers `{id}`.
 */
export async function sendDiagnostics(
  report: SelfTestReport,
  opts: Omit<SubmitOptions, 'idempotencyKey'>,
): Promise<DiagnosticsResult> {
  const url = `${opts.endpoint.trim().replace(/\/+$/, '')}${API_PREFIX}/diagnostics`;
  const refused = settingsProblem(url, opts);
  if (refused) return refused;
  const sent = await send(
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.token}`,
        'content-type': 'application/json',
        accept: 'application/json, application/problem+json',
      },
      body: JSON.stringify(SelfTestReport.parse(report)),
    },
    opts,
  );
  if (!('res' in sent)) return unreachable(sent.error, sent.timedOut, sent.timeoutMs, false);
  const { res, text } = sent;
  if (res.status >= 200 && res.status < 300) {
    const id = (parseJson(text) as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' || typeof id === 'number') return { ok: true, id: String(id) };
    return fail(false, {
      zh: '端点的应答无效（可能地址指向了别的服务）。',
      en: 'The endpoint’s answer is not valid (the address may point at another service).',
    });
  }
  if (res.status === 403)
    return fail(false, {
      zh: '此令牌无权发送自检报告（403）；需要填报或审核令牌。',
      en: 'This token may not send self-test reports (403); a writer’s or reviewer’s token is needed.',
    });
  const r = classify(res, text);
  return r.ok ? fail(false, { zh: '端点的应答无效', en: 'the endpoint’s answer is not valid' }) : r;
}
