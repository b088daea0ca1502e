import type { DeclarationKind, ProfileId } from '../model';
import { getProfile, type Profile } from '../profiles';
import { compileOrThrow } from './compile';
import { FormPackage } from './schema';
import type { Form } from './types';
import department from './builtin/department.json';
import project from './builtin/project.json';
import projectV1 from './builtin/project-v1.json';
import specialFund from './builtin/specialFund.json';
import jiangyinProject from './builtin/jiangyin-2020-project.json';
import nanyueSpecialFund from './builtin/nanyue-2021-special-fund.json';
import laotingDepartment from './builtin/laoting-2024-department.json';
import laotingProject from './builtin/laoting-2024-project.json';
import rugaoDepartment from './builtin/rugao-2021-department.json';
import xinzhouDepartment from './builtin/xinzhou-2020-department.json';

/**
 * The packages shipped with the add-in: its three standard layouts (the first version of the project form
 * stays, for the workbooks made with it), then the regional forms of the seed declarations.
 */
const PACKAGES = [
  project,
  projectV1,
  department,
  specialFund,
  jiangyinProject,
  nanyueSpecialFund,
  laotingDepartment,
  laotingProject,
  rugaoDepartment,
  xinzhouDepartment,
] as unknown[];

/**
 * The built-in forms, compiled on first use: the pane opens without compiling ten packages it may not
 * need before the clerk inserts or checks.
 */
let compiled: readonly Form[] | undefined;
export function builtinForms(): readonly Form[] {
  compiled ??= PACKAGES.map((p) => compileOrThrow(p, 'built-in'));
  return compiled;
}

/** A built-in form's package, as data: what `jixiao form export` writes for a bureau to start from. */
export function builtinPackage(id: string, version?: number): FormPackage | undefined {
  const form = version === undefined ? BUILTIN.latest(id) : BUILTIN.get(id, version);
  const at = form ? builtinForms().indexOf(form) : -1;
  return at >= 0 ? FormPackage.parse(PACKAGES[at]) : undefined;
}

/**
 * The forms one reader knows: the built-ins and whatever a bureau installed (package files, an endpoint).
 * A form is known by id and version; an installed package replaces a built-in of the same id and version.
 */
export class FormSet {
  private list: readonly Form[] | undefined;
  constructor(private readonly source: readonly Form[] | (() => readonly Form[])) {}

  get forms(): readonly Form[] {
    if (!this.list) {
      const seen = new Map<string, Form>();
      for (const f of typeof this.source === 'function' ? this.source() : this.source)
        seen.set(`${f.id}@${f.version}`, f);
      this.list = [...seen.values()];
    }
    return this.list;
  }

  /** this set with more forms; theirs win over a form of the same id and version */
  with(more: readonly Form[]): FormSet {
    return new FormSet(() => [...this.forms, ...more]);
  }

  get(id: string, version?: number): Form | undefined {
    if (version === undefined) return this.latest(id);
    return this.forms.find((f) => f.id === id && f.version === version);
  }

  latest(id: string): Form | undefined {
    let best: Form | undefined;
    for (const f of this.forms) if (f.id === id && (!best || f.version > best.version)) best = f;
    return best;
  }

  /** the newest version of each form, in the order they were added */
  current(): Form[] {
    return this.forms.filter((f) => this.latest(f.id) === f);
  }
}

export const BUILTIN = new FormSet(builtinForms);

const standard = (id: DeclarationKind): Form => {
  const f = BUILTIN.latest(id);
  if (!f) throw new Error(`no built-in form ${id}`);
  return f;
};

/** The add-in's own layout of each kind: what a model without a workbook is placed on. */
export const STANDARD_FORMS: Readonly<Record<DeclarationKind, Form>> = {
  get department() {
    return standard('department');
  },
  get project() {
    return standard('project');
  },
  get specialFund() {
    return standard('specialFund');
  },
};

/**
 * The framework a declaration of this form is checked under: the form's own (with the bureau's changes)
 * when it pins it or when the declaration names it, else the built-in one the declaration chose.
 */
export function frameworkFor(form: Form, profile: ProfileId | undefined): Profile {
  if (form.policy.pinFramework || profile === undefined || profile === form.framework.id)
    return form.framework;
  return getProfile(profile);
}

/** A form's own layouts are the standard ones; any other form is named in the declarations it makes. */
export const isStandard = (form: Form): boolean => STANDARD_FORMS[form.kind] === form;
