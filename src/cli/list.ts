import { parseArgs } from 'util';
import { API_PREFIX, DeclarationList, Problem } from '../submit/protocol';
import { ReviewList, type ReviewStatus } from '../submit/review';
import { out, UsageError } from './terminal';

const STATUS: Record<ReviewStatus, string> = {
  missing: '未提交',
  submitted: '已提交',
  flagged: '有问题',
  returned: '已退回',
  approved: '已通过',
};

/**
 * `jixiao list`: what the endpoint holds. A reviewer's token lists every unit's latest versions with
 * their status and the units that have not declared; a writer's, its own unit's declarations.
 */
export async function listCmd(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      endpoint: { type: 'string' },
      token: { type: 'string' },
      year: { type: 'string' },
      kind: { type: 'string' },
      status: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const endpoint = values.endpoint ?? process.env.JIXIAO_ENDPOINT ?? '';
  const token = values.token ?? process.env.JIXIAO_TOKEN ?? '';
  if (!endpoint || !token)
    throw new UsageError('list needs --endpoint URL and --token TOKEN (or JIXIAO_ENDPOINT, JIXIAO_TOKEN)');
  let url: URL;
  try {
    url = new URL(`${endpoint.replace(/\/+$/, '')}${API_PREFIX}/declarations`);
  } catch {
    throw new UsageError(`--endpoint is not a URL: ${endpoint}`);
  }
  for (const k of ['year', 'kind', 'status'] as const) if (values[k]) url.searchParams.set(k, values[k]!);
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  } catch (e) {
    process.stderr.write(`jixiao: cannot reach ${url.origin} (${(e as Error).message}); nothing listed\n`);
    return 2;
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = Problem.safeParse(body);
    process.stderr.write(
      `jixiao: ${res.status} ${p.success ? (p.data.detail ?? p.data.title) : res.statusText}\n`,
    );
    return res.status === 401 || res.status === 403 ? 2 : 1;
  }
  if (values.json) {
    out(JSON.stringify(body, null, 2));
    return 0;
  }
  const review = ReviewList.safeParse(body);
  if (review.success) {
    for (const i of review.data.items)
      out(
        `${STATUS[i.status]}  ${i.unit}  ${i.name}  (${i.kind} ${i.year}, v${i.version}, 错误 ${i.errors} 警告 ${i.warnings})${i.review?.comment ? `  “${i.review.comment}”` : ''}`,
      );
    for (const u of review.data.missing) out(`${STATUS.missing}  ${u}`);
    return 0;
  }
  const own = DeclarationList.parse(body);
  for (const i of own.items)
    out(`${i.unit}  ${i.name}  (${i.kind} ${i.year}, v${i.version}, ${i.receivedAt})`);
  return 0;
}
