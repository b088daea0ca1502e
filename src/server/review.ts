import ExcelJS from 'exceljs';
import { checkDeclaration } from '../app/check';
import type { FormSet } from '../forms';
import { Declaration, DeclarationKind, type Finding } from '../model';
import { type DeclarationRow, type ReviewList, ReviewStatus } from '../submit/review';
import { amountOf } from './amount';
import { problems } from './problems';
import { statusOf, type OverviewRow, type ReviewStore } from './store/reviews';

/** A stored version's findings under its form, every one placed on its cell; none when the form is gone. */
export function findingsOf(body: string, forms: FormSet): Finding[] {
  try {
    return checkDeclaration(Declaration.parse(JSON.parse(body)), { forms }).findings;
  } catch {
    return [];
  }
}

/** What the desk lists of a stored version: its errors, warnings and amount, under its form. */
export function countsOf(
  body: string,
  forms: FormSet,
): { errors: number; warnings: number; amount: number | null } {
  const decl = Declaration.parse(JSON.parse(body));
  let findings: { severity: string }[] = [];
  try {
    findings = checkDeclaration(decl, { forms, place: 'errors' }).findings;
  } catch {
    // A form no longer installed: the counts stay unknown rather than wrong (0 and 0 say “clean”).
    findings = [];
  }
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    amount: amountOf(decl),
  };
}

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

/**
 * Every unit's latest versions with their status, and the roster's units with nothing that matches
 * (未提交). A version's counts are worked out the first time it is listed, and kept: a submission does not
 * write them, since a second commit per submission cost the endpoint a third of its throughput.
 */
export async function reviewList(
  reviews: ReviewStore,
  q: ListQuery,
  bodyOf: (id: string, version: number) => Promise<string | null>,
  forms: () => Promise<FormSet>,
): Promise<ReviewList> {
  const rows = await reviews.overview({ year: q.year, unit: q.unit, kind: q.kind });
  const items: DeclarationRow[] = [];
  for (const r of rows) items.push(await withCounts(reviews, r, bodyOf, forms));
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

async function withCounts(
  reviews: ReviewStore,
  r: OverviewRow,
  bodyOf: (id: string, version: number) => Promise<string | null>,
  forms: () => Promise<FormSet>,
): Promise<DeclarationRow> {
  let counts = r.counts;
  if (!counts) {
    const body = await bodyOf(r.id, r.version);
    counts = body ? countsOf(body, await forms()) : { errors: 0, warnings: 0, amount: null };
    await reviews.setCounts(r.id, r.version, counts);
  }
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
