import type { Bilingual } from '../model';
import type { Layout, SheetPrintSpec } from '../layouts/types';
import type { Profile } from '../profiles';
import type { Policy } from '../rules/policy';

export type { Policy };

/** How one sheet of the form prints (the package's print row). */
export type PrintSpec = SheetPrintSpec;

/** Where a form came from: shipped with the add-in, a package file, or a bureau's endpoint. */
export type FormSource = 'built-in' | 'file' | 'endpoint';

/** A compiled form: the layout the engine renders and reads, and the bureau's settings around it. */
export interface Form extends Layout {
  title: Bilingual;
  /** the year the form is issued for */
  year?: number;
  region?: string;
  description?: string;
  /** several declarations of this form may stand one under another in one sheet */
  stacked: boolean;
  /** texts (or regular expressions) that start a declaration of this form */
  match: string[];
  framework: Profile;
  policy: Policy;
  print: PrintSpec[];
  source: FormSource;
}
