import { z } from 'zod';

/** Free text as typed; surrounding blanks carry no meaning, so both sides of every comparison are trimmed. */
export const Text = z.string().trim().default('');

/** No budget comes near 1e9 万元 (10 trillion yuan): at or above it is a typing slip, or an attack on the sums. */
export const MAX_AMOUNT = 1e9;

/** An amount that may be below zero (a balance overspent), in 万元. */
export const SignedAmount = z.number().finite().gt(-MAX_AMOUNT).lt(MAX_AMOUNT).nullable().default(null);

/**
 * An amount in 万元: money budgeted, received or spent, never below zero. `null` is a blank cell, which
 * the rules treat as zero where a sum needs it.
 */
export const Amount = z.number().finite().nonnegative().lt(MAX_AMOUNT).nullable().default(null);

/** A percentage as the number a person reads (95.65 for 95.65%), `null` when blank. */
export const Percent = z.number().finite().nullable().default(null);

/** A head count, `null` when blank. */
export const Count = z.number().int().nonnegative().nullable().default(null);

export const Year = z.number().int().min(1990).max(2100);

export const ProfileId = z.enum(['national2021', 'classic', 'jiangsu', 'weightedDepartment']);
export type ProfileId = z.infer<typeof ProfileId>;

export const DeclarationKind = z.enum(['department', 'project', 'specialFund']);
export type DeclarationKind = z.infer<typeof DeclarationKind>;

/**
 * Fields only some bureaus' forms have, kept as typed (`extra.generalTransfer`): no rule reads them, but
 * they travel with the declaration instead of being squeezed into a field that means something else.
 * Optional, so declarations without them hash as they always did.
 */
export const Extra = z.record(z.string(), z.union([z.string(), z.number().finite(), z.null()])).optional();

/** 单位编码, kept apart from the unit's name (乐亭 types `315001乐亭县司法局本级`). Optional, like Extra. */
export const UnitCode = z.string().trim().optional();

/**
 * The bureau form a declaration was filled in (`jiangyin-2020-project` version 1). Absent for the add-in's
 * standard layouts, so their declarations hash as they always did. The endpoint checks a declaration
 * under the form it holds for this reference, never under a weaker one.
 */
export const FormRef = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/),
    version: z.number().int().positive(),
  })
  .optional();
