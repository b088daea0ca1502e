import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FormPackage } from '../forms/schema';
import type { Finding } from '../model';
import type { ReviewedDeclaration } from '../submit/review';
import { fetchForm, saveDownload, type DeskApi } from './api';
import { DiffView } from './DiffView';
import { failureText } from './errors';
import { ReviewBox } from './ReviewBox';
import { labeller, sectionsOf } from './sections';
import { fill, kindLabel, sectionWords, shownValue, type Strings } from './strings';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(280px, 1fr)', gap: '24px' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase300,
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: '4px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
    },
    '& th': { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  },
  label: { width: '35%', color: tokens.colorNeutralForeground3 },
  finding: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, padding: '4px 8px', margin: '6px 0' },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  comment: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** The latest version of a declaration, read-only in its form's sections, its findings beside it, versions compared, reviewed. */
export function DeclarationView({
  s,
  lang,
  api,
  id,
  onBack,
  onFailure,
}: {
  s: Strings;
  lang: 'zh' | 'en';
  api: DeskApi;
  id: string;
  onBack: () => void;
  onFailure: (e: unknown) => void;
}) {
  const styles = useStyles();
  const [decl, setDecl] = useState<ReviewedDeclaration | null>(null);
  const [form, setForm] = useState<FormPackage | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.declaration(id).then(
      async (d) => {
        // Shown once its form is known, so its sections are laid out from the start.
        const f = await fetchForm(d.declaration.form, d.declaration.kind);
        setForm(f);
        setDecl(d);
      },
      (e) => {
        setError(failureText(s, e));
        onFailure(e);
      },
    );
  }, [api, id, s, onFailure]);
  useEffect(load, [load]);

  const title = form?.settings.title ?? '';
  const rows = useMemo(() => form?.fields ?? [], [form]);
  const words = useMemo(() => sectionWords(s), [s]);
  const sections = useMemo(
    () => (decl ? sectionsOf(rows, title, decl.declaration, words) : []),
    [decl, rows, title, words],
  );
  const labelOf = useMemo(() => labeller(rows, title, words), [rows, title, words]);

  async function download() {
    if (!decl) return;
    try {
      saveDownload(await api.workbook(decl.id, decl.version));
    } catch (e) {
      setError(failureText(s, e));
    }
  }

  if (error && !decl)
    return (
      <MessageBar intent="error" data-testid="declaration-error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  if (!decl) return <Spinner size="small" label={s.loading} />;
  const d = decl.declaration;
  const name = 'name' in d && typeof d.name === 'string' ? d.name : '';
  return (
    <div data-testid="declaration" data-version={decl.version}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
        <Button onClick={onBack} data-testid="back">
          {s.back}
        </Button>
        <Text size={500} weight="semibold" as="h2" data-testid="declaration-title">
          {decl.unit} · {name || kindLabel(s, d.kind)}
        </Text>
        <Text data-testid="declaration-version">
          {fill(s.versionOf, { n: decl.version, total: decl.version })} · {kindLabel(s, d.kind)} · {d.year} ·{' '}
          {fill(s.receivedAt, { time: decl.receivedAt.slice(0, 16).replace('T', ' ') })}
        </Text>
        <Button onClick={() => void download()} data-testid="download">
          {s.download}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.layout}>
        <div>
          {sections.map((sec) => (
            <section key={sec.id} data-testid="section" data-section={sec.id}>
              <Text as="h3" weight="semibold" size={400}>
                {sec.label}
              </Text>
              {sec.fields.length > 0 && (
                <table className={styles.table}>
                  <tbody>
                    {sec.fields.map((f) => (
                      <tr key={f.path} data-path={f.path}>
                        <td className={styles.label}>{f.label}</td>
                        <td>{shownValue(s, f.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {sec.table && sec.table.rows.length > 0 && (
                <table className={styles.table}>
                  <thead>
                    <tr>
                      {sec.table.columns.map((c, i) => (
                        <th key={i}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {sec.table.rows.map((r, i) => (
                      <tr key={i}>
                        {r.map((v, j) => (
                          <td key={j}>{v === null ? '' : String(v)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
        </div>
        <aside>
          <Text as="h3" weight="semibold" size={400}>
            {s.findingsHeading}
          </Text>
          <div data-testid="findings">
            {decl.findings.length === 0 && <Text as="p">{s.noFindings}</Text>}
            {decl.findings.map((f, i) => (
              <FindingLine
                key={i}
                f={f}
                s={s}
                lang={lang}
                cls={`${styles.finding} ${f.severity === 'error' ? styles.error : styles.warning}`}
              />
            ))}
          </div>
          <Text as="h3" weight="semibold" size={400}>
            {fill(s.reviewFor, { n: decl.version })}
          </Text>
          <ReviewBox
            s={s}
            api={api}
            id={decl.id}
            version={decl.version}
            onReviewed={load}
            onSuperseded={load}
          />
          <Text as="h3" weight="semibold" size={400}>
            {s.historyHeading}
          </Text>
          <ul data-testid="history">
            {decl.reviews.map((r, i) => (
              <li key={i}>
                {fill(s.historyItem, {
                  at: r.at.slice(0, 16).replace('T', ' '),
                  reviewer: r.reviewer,
                  decision: s[`decision.${r.decision}`],
                  version: r.version,
                })}
                {r.comment && (
                  <div className={styles.comment} data-testid="history-comment">
                    {r.comment}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <Text as="h3" weight="semibold" size={400}>
        {s.diffHeading}
      </Text>
      <DiffView s={s} api={api} current={decl} labelOf={labelOf} tableClass={styles.table} />
    </div>
  );
}

function FindingLine({ f, s, lang, cls }: { f: Finding; s: Strings; lang: 'zh' | 'en'; cls: string }) {
  return (
    <div className={cls} data-testid="finding" data-severity={f.severity}>
      <Text weight="semibold">{s[`severity.${f.severity}`]}</Text>
      {f.cell && <Text> · {fill(s.cell, { cell: f.sheet ? `${f.sheet}!${f.cell}` : f.cell })}</Text>}
      <div>{f.message[lang]}</div>
    </div>
  );
}
