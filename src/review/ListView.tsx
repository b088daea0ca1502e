import { memo, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DeclarationKind } from '../model';
import { ReviewStatus, type DeclarationRow, type ReviewList } from '../submit/review';
import { saveDownload, type DeskApi, type ListFilter } from './api';
import { failureText } from './errors';
import { fill, kindLabel, statusLabel, type Strings } from './strings';

/**
 * Rows laid out together; a group off screen is skipped until it scrolls into view. The first group is
 * the first screen: the rest are added one group per task, so the page answers input between them.
 */
const GROUP = 50;

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '12px' },
  // A grid of rows, not a <table>: groups of rows the browser lays out only when they scroll into view
  // (content-visibility), while every row stays in the page for find-in-page and screen readers.
  table: { fontSize: tokens.fontSizeBase300, overflowWrap: 'anywhere' },
  row: {
    display: 'grid',
    gridTemplateColumns: '20% 27% 10% 8% 6% 6% 10% 13%',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '& > *': { padding: '4px 8px', minWidth: 0 },
    '& > .num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  group: { contentVisibility: 'auto', containIntrinsicHeight: `auto ${GROUP * 30}px` },
  link: {
    background: 'none',
    border: 'none',
    padding: 0,
    color: tokens.colorBrandForeground1,
    cursor: 'pointer',
    textAlign: 'left',
    font: 'inherit',
    ':hover': { textDecoration: 'underline' },
  },
  missing: { color: tokens.colorPaletteRedForeground1 },
});

const KIND_ORDER: Record<DeclarationKind, number> = { department: 0, project: 1, specialFund: 2 };

/** One collator for every comparison: localeCompare with a locale builds one per call, slow on 2,000 rows. */
const collator = new Intl.Collator('zh');

/** Rows by kind, then unit, then name. */
export function byKind(items: DeclarationRow[]): DeclarationRow[] {
  return [...items].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      collator.compare(a.unit, b.unit) ||
      collator.compare(a.name, b.name),
  );
}

const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A row of the list: a unit's declaration, or a roster's unit with none (未提交). */
type Line = { row: DeclarationRow; unit?: undefined } | { row?: undefined; unit: string };

/**
 * One row: plain cells and no handler of its own (the list listens for the clicks), so 2,000 of them stay
 * cheap without windowing.
 */
const Row = memo(function Row({ line, s, cls }: { line: Line; s: Strings; cls: Record<string, string> }) {
  const { row } = line;
  if (!row)
    return (
      <div role="row" className={cls.row} data-testid="desk-row" data-unit={line.unit} data-status="missing">
        <div role="cell">{line.unit}</div>
        <div role="cell" />
        <div role="cell" />
        <div role="cell" className={cls.missing} data-testid="status">
          {statusLabel(s, 'missing')}
        </div>
        <div role="cell" />
        <div role="cell" />
        <div role="cell" />
        <div role="cell" />
      </div>
    );
  return (
    <div role="row" className={cls.row} data-testid="desk-row" data-unit={row.unit} data-status={row.status}>
      <div role="cell">{row.unit}</div>
      <div role="cell">
        <button type="button" className={cls.link} data-open={row.id} data-testid="open">
          {row.name || row.unit}
        </button>
      </div>
      <div role="cell">{kindLabel(s, row.kind)}</div>
      <div role="cell" data-testid="status">
        {statusLabel(s, row.status)}
      </div>
      <div role="cell" className="num">
        {row.errors}
      </div>
      <div role="cell" className="num">
        {row.warnings}
      </div>
      <div role="cell" className="num" data-testid="amount">
        {row.amount ?? ''}
      </div>
      <div role="cell">{time(row.receivedAt)}</div>
    </div>
  );
});

