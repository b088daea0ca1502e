import { useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Dropdown,
  Field,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { BureauForms } from '../app/bureauForms';
import type { ReframeRequest } from '../app/reframe';
import type { InsertRequest, Lang } from '../app/session';
import type { Form } from '../forms';
import type { DeclarationKind, ProfileId } from '../model';
import type { Declared } from './state';
import { profileForYear } from '../profiles';
import { ProfileField } from './ProfileField';
import { YearField } from './YearField';
import { KINDS, PROFILE_IDS, defaultYear, isValidYear, profileName } from './findings';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Fluent's Dropdown asks for 250 px; in a 320 px pane it must shrink with the column instead.
  dropdown: { minWidth: 0, width: '100%' },
  button: { alignSelf: 'flex-start' },
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  // Folded: one line, the summary shrinking before the button does.
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  summary: {
    margin: 0,
    flex: '1 1 auto',
    minWidth: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  open: { flex: 'none' },
  folded: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface Props {
  s: Strings;
  lang: Lang;
  /** some call is in flight; the fields stay editable, only the button waits */
  busy: boolean;
  /** the call in flight is an insert */
  inserting: boolean;
  inserted: InsertRequest | null;
  onInsert(request: InsertRequest): void;
  /** opened from the ribbon's insert button: start on the first field */
  autoFocus: boolean;
  /** the bureau's forms (and where they came from); none without an endpoint */
  forms?: BureauForms;
  /** an endpoint is configured: say where the forms came from */
  endpointSet?: boolean;
  /** the declaration the workbook holds: the card folds to one line that says so */
  declared?: Declared | null;
  /** change the declaration's framework and year (from the folded line) */
  onReframe?(request: ReframeRequest): void;
  /** the call in flight is a framework change */
  reframing?: boolean;
}

const STANDARD = '';

export function InsertCard({
  s,
  lang,
  busy,
  inserting,
  inserted,
  onInsert,
  autoFocus,
  forms,
  endpointSet,
  declared,
  onReframe,
  reframing,
}: Props) {
  const styles = useStyles();
  const headingId = useId();
  /** the change-framework form under the folded line is open */
  const [changing, setChanging] = useState(false);
  /** the user unfolded the card to insert another declaration */
  const [unfolded, setUnfolded] = useState(autoFocus);
  // Each insert folds the card again: the declaration is there now, and checking it comes next.
  useEffect(() => {
    if (inserted) setUnfolded(false);
  }, [inserted]);
  const [kind, setKind] = useState<DeclarationKind>('project');
  /** the chosen form's id; STANDARD for the add-in's own layout of the kind */
  const [formId, setFormId] = useState(STANDARD);
  /** the framework the user picked; until then it follows the year (and a bureau's form) */
  const [chosen, setChosen] = useState<ProfileId | null>(null);
  // Once the user picks a framework, changing the kind keeps it.
  const [year, setYear] = useState<number | null>(() => defaultYear());
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) firstField.current?.focus();
  }, [autoFocus]);

  const yearOk = isValidYear(year);
  const choices: Form[] = (forms?.bureau ?? []).filter((f) => f.kind === kind);
  const form = choices.find((f) => f.id === formId);
  // A form that pins its framework leaves no choice: the bureau checks it under that one.
  const pinned = form?.policy.pinFramework ? form.framework.id : undefined;
  // A bureau's form says which framework; otherwise the year does (national2021 from 2021 on).
  const profile: ProfileId = chosen ?? form?.framework.id ?? profileForYear(yearOk ? year : defaultYear());
  const chooseForm = (id: string) => {
    setFormId(id);
    const f = choices.find((x) => x.id === id);
    if (f?.year) setYear(f.year);
  };
  const note =
    forms && endpointSet
      ? fill(s[`forms.${forms.origin}`], {
          n: forms.bureau.length,
          time: forms.fetchedAt
            ? new Date(forms.fetchedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')
            : '',
        })
      : undefined;

  if (declared && !unfolded) {
    const summary = fill(declared.year ? s.declaredYear : s.declaredNoYear, {
      kind: KINDS.includes(declared.kind as DeclarationKind)
        ? s[`kind.${declared.kind as DeclarationKind}`]
        : declared.kind,
      year: declared.year ?? '',
      profile: PROFILE_IDS.includes(declared.profile as ProfileId)
        ? profileName(declared.profile as ProfileId, lang)
        : declared.profile,
    });
    return (
      <section className={styles.folded} aria-labelledby={headingId} data-testid="insert-summary">
        <div className={styles.line}>
          <h2 id={headingId} className={styles.summary} title={summary}>
            {summary}
          </h2>
          {onReframe && (
            <Button
              data-testid="reframe-open"
              className={styles.open}
              size="small"
              appearance="subtle"
              aria-expanded={changing}
              title={s.reframeOpenTitle}
              onClick={() => setChanging(!changing)}
            >
              {s.reframeOpen}
            </Button>
          )}
          <Button
            data-testid="insert-open"
            className={styles.open}
            size="small"
            appearance="subtle"
            aria-expanded={false}
            onClick={() => setUnfolded(true)}
          >
            {s.insertAnother}
          </Button>
        </div>
        {changing && onReframe && (
          <ReframeForm
            s={s}
            lang={lang}
            declared={declared}
            busy={busy}
            working={reframing === true}
            onApply={(request) => {
              onReframe(request);
              setChanging(false);
            }}
            onCancel={() => setChanging(false)}
          />
        )}
      </section>
    );
  }

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {s.insertHeading}
      </h2>

      <Field label={s.kindLabel}>
        <RadioGroup
          data-testid="insert-kind"
          value={kind}
          onChange={(_, data) => {
            const next = data.value as DeclarationKind;
            setKind(next);
            setFormId(STANDARD);
          }}
        >
          {KINDS.map((k) => (
            <Radio key={k} value={k} label={s[`kind.${k}`]} ref={k === kind ? firstField : undefined} />
          ))}
        </RadioGroup>
      </Field>

      {(choices.length > 0 || note) && (
        <Field label={s.formLabel} hint={note}>
          <Dropdown
            data-testid="insert-form"
            className={styles.dropdown}
            value={form ? form.title[lang] : s.formStandard}
            selectedOptions={[formId]}
            onOptionSelect={(_, data) => chooseForm(data.optionValue ?? STANDARD)}
          >
            <Option value={STANDARD} text={s.formStandard}>
              {s.formStandard}
            </Option>
            {choices.map((f) => (
              <Option key={f.id} value={f.id} text={f.title[lang]}>
                {`${f.title[lang]}${f.year ? `（${f.year}）` : ''}`}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}

      <ProfileField
        s={s}
        lang={lang}
        testId="insert-profile"
        value={profile}
        {...(pinned ? { pinned } : {})}
        onChange={setChosen}
      />

      <YearField s={s} testId="insert-year" year={year} onChange={setYear} />

      <Button
        data-testid="insert-button"
        className={styles.button}
        appearance="primary"
        // disabledFocusable: a keyboard user keeps their place while the call runs.
        disabledFocusable={busy || !yearOk}
        icon={inserting ? <Spinner size="tiny" /> : undefined}
        onClick={() => {
          if (yearOk)
            onInsert({ kind, profile: pinned ?? profile, year, ...(form ? { formId: form.id } : {}) });
        }}
      >
        {inserting ? s.inserting : s.insertButton}
      </Button>
      {declared && (
        <Button
          data-testid="insert-close"
          className={styles.button}
          size="small"
          appearance="subtle"
          onClick={() => setUnfolded(false)}
        >
          {s.insertFold}
        </Button>
      )}
    </section>
  );
}

/**
 * Change the framework and the year of the declaration already in the workbook: nothing typed is lost
 * (the pane asks before renaming any 一级/二级).
 */
function ReframeForm({
  s,
  lang,
  declared,
  busy,
  working,
  onApply,
  onCancel,
}: {
  s: Strings;
  lang: Lang;
  declared: Declared;
  busy: boolean;
  working: boolean;
  onApply(request: ReframeRequest): void;
  onCancel(): void;
}) {
  const styles = useStyles();
  const [year, setYear] = useState<number | null>(declared.year ?? defaultYear());
  const [chosen, setChosen] = useState<ProfileId | null>(
    PROFILE_IDS.includes(declared.profile as ProfileId) ? (declared.profile as ProfileId) : null,
  );
  const yearOk = isValidYear(year);
  const profile = chosen ?? profileForYear(yearOk ? year : defaultYear());
  return (
    <div className={styles.form} data-testid="reframe-form">
      <ProfileField s={s} lang={lang} testId="reframe-profile" value={profile} onChange={setChosen} />
      <YearField s={s} testId="reframe-year" year={year} onChange={setYear} />
      <p className={styles.hint}>{s.reframeHint}</p>
      <div className={styles.actions}>
        <Button
          data-testid="reframe-apply"
          appearance="primary"
          disabledFocusable={busy || !yearOk}
          icon={working ? <Spinner size="tiny" /> : undefined}
          onClick={() => {
            if (yearOk) onApply({ profile, year });
          }}
        >
          {s.reframeApply}
        </Button>
        <Button data-testid="reframe-close" onClick={onCancel}>
          {s.conflictCancel}
        </Button>
      </div>
    </div>
  );
}
