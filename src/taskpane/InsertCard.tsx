import { useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Dropdown,
  Field,
  Option,
  Radio,
  RadioGroup,
  SpinButton,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { BureauForms } from '../app/bureauForms';
import type { InsertRequest, Lang } from '../app/session';
import type { Form } from '../forms';
import type { DeclarationKind, ProfileId } from '../model';
import type { Declared } from './state';
import { DEFAULT_PROFILE } from '../profiles';
import { KINDS, MAX_YEAR, MIN_YEAR, PROFILE_IDS, defaultYear, isValidYear, profileName } from './findings';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Fluent's Dropdown asks for 250 px; in a 320 px pane it must shrink with the column instead.
  dropdown: { minWidth: 0, width: '100%' },
  year: { width: '10em', maxWidth: '100%' },
  button: { alignSelf: 'flex-start' },
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
}: Props) {
  const styles = useStyles();
  const headingId = useId();
  /** the user unfolded the card to insert another declaration */
  const [unfolded, setUnfolded] = useState(autoFocus);
  // Each insert folds the card again: the declaration is there now, and checking it comes next.
  useEffect(() => {
    if (inserted) setUnfolded(false);
  }, [inserted]);
  const [kind, setKind] = useState<DeclarationKind>('project');
  /** the chosen form's id; STANDARD for the add-in's own layout of the kind */
  const [formId, setFormId] = useState(STANDARD);
  const [profile, setProfile] = useState<ProfileId>(DEFAULT_PROFILE.project);
  // Once the user picks a framework, changing the kind keeps it.
  const [profileChosen, setProfileChosen] = useState(false);
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
  const chooseForm = (id: string) => {
    setFormId(id);
    const f = choices.find((x) => x.id === id);
    if (f?.year) setYear(f.year);
    if (f && !profileChosen) setProfile(f.framework.id);
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
      <section className={styles.line} aria-labelledby={headingId} data-testid="insert-summary">
        <h2 id={headingId} className={styles.summary} title={summary}>
          {summary}
        </h2>
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
            if (!profileChosen) setProfile(DEFAULT_PROFILE[next]);
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

      <Field
        label={s.profileLabel}
        hint={pinned ? fill(s.formPinned, { profile: profileName(pinned, lang) }) : undefined}
      >
        <Dropdown
          data-testid="insert-profile"
          className={styles.dropdown}
          disabled={pinned !== undefined}
          value={profileName(pinned ?? profile, lang)}
          selectedOptions={[pinned ?? profile]}
          onOptionSelect={(_, data) => {
            if (!data.optionValue) return;
            setProfile(data.optionValue as ProfileId);
            setProfileChosen(true);
          }}
        >
          {PROFILE_IDS.map((id) => (
            <Option key={id} value={id} text={profileName(id, lang)}>
              {profileName(id, lang)}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field
        label={s.yearLabel}
        validationState={yearOk ? 'none' : 'error'}
        validationMessage={yearOk ? undefined : fill(s.yearInvalid, { min: MIN_YEAR, max: MAX_YEAR })}
      >
        <SpinButton
          data-testid="insert-year"
          className={styles.year}
          value={year}
          min={MIN_YEAR}
          max={MAX_YEAR}
          // Fluent labels the arrows in English; the pane speaks the user's language.
          incrementButton={{ 'aria-label': s.yearUp }}
          decrementButton={{ 'aria-label': s.yearDown }}
          onChange={(_, data) => {
            // Arrows give `value`; typing gives only `displayValue`, which must be parsed.
            if (data.value !== undefined) setYear(data.value);
            else if (data.displayValue !== undefined) {
              const typed = Number(data.displayValue.trim());
              setYear(data.displayValue.trim() === '' || Number.isNaN(typed) ? null : typed);
            }
          }}
        />
      </Field>

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
