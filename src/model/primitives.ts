import { z } from 'zod';

/** Free text as typed; surrounding blanks carry no meaning, so both sides of every comparison are trimmed. */
export const Text = z.string().trim().default('');

/** An amount in 万元. `null` is a blank cell, which the rules treat as zero where a sum needs it. */
export const Amount = z.number().finite().nullable().default(null);

/** A percentage as the number a person reads (95.65 for 95.65%), `null` when blank. */
export const Percent = z.number().finite().nullable().default(null);

/** A head count, `null` when blank. */
export const Count = z.number().int().nonnegative().nullable().default(null);

export const Year = z.number().int().min(1990).max(2100);

export const ProfileId = z.enum(['national2021', 'classic', 'jiangsu', 'weightedDepartment']);
export type ProfileId = z.infer<typeof ProfileId>;

export const DeclarationKind = z.enum(['department', 'project', 'specialFund']);
export type DeclarationKind = z.infer<typeof DeclarationKind>;
