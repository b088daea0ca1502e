import { z } from 'zod';
import { Department } from './department';
import { Project } from './project';
import { SpecialFund } from './specialFund';

/** The interchange format: what `jixiao export` prints and the endpoint accepts. */
export const Declaration = z.discriminatedUnion('kind', [Department, Project, SpecialFund]);
export type Declaration = z.infer<typeof Declaration>;
export type DeclarationInput = z.input<typeof Declaration>;