export function ListView({
  s,
  api,
  filter,
  onFilter,
  onOpen,
  onFailure,
}: {
  s: Strings;
  api: DeskApi;
  filter: ListFilter;
  onFilter: (f: ListFilter) => void;
  onOpen: (id: string) => void;
  onFailure: (e: unknown) => void;
}) {
  const styles = useStyles();
  const [list, setList] = useState<ReviewList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [years, setYears] = useState<number[]>([]);

  useEffect(() => {
    let live = true;
    setList(null);
    setError(null);
    api.list(filter).then(
      (l) => {
        if (!live) return;
        setList(l);
        setYears((ys) => [...new Set([...ys, ...l.items.map((i) => i.year)])].sort((a, b) => b - a));
      },
      (e) => {
        if (!live) return;
        setError(failureText(s, e));
        onFailure(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, filter, s, onFailure]);

  const rows = useMemo(() => (list ? byKind(list.items) : []), [list]);
  const groups = useMemo(() => {
    const lines: Line[] = [
      ...rows.map((row) => ({ row })),
      ...(list?.missing ?? []).map((unit) => ({ unit })),
    ];
    const out: Line[][] = [];
    for (let i = 0; i < lines.length; i += GROUP) out.push(lines.slice(i, i + GROUP));
    return out;
  }, [rows, list]);
  // Groups in the page: the first at once, then one more per task. Drawing 2,000 rows in one go held the
  // page for half a second; a group at a time, a click or a scroll waits at most one group's drawing.
  const [shown, setShown] = useState({ of: groups, n: 1 });
  const drawn = shown.of === groups ? shown.n : 1;
  useEffect(() => {
    if (drawn >= groups.length) return;
    const next = setTimeout(() => setShown({ of: groups, n: drawn + 1 }), 0);
    return () => clearTimeout(next);
  }, [groups, drawn]);
  // After the rows are in the page: what the e2e tests and the bench wait for. `ready` is the first
  // screen, answering; `deskRows` says every row is in the page (find-in-page reaches them all).
  useEffect(() => {
    document.body.dataset.desk = list ? 'ready' : 'loading';
    document.body.dataset.deskRows = list && drawn >= groups.length ? 'all' : 'some';
  }, [list, drawn, groups]);

  async function exportAs(format: 'csv' | 'xlsx') {
    try {
      saveDownload(await api.exported(format, filter));
    } catch (e) {
      setError(failureText(s, e));
    }
  }

  const yearOptions =
    filter.year !== undefined && !years.includes(filter.year) ? [filter.year, ...years] : years;
  return (
    <div>
      <div className={styles.bar}>
        <Field label={s.yearLabel}>
          <Select
            data-testid="filter-year"
            value={filter.year === undefined ? '' : String(filter.year)}
            onChange={(_, d) => onFilter({ ...filter, year: d.value ? Number(d.value) : undefined })}
          >
            <option value="">{s.all}</option>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.kindLabel}>
          <Select
            data-testid="filter-kind"
            value={filter.kind ?? ''}
            onChange={(_, d) =>
              onFilter({ ...filter, kind: d.value ? DeclarationKind.parse(d.value) : undefined })
            }
          >
            <option value="">{s.all}</option>
            {DeclarationKind.options.map((k) => (
              <option key={k} value={k}>
                {kindLabel(s, k)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.statusLabel}>
          <Select
            data-testid="filter-status"
            value={filter.status ?? ''}
            onChange={(_, d) =>
              onFilter({ ...filter, status: d.value ? ReviewStatus.parse(d.value) : undefined })
            }
          >
            <option value="">{s.all}</option>
            {ReviewStatus.options.map((st) => (
              <option key={st} value={st}>
                {statusLabel(s, st)}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void exportAs('csv')} data-testid="export-csv">
          {s.exportCsv}
        </Button>
        <Button onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
          {s.exportXlsx}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" data-testid="list-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!list && !error && <Spinner size="small" label={s.loading} />}
      {list && (
        <>
          <Text as="p" data-testid="list-count">
            {fill(s.count, { n: list.items.length, missing: list.missing.length })}
          </Text>
          <div
            role="table"
            aria-rowcount={rows.length + list.missing.length + 1}
            className={styles.table}
            data-testid="desk-table"
            onClick={(e) => {
              const id = (e.target as HTMLElement).closest<HTMLElement>('[data-open]')?.dataset.open;
              if (id) onOpen(id);
            }}
          >
            <div role="row" className={`${styles.row} ${styles.head}`}>
              {[
                s.colUnit,
                s.colName,
                s.colKind,
                s.colStatus,
                s.colErrors,
                s.colWarnings,
                s.colAmount,
                s.colSubmitted,
              ].map((h) => (
                <div role="columnheader" key={h}>
                  {h}
                </div>
              ))}
            </div>
            {groups.slice(0, drawn).map((g, i) => (
              <div role="rowgroup" key={i} className={styles.group}>
                {g.map((line) => (
                  <Row key={line.row ? line.row.id : `missing:${line.unit}`} line={line} s={s} cls={styles} />
                ))}
              </div>
            ))}
          </div>
          {rows.length === 0 && list.missing.length === 0 && <Text>{s.empty}</Text>}
        </>
      )}
    </div>
  );
}
