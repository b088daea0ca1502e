import type { DeclarationKind } from '../model';
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

export const BUILTIN_FORMS: readonly Form[] = PACKAGES.map((p) => compileOrThrow(p, 'built-in'));

/** A built-in form's package, as data: what `jixiao form export` writes for a bureau to start from. */
export function builtinPackage(id: string, version?: number): FormPackage | undefined {
  const i = BUILTIN_FORMS.findIndex((f) => f.id === id && (version === undefined || f.version === version));
  const newest = BUILTIN_FORMS.filter((f) => f.id === id).sort((a, b) => b.version - a.version)[0];
  const at = version === undefined && newest ? BUILTIN_FORMS.indexOf(newest) : i;
  return at >= 0 ? FormPackage.parse(PACKAGES[at]) : undefined;
}

const byId = (id: string): Form => {
  const f = BUILTIN_FORMS.filter((x) => x.id === id).sort((a, b) => b.version - a.version)[0];
  if (!f) throw new Error(`no built-in form ${id}`);
  return f;
};

/** The add-in's own layout of each kind: what a model without a workbook is placed on. */
export const STANDARD_FORMS: Record<DeclarationKind, Form> = {
  department: byId('department'),
  project: byId('project'),
  specialFund: byId('specialFund'),
};

/**
 * The forms one reader knows: the built-ins and whatever a bureau installed (package files, an endpoint).
 * A form is known by id and version; an installed package replaces a built-in of the same id and version.
 */
export class FormSet {
  readonly forms: readonly Form[];
  constructor(forms: readonly Form[]) {
    const seen = new Map<string, Form>();
    for (const f of forms) seen.set(`${f.id}@${f.version}`, f);
    this.forms = [...seen.values()];
  }

  /** this set with more forms; theirs win over a form of the same id and version */
  with(more: readonly Form[]): FormSet {
    return new FormSet([...this.forms, ...more]);
  }

  get(id: string, version?: number): Form | undefined {
    if (version === undefined) return this.latest(id);
    return this.forms.find((f) => f.id === id && f.version === version);
  }

  latest(id: string): Form | undefined {
    return this.forms.filter((f) => f.id === id).sort((a, b) => b.version - a.version)[0];
  }

  /** the newest version of each form, in the order they were added */
  current(): Form[] {
    return this.forms.filter((f) => this.latest(f.id) === f);
  }
}

export const BUILTIN = new FormSet(BUILTIN_FORMS);
