import type { Declaration } from '../model';
import { render } from '../layouts/render';
import type { RenderPlan } from '../layouts/plan';
import { STANDARD_FORMS, frameworkFor, type FormSet } from './registry';
import type { Form } from './types';

export * from './schema';
export * from './types';
export { compileForm, compileOrThrow, captionOf, type CompileResult, type PackageProblem } from './compile';
export {
  BUILTIN,
  FormSet,
  STANDARD_FORMS,
  builtinForms,
  builtinPackage,
  frameworkFor,
  isStandard,
} from './registry';
export {
  ReadError,
  findDeclarations,
  profileFor,
  readFound,
  readWorkbookDeclarations,
  readSnapshot,
  type Found,
  type FoundRead,
  type Fit,
} from './detect';

/** Lay a declaration out in a form, stamped with the form's id and version. */
export function renderForm(form: Form, decl: Declaration): RenderPlan {
  const plan = render(form, decl, frameworkFor(form, decl.profile));
  plan.stamp = { layout: form.id, version: form.version, kind: form.kind, profile: decl.profile };
  return plan;
}

/** The form a declaration names, or the standard one of its kind; undefined when it names one not installed. */
export function formOf(decl: Declaration, forms: FormSet): Form | undefined {
  if (!decl.form) return STANDARD_FORMS[decl.kind];
  const f = forms.get(decl.form.id, decl.form.version);
  return f && f.kind === decl.kind ? f : undefined;
}

/** The fields a form marks required, with the names its findings give them. */
export function requiredOf(form: Form): { path: string; label: string }[] {
  return form.sheets.flatMap((sheet) =>
    sheet.sections.flatMap((s) =>
      s.kind === 'form'
        ? s.rows.flatMap((row) =>
            row.flatMap((c) => (c.t === 'field' && c.required ? [{ path: c.path, label: c.label }] : [])),
          )
        : [],
    ),
  );
}
