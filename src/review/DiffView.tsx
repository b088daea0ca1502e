import { useEffect, useMemo, useState } from 'react';
import { Field, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import type { ReviewedDeclaration } from '../submit/review';
import type { DeskApi } from './api';
import { diffVersions } from './diff';
import { failureText } from './errors';
import { fill, shownValue, type Strings } from './strings';

/** Any two versions of a declaration, side by side: each changed field, old → new. */
export function DiffView({
  s,
  api,
  current,
  labelOf,
  tableClass,
}: {
  s: Strings;
  api: DeskApi;
  current: ReviewedDeclaration;
  labelOf: (path: string) => string;
  tableClass: string;
}) {
  const latest = current.version;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [pair, setPair] = useState<[ReviewedDeclaration, ReviewedDeclaration] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setFrom(Math.max(1, latest - 1));
    setTo(latest);
  }, [latest, current.id]);

  useEffect(() => {
    if (latest < 2) return;
    let live = true;
    const get = (v: number) =>
      v === current.version ? Promise.resolve(current) : api.declaration(current.id, v);
    Promise.all([get(from), get(to)]).then(
      (p) => live && (setPair(p), setError(null)),
      (e) => live && setError(failureText(s, e)),
    );
    return () => {
      live = false;
    };
  }, [api, current, from, to, latest, s]);

  const changes = useMemo(() => (pair ? diffVersions(pair[0].declaration, pair[1].declaration) : []), [pair]);
  if (latest < 2) return <Text as="p">{s.diffOnlyOne}</Text>;
  const versions = Array.from({ length: latest }, (_, i) => i + 1);
  const picker = (label: string, value: number, set: (v: number) => void, id: string) => (
    <Field label={label}>
      <Select data-testid={id} value={String(value)} onChange={(_, d) => set(Number(d.value))}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {fill(s.version, { n: v })}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <div data-testid="diff">
      <div style={{ display: 'flex', gap: 12 }}>
        {picker(s.diffFrom, from, setFrom, 'diff-from')}
        {picker(s.diffTo, to, setTo, 'diff-to')}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {pair &&
        pair[0].version === from &&
        pair[1].version === to &&
        (changes.length === 0 ? (
          <Text as="p" data-testid="diff-none">
            {s.diffNone}
          </Text>
        ) : (
          <table className={tableClass} data-testid="diff-table">
            <thead>
              <tr>
                <th>{s.diffField}</th>
                <th>{s.diffOld}</th>
                <th>{s.diffNew}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.path} data-testid="diff-row" data-path={c.path}>
                  <td>{labelOf(c.path)}</td>
                  <td data-testid="diff-old">{shownValue(s, c.old)}</td>
                  <td data-testid="diff-new">{shownValue(s, c.new)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
