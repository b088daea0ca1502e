import { FormPackage } from '../forms/schema';
import type { Declaration, DeclarationKind } from '../model';
import { API_PREFIX, Problem } from '../submit/protocol';
import {
  Review,
  ReviewList,
  ReviewedDeclaration,
  type ReviewInput,
  type ReviewStatus,
} from '../submit/review';

/** Why a desk call failed, as the page says it (strings `error.<kind>`). */
export type DeskFailure =
  | { kind: 'unauthorized' | 'writer' | 'forbidden' | 'superseded' | 'notFound' | 'network' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'rateLimited'; seconds: number }
  | { kind: 'server'; status: number };

export class DeskError extends Error {
  constructor(readonly failure: DeskFailure) {
    super(failure.kind);
  }
}

export interface ListFilter {
  year?: number;
  kind?: DeclarationKind;
  status?: ReviewStatus;
}

/** The query string of the list and the exports: only what is set. */
export function filterQuery(f: ListFilter): string {
  const q = new URLSearchParams();
  if (f.year !== undefined) q.set('year', String(f.year));
  if (f.kind) q.set('kind', f.kind);
  if (f.status) q.set('status', f.status);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A file the endpoint sends as an attachment, with the name it gives it. */
export interface Download {
  blob: Blob;
  filename: string;
}

/**
 * The desk's calls to its own origin. The token goes in the Authorization header only (never a URL, so
 * no log, history or Referer holds it); relative URLs and `connect-src 'self'` keep it on this origin.
 */
export class DeskApi {
  private early: { query: string; list: Promise<ReviewList> } | null = null;

  constructor(private readonly token: string) {}

  /**
   * Ask for the list now, before the page has rendered: the list it shows first takes this answer, so
   * the server's time and the script's start overlap.
   */
  prefetch(filter: ListFilter, asked?: Promise<Response>): this {
    const list = this.fetchList(filter, asked);
    list.catch(() => undefined); // the page's own call reports a failure
    this.early = { query: filterQuery(filter), list };
    return this;
  }

  /** `asked`: the same request, already sent (by the page's first script) */
  private async call(path: string, init: RequestInit = {}, asked?: Promise<Response>): Promise<Response> {
    let res: Response;
    try {
      res = await (asked ??
        fetch(path, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token}` },
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        }));
    } catch {
      throw new DeskError({ kind: 'network' });
    }
    if (res.ok) return res;
    throw new DeskError(await failureOf(res));
  }

  /** The reviewer's list; a writer's token gets its own unit's list, without `missing`: refused here. */
  list(filter: ListFilter): Promise<ReviewList> {
    const early = this.early;
    this.early = null;
    return early?.query === filterQuery(filter) ? early.list : this.fetchList(filter);
  }

  private async fetchList(filter: ListFilter, asked?: Promise<Response>): Promise<ReviewList> {
    const res = await this.call(`${API_PREFIX}/declarations${filterQuery(filter)}`, {}, asked);
    const parsed = ReviewList.safeParse(await res.json());
    if (!parsed.success) throw new DeskError({ kind: 'writer' });
    return parsed.data;
  }

  async declaration(id: string, version?: number): Promise<ReviewedDeclaration> {
    const v = version === undefined ? '' : `?version=${version}`;
    const res = await this.call(`${API_PREFIX}/declarations/${encodeURIComponent(id)}${v}`);
    return ReviewedDeclaration.parse(await res.json());
  }

  async review(id: string, input: ReviewInput): Promise<Review> {
    const res = await this.call(`${API_PREFIX}/declarations/${encodeURIComponent(id)}/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return Review.parse(await res.json());
  }

  /** The declaration's workbook in its own form. */
  workbook(id: string, version: number): Promise<Download> {
    return this.download(`${API_PREFIX}/declarations/${encodeURIComponent(id)}/xlsx?version=${version}`);
  }

  /** The year's summary, one row per declaration and per unit not declared. */
  exported(format: 'csv' | 'xlsx', filter: ListFilter): Promise<Download> {
    return this.download(`${API_PREFIX}/export/declarations.${format}${filterQuery(filter)}`);
  }

  private async download(path: string): Promise<Download> {
    const res = await this.call(path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop()!.split('?')[0];
    return { blob: await res.blob(), filename };
  }
}

/** The form a declaration was filled in (public, no token): its sections and labels. */
export async function fetchForm(
  ref: Declaration['form'],
  kind: DeclarationKind,
): Promise<FormPackage | null> {
  const path = ref
    ? `${API_PREFIX}/forms/${encodeURIComponent(ref.id)}?version=${ref.version}`
    : `${API_PREFIX}/forms/${kind}`;
  try {
    const res = await fetch(path, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!res.ok) return null;
    const parsed = FormPackage.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    // Without its form the declaration is still shown, by its model paths.
    return null;
  }
}

async function failureOf(res: Response): Promise<DeskFailure> {
  const body = Problem.safeParse(await res.json().catch(() => null));
  switch (res.status) {
    case 401:
      return { kind: 'unauthorized' };
    case 403:
      return { kind: 'forbidden' };
    case 404:
      return { kind: 'notFound' };
    case 409:
      return { kind: 'superseded' };
    case 422:
      return { kind: 'invalid', detail: (body.success && body.data.detail) || '' };
    case 429:
      return { kind: 'rateLimited', seconds: Number(res.headers.get('retry-after')) || 1 };
    default:
      return { kind: 'server', status: res.status };
  }
}

/** Save a download as the browser saves a file: a blob link clicked, so no token is in any URL. */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
