import type { Declaration, Finding, ProfileId, SourceMap } from '../model';
import type { TableSpot, WorkbookSnapshot } from '../layouts';
import {
  BUILTIN,
  ReadError,
  formOf,
  frameworkFor,
  readSnapshot,
  readWorkbookDeclarations,
  renderForm,
  requiredOf,
  type Form,
  type FormSet,
  type FoundRead,
} from '../forms';
import { toFinding } from '../rules/draft';
import { applyPolicy, judge, place, repeatedTexts, severityOf, validate, worstFirst } from '../rules';

export interface DeclarationCheck {
  declaration: Declaration;
  sourceMap: SourceMap;
  /** read problems (unreadable cells) first, then the rules' findings, worst first */
  findings: Finding[];
  /** the form it was read with, or placed on */
  form: Form;
}

/** A declaration found in a workbook: where it starts, and its check. */
export interface WorkbookCheck extends DeclarationCheck {
  sheet: string;
  /** its repeating tables as read: rows typed below one take its look */
  tables: TableSpot[];
}

export interface CheckOptions {
  /** validate under this built-in framework instead of the one the form and declaration name */
  profile?: ProfileId;
  /** the forms a reader knows: the built-ins, and a bureau's */
  forms?: FormSet;
  /** read every declaration with this form instead of detecting it */
  form?: Form;
}

/** A declaration names a form that is not installed here. */
export class UnknownFormError extends ReadError {
  constructor(
    readonly ref: { id: string; version: number },
    readonly installed: Form[],
  ) {
    super(
      `the declaration names form ${ref.id} version ${ref.version}, which is not installed; installed: ${installed.map((f) => `${f.id} v${f.version}`).join(', ')}`,
    );
  }
}

/** Each form's required fields, listed once (a compiled form is not changed): the endpoint checks every submission under one. */
const requiredByForm = new WeakMap<Form, { path: string; label: string }[]>();
function requiredFor(form: Form): { path: string; label: string }[] {
  let required = requiredByForm.get(form);
  if (!required) requiredByForm.set(form, (required = requiredOf(form)));
  return required;
}

function optionsFor(declaration: Declaration, form: Form, opts: CheckOptions) {
  return {
    ...(opts.profile ? { profile: opts.profile } : { framework: frameworkFor(form, declaration.profile) }),
    policy: form.policy,
    required: requiredFor(form),
  };
}

/**
 * A declaration without a workbook (a model JSON file, a submission to the endpoint): every rule, with each
 * finding placed on the cell its form would put the value in. The CLI's validate and submit and the
 * endpoint all check a model through here, so they agree on every finding and every cell. With
 * `place: 'errors'` (the review desk, which counts errors and warnings) the form is laid out only when
 * there is an error to place; with `place: 'refusal'` (a submission, answered with findings only when it
 * is refused) there are no findings at all unless there is an error.
 */
export function checkDeclaration(
  declaration: Declaration,
  opts: CheckOptions & { place?: 'all' | 'errors' | 'refusal' } = {},
): DeclarationCheck {
  const forms = opts.forms ?? BUILTIN;
  const form = opts.form ?? formOf(declaration, forms);
  if (!form) throw new UnknownFormError(declaration.form!, forms.current());
  const o = optionsFor(declaration, form, opts);
  const drafts = judge(declaration, o);
  const lazy = opts.place === 'errors' || opts.place === 'refusal';
  if (lazy && !drafts.some((d) => severityOf(d, o.policy) === 'error'))
    return { declaration, sourceMap: {}, findings: opts.place === 'errors' ? place(drafts, o) : [], form };
  const sourceMap = renderForm(form, declaration).sourceMap;
  return { declaration, sourceMap, findings: place(drafts, { ...o, sourceMap }), form };
}

/** A declaration read from a workbook, checked: its unreadable cells (under the form's policy), then every rule. */
function checkRead(read: FoundRead, opts: CheckOptions): WorkbookCheck {
  const { declaration, sourceMap, form, sheet, tables } = read;
  const findings = [
    ...applyPolicy(
      read.problems.map((p) => toFinding(p, sourceMap)),
      form.policy,
    ),
    ...validate(declaration, { ...optionsFor(declaration, form, opts), sourceMap }),
  ];
  return { declaration, sourceMap, findings, form, sheet, tables };
}

/** Read every declaration of a workbook and run every rule on each. */
export function checkWorkbook(snap: WorkbookSnapshot, opts: CheckOptions = {}): WorkbookCheck[] {
  const checks = readWorkbookDeclarations(snap, opts.forms ?? BUILTIN, opts.form).map((read) =>
    checkRead(read, opts),
  );
  // Texts copied between the workbook's declarations: a finding only the workbook as a whole can make.
  const repeated = repeatedTexts(checks.map((c) => c.declaration));
  return checks.map((c, i) =>
    repeated[i].length === 0
      ? c
      : {
          ...c,
          findings: worstFirst([
            ...c.findings,
            ...place(repeated[i], { policy: c.form.policy, sourceMap: c.sourceMap }),
          ]),
        },
  );
}

/** The workbook's first declaration and its check: what the task pane shows, reading no further. */
export function checkSnapshot(snap: WorkbookSnapshot, opts: CheckOptions = {}): WorkbookCheck {
  return checkRead(readSnapshot(snap, opts.forms ?? BUILTIN, opts.form), opts);
}
