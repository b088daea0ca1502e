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
  // A JSON copy: the core runs without DOM or Node globals (structuredClone is one).
  const d = JSON.parse(JSON.stringify(decl)) as Declaration;
  if (d.unitCode === '') delete d.unitCode;
  if (d.kind === 'project' && d.sources.priorYearsNonTax === null) delete d.sources.priorYearsNonTax;
  if (d.kind === 'specialFund' && d.opinions && !d.opinions.business && !d.opinions.supervision)
    delete d.opinions;
  if (d.extra) {
    for (const [k, v] of Object.entries(d.extra)) if (v === null || v === '') delete d.extra[k];
    if (Object.keys(d.extra).length === 0) delete d.extra;
  }
  return d;
}
