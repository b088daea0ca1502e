import { useMemo, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  CounterBadge,
  makeStyles,
  tokens,
  type CounterBadgeProps,
} from '@fluentui/react-components';
import type { Lang } from '../app/session';
import type { Finding, Severity } from '../model';
import { FindingItem } from './FindingItem';
import { SEVERITIES, groupFindings, sectionTitle, type SeverityGroup } from './findings';
import { fill, type Strings } from './strings';

/** A workbook with thousands of rows can produce thousands of findings; the first ones are what matter. */
const FIRST_SHOWN = 100;

const BADGE: Record<Severity, CounterBadgeProps['color']> = {
  error: 'danger',
  warning: 'important',
  info: 'informative',
};

const useStyles = makeStyles({
  headerText: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  more: { alignSelf: 'flex-start' },
});

interface Props {
  s: Strings;
  lang: Lang;
  findings: readonly Finding[];
  onSelect(finding: Finding): void;
}

export function FindingsList({ s, lang, findings, onSelect }: Props) {
  const groups = useMemo(() => groupFindings(findings), [findings]);
  // Every group starts open: a closed panel's items are not in the page, and the user came to see them.
  return (
    <Accordion multiple collapsible defaultOpenItems={[...SEVERITIES]}>
      {groups.map((g) => (
        <SeverityPanel key={g.severity} s={s} lang={lang} group={g} onSelect={onSelect} />
      ))}
    </Accordion>
  );
}

function SeverityPanel({
  s,
  lang,
  group,
  onSelect,
}: {
  s: Strings;
  lang: Lang;
  group: SeverityGroup;
  onSelect(finding: Finding): void;
}) {
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  // Cut across sections so the first FIRST_SHOWN findings show in form order.
  let budget = showAll ? Infinity : FIRST_SHOWN;
  const shown = group.sections
    .map((sec) => {
      const take = sec.findings.slice(0, Math.max(0, budget));
      budget -= take.length;
      return { section: sec.section, total: sec.findings.length, findings: take };
    })
    .filter((sec) => sec.findings.length > 0);

  return (
    <AccordionItem value={group.severity}>
      <AccordionHeader as="h3">
        <span className={styles.headerText}>
          {s[`group.${group.severity}`]}
          <CounterBadge
            count={group.count}
            overflowCount={9999}
            color={BADGE[group.severity]}
            size="small"
            aria-label={fill(s.groupCount, { n: group.count })}
          />
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel}>
        {shown.map((sec) => (
          <section key={sec.section} className={styles.section}>
            <h4 className={styles.sectionHeading}>
              {fill(s.sectionTitle, { section: sectionTitle(sec.section, s), n: sec.total })}
            </h4>
            <ul className={styles.list}>
              {sec.findings.map((f, i) => (
                <li key={`${f.code}|${f.path}|${f.cell ?? ''}|${i}`}>
                  <FindingItem s={s} lang={lang} finding={f} onSelect={onSelect} />
                </li>
              ))}
            </ul>
          </section>
        ))}
        {!showAll && group.count > FIRST_SHOWN && (
          <Button className={styles.more} appearance="secondary" onClick={() => setShowAll(true)}>
            {fill(s.showAll, { n: group.count })}
          </Button>
        )}
      </AccordionPanel>
    </AccordionItem>
  );
}
