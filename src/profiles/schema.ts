import { z } from 'zod';
import { Bilingual, ProfileId } from '../model';

/** How strongly a framework asks for a category: required → error when absent, expected → warning. */
export const Need = z.enum(['required', 'expected', 'optional']);

export const Level2Spec = z.object({
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  need: Need.default('optional'),
  /** quantity and cost indicators should carry a number and a unit */
  quantitative: z.enum(['quantity', 'cost']).optional(),
});

export const Level1Spec = z.object({
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  need: Need,
  /** null: the 二级 are the unit's own functions, free text (weighted department tables) */
  level2: z.array(Level2Spec).nullable(),
});

export const Profile = z.object({
  id: ProfileId,
  name: Bilingual,
  level1: z.array(Level1Spec),
  /** the table carries 权重 that must sum to 100% */
  weighted: z.boolean(),
  /** a value without an operator earns a warning (national 2021 forms ask for one) */
  requireOperator: z.boolean(),
});
export type Profile = z.infer<typeof Profile>;
export type Level1Spec = z.infer<typeof Level1Spec>;
export type Level2Spec = z.infer<typeof Level2Spec>;
