import { Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../app/session';
import type { ProfileId } from '../model';
import { PROFILE_IDS, profileName } from './findings';
import { fill, type Strings } from './strings';

const useStyles = makeStyles({
  // Fluent's Dropdown asks for 250 px; in a 320 px pane it must shrink with the column instead.
  dropdown: { minWidth: 0, width: '100%' },
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  help: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, whiteSpace: 'normal' },
});

interface Props {
  s: Strings;
  lang: Lang;
  testId: string;
  value: ProfileId;
  /** a form that pins its framework leaves no choice */
  pinned?: ProfileId;
  onChange(id: ProfileId): void;
}

/** The indicator framework: each option with its one-line description, the chosen one's as the hint. */
export function ProfileField({ s, lang, testId, value, pinned, onChange }: Props) {
  const styles = useStyles();
  const shown = pinned ?? value;
  return (
    <Field
      label={s.profileLabel}
      hint={pinned ? fill(s.formPinned, { profile: profileName(pinned, lang) }) : s[`profileHelp.${shown}`]}
    >
      <Dropdown
        data-testid={testId}
        className={styles.dropdown}
        disabled={pinned !== undefined}
        value={profileName(shown, lang)}
        selectedOptions={[shown]}
        onOptionSelect={(_, data) => {
          if (data.optionValue) onChange(data.optionValue as ProfileId);
        }}
      >
        {PROFILE_IDS.map((id) => (
          <Option key={id} value={id} text={profileName(id, lang)}>
            <span className={styles.option}>
              <span>{profileName(id, lang)}</span>
              <span className={styles.help}>{s[`profileHelp.${id}`]}</span>
            </span>
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
