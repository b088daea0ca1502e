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

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '12px' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    // Column widths from the <colgroup>, not from measuring 16,000 cells: the browser lays out 2,000 rows fast.
    tableLayout: 'fixed',
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase300,
    '& th, & td': {
      textAlign: 'left',
      padding: '4px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    '& th': { position: 'sticky', top: 0, backgroundColor: tokens.colorNeutralBackground3 },
    '& td.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  },
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

/** The columns' shares of the table's width, in the order of its header. */
const WIDTHS = ['20%', '27%', '10%', '8%', '6%', '6%', '10%', '13%'];

/**
 * One declaration's row: plain cells and no handler of its own (the table body listens for the clicks),
 * so 2,000 of them render at once without windowing.
 */
const Row = memo(function Row({ row, s, link }: { row: DeclarationRow; s: Strings; link: string }) {
  return (
    <tr data-testid="desk-row" data-unit={row.unit} data-status={row.status}>
      <td>{row.unit}</td>
      <td>
        <button type="button" className={link} data-open={row.id} data-testid="open">
          {row.name || row.unit}
        </button>
      </td>
      <td>{kindLabel(s, row.kind)}</td>
      <td data-testid="status">{statusLabel(s, row.status)}</td>
      <td className="num">{row.errors}</td>
      <td className="num">{row.warnings}</td>
      <td className="num">{row.amount ?? ''}</td>
      <td>{time(row.receivedAt)}</td>
    </tr>
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
  // After the rows are in the page: what the e2e test and the bench wait for.
  useEffect(() => {
    document.body.dataset.desk = list ? 'ready' : 'loading';
  }, [list]);

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
          <table className={styles.table} data-testid="desk-table">
            <colgroup>
              {WIDTHS.map((w, i) => (
                <col key={i} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th>{s.colUnit}</th>
                <th>{s.colName}</th>
                <th>{s.colKind}</th>
                <th>{s.colStatus}</th>
                <th>{s.colErrors}</th>
                <th>{s.colWarnings}</th>
                <th>{s.colAmount}</th>
                <th>{s.colSubmitted}</th>
              </tr>
            </thead>
            <tbody
              onClick={(e) => {
                const id = (e.target as HTMLElement).closest<HTMLElement>('[data-open]')?.dataset.open;
                if (id) onOpen(id);
              }}
            >
              {rows.map((r) => (
                <Row key={r.id} row={r} s={s} link={styles.link} />
              ))}
              {list.missing.map((u) => (
                <tr key={`missing:${u}`} data-testid="desk-row" data-unit={u} data-status="missing">
                  <td>{u}</td>
                  <td />
                  <td />
                  <td className={styles.missing} data-testid="status">
                    {statusLabel(s, 'missing')}
                  </td>
                  <td />
                  <td />
                  <td />
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && list.missing.length === 0 && <Text>{s.empty}</Text>}
        </>
      )}
    </div>
  );
}
