import ExcelJS from 'exceljs';
import { DeclarationKind } from '../model';
import { type DeclarationRow, type ReviewList, ReviewStatus, type VersionCounts } from '../submit/review';
import { problems } from './problems';
import { statusOf, type OverviewRow, type ReviewStore } from './store/reviews';

export interface ListQuery {
  year?: number;
  unit?: string;
  kind?: DeclarationKind;
  status?: ReviewStatus;
}

/** The query string of the reviewer's list, checked: each parameter at most once, each of its kind. */
export function listQuery(q: Record<string, unknown>): ListQuery {
  const one = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw problems.badRequest(`${name} may be given once.`);
    return v;
  };
  const year = one('year');
  if (year !== undefined && !/^[0-9]{4}$/.test(year))
    throw problems.badRequest('year must be a four-digit year.');
  const kind = one('kind');
  if (kind !== undefined && !DeclarationKind.safeParse(kind).success)
    throw problems.badRequest(`kind must be one of ${DeclarationKind.options.join(', ')}.`);
  const status = one('status');
  if (status !== undefined && !ReviewStatus.safeParse(status).success)
    throw problems.badRequest(`status must be one of ${ReviewStatus.options.join(', ')}.`);
  const unit = one('unit');
  return {
    year: year === undefined ? undefined : Number(year),
    kind: kind as DeclarationKind | undefined,
    status: status as ReviewStatus | undefined,
    unit: unit === undefined ? undefined : unit.normalize('NFKC').trim(),
  };
}

/** How the list works out versions' counts: on the event loop, or a batch in a validator thread. */
export interface Counter {
  /** bodies are counted in batches of at least this many bytes (the validator's threshold) */
  batchBytes: number;
  inline(bodies: string[]): Promise<VersionCounts[]>;
  /** absent without validator threads */
  thread?: (bodies: string[]) => Promise<VersionCounts[]>;
}

/** Batches a listing keeps in its threads at once: the bodies read ahead of the checks stay bounded. */
const BATCHES_IN_FLIGHT = 4;

/**
 * Every unit's latest versions with their status, and the roster's units with nothing that matches
 * (未提交). A version's counts are worked out the first time it is listed, and kept: a submission does not
 * write them, since a second commit per submission cost the endpoint a third of its throughput.
 */
export async function reviewList(
  reviews: ReviewStore,
  q: ListQuery,
  bodyOf: (id: string, version: number) => Promise<string | null>,
  counter: Counter,
): Promise<ReviewList> {
  const rows = await reviews.overview({ year: q.year, unit: q.unit, kind: q.kind });
  const counted = await countUncounted(
    reviews,
    rows.filter((r) => !r.counts),
    bodyOf,
    counter,
  );
  const items = rows.map((r) => withCounts(r, r.counts ?? counted.get(r)!));
  const declared = new Set(items.map((i) => i.unit));
  const missing =
    q.status === undefined || q.status === 'missing'
      ? (await reviews.roster()).filter((u) => !declared.has(u) && (q.unit === undefined || u === q.unit))
      : [];
  return {
    items: q.status === undefined ? items : items.filter((i) => i.status === q.status),
    missing,
  };
}

/**
 * The counts of versions listed for the first time, kept. Bodies are gathered into batches of at least
 * the validator's threshold, each checked in a thread while the loop reads the next; a first listing
 * with less than that (a few new versions) is checked inline, where a thread hop would cost more.
 */
async function countUncounted(
  reviews: ReviewStore,
  rows: OverviewRow[],
  bodyOf: (id: string, version: number) => Promise<string | null>,
  counter: Counter,
): Promise<Map<OverviewRow, VersionCounts>> {
  const counted = new Map<OverviewRow, VersionCounts>();
  const keep = async (rs: OverviewRow[], cs: VersionCounts[]) => {
    for (const [i, r] of rs.entries()) {
      await reviews.setCounts(r.id, r.version, cs[i]);
      counted.set(r, cs[i]);
    }
  };
  const running: Promise<void>[] = [];
  let batch: { row: OverviewRow; body: string }[] = [];
  let bytes = 0;
  const send = async (count: (bodies: string[]) => Promise<VersionCounts[]>) => {
    const b = batch;
    batch = [];
    bytes = 0;
    const p = count(b.map((x) => x.body)).then((cs) =>
      keep(
        b.map((x) => x.row),
        cs,
      ),
    );
    // Awaited below (all of them at the end): a failure is the listing's 500, never an unhandled rejection.
    p.catch(() => undefined);
    running.push(p);
    if (running.length >= BATCHES_IN_FLIGHT) await running[running.length - BATCHES_IN_FLIGHT];
  };
  for (const row of rows) {
    const body = await bodyOf(row.id, row.version);
    if (!body) {
      await keep([row], [{ errors: 0, warnings: 0, amount: null }]);
      continue;
    }
    batch.push({ row, body });
    bytes += Buffer.byteLength(body);
    if (bytes >= counter.batchBytes) await send(counter.thread ?? counter.inline);
  }
  if (batch.length) await send(running.length > 0 && counter.thread ? counter.thread : counter.inline);
  await Promise.all(running);
  return counted;
}

function withCounts(r: OverviewRow, counts: VersionCounts): DeclarationRow {
  const { id, version, receivedAt, sha256, unit, year, kind, name, versions, review } = r;
  return {
    ...{ id, version, receivedAt, sha256, unit, year, kind, name, versions, review },
    ...counts,
    status: statusOf(version, review, counts.warnings),
  };
}

const STATUS_ZH: Record<ReviewStatus, string> = {
  missing: '未提交',
  submitted: '已提交',
  flagged: '有问题',
  returned: '已退回',
  approved: '已通过',
};
const KIND_ZH: Record<DeclarationKind, string> = {
  department: '部门整体',
  project: '项目支出',
  specialFund: '专项资金',
};

/** The year's export: one row per declaration, and one per unit that has not declared. */
export const EXPORT_COLUMNS = [
  '填报单位',
  '名称',
  '类型',
  '金额(万元)',
  '版本',
  '状态',
  '错误',
  '警告',
  '审核人',
  '日期',
] as const;

export function exportRows(list: ReviewList): (string | number | null)[][] {
  return [
    ...list.items.map((i) => [
      i.unit,
      i.name,
      KIND_ZH[i.kind],
      i.amount,
      i.version,
      STATUS_ZH[i.status],
      i.errors,
      i.warnings,
      i.review?.reviewer ?? '',
      (i.review?.at ?? i.receivedAt).slice(0, 10),
    ]),
    ...list.missing.map((u) => [u, '', '', null, null, STATUS_ZH.missing, null, null, '', '']),
  ];
}

/** CSV as the CLI's report writes it: UTF-8 with a BOM, CRLF, formulas made inert. */
export function exportCsv(list: ReviewList): string {
  const field = (v: string | number | null) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[EXPORT_COLUMNS.join(','), ...exportRows(list).map((r) => r.map(field).join(','))].join('\r\n')}\r\n`;
}

export async function exportXlsx(list: ReviewList, year: number | undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(year ? `${year}年申报汇总` : '申报汇总', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.addRow([...EXPORT_COLUMNS]).font = { bold: true };
  for (const r of exportRows(list)) ws.addRow(r);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 36 : i === 0 ? 24 : 10));
  ws.getColumn(4).numFmt = '0.00';
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
