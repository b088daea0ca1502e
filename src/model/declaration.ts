import { z } from 'zod';
import { Department } from './department';
import { Project } from './project';
import { SpecialFund } from './specialFund';

/** The interchange format: what `jixiao export` prints and the endpoint accepts. */
export const Declaration = z.discriminatedUnion('kind', [Department, Project, SpecialFund]);
export type Declaration = z.infer<typeof Declaration>;
export type DeclarationInput = z.input<typeof Declaration>;

/**
 * The declaration without the optional fields a form left blank (单位编码, 以前年度纳入预算管理的非税资金,
 * 审核意见, extra entries): a blank box means "not given", so declarations read from forms with and
 * without such boxes are equal, and hash alike.
 */
export function withoutBlankOptionals(decl: Declaration): Declaration {
  // Copies only what it changes: the declaration passed in is never modified.
  const d = { ...decl };
  if (d.unitCode === '') delete d.unitCode;
  if (d.kind === 'project' && d.sources.priorYearsNonTax === null) {
    d.sources = { ...d.sources };
    delete d.sources.priorYearsNonTax;
  }
  if (d.kind === 'specialFund' && d.opinions && !d.opinions.business && !d.opinions.supervision)
    delete d.opinions;
  if (d.extra) {
    const extra = Object.fromEntries(Object.entries(d.extra).filter(([, v]) => v !== null && v !== ''));
    if (Object.keys(extra).length) d.extra = extra;
    else delete d.extra;
  }
  return d;
}
