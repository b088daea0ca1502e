import { z } from 'zod';
import { DeclarationKind, Finding } from '../model';
import { Receipt, StoredDeclaration } from './protocol';

/** A reviewer's decision on one version: 通过 or 退回. Reviews are append-only; a new one follows, never edits. */
export const ReviewDecision = z.enum(['approved', 'returned']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** Plain text: shown escaped everywhere, at most 2,000 characters. */
export const MAX_COMMENT = 2000;

/** What a reviewer posts to `/declarations/:id/reviews`: the version seen, so a superseded one is refused. */
export const ReviewInput = z
  .object({
    decision: ReviewDecision,
    comment: z.string().max(MAX_COMMENT).default(''),
    version: z.number().int().positive(),
  })
  .strict()
  .refine((r) => r.decision !== 'returned' || r.comment.trim() !== '', {
    message: 'a return (退回) needs a comment saying what to change',
    path: ['comment'],
  });
export type ReviewInput = z.infer<typeof ReviewInput>;

export const Review = z.object({
  decision: ReviewDecision,
  comment: z.string(),
  reviewer: z.string(),
  at: z.string(),
  version: z.number().int().positive(),
});
export type Review = z.infer<typeof Review>;

/**
 * Where a declaration stands for the bureau: 已提交 (submitted), 有问题 (submitted with warnings), 已退回,
 * 已通过, judged on its latest version (a new version after a return is submitted again). A unit of the
 * roster with nothing of the year is 未提交 (missing).
 */
export const ReviewStatus = z.enum(['missing', 'submitted', 'flagged', 'returned', 'approved']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const DeclarationRow = Receipt.extend({
  unit: z.string(),
  year: z.number().int(),
  kind: DeclarationKind,
  name: z.string(),
  versions: z.number().int().positive(),
  /** 项目总金额 / 本年度预计投入 / 支出合计, 万元 */
  amount: z.number().nullable(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  status: ReviewStatus,
  /** the latest review of any version, if any */
  review: Review.nullable(),
});
export type DeclarationRow = z.infer<typeof DeclarationRow>;

/** What the desk lists of a version besides its row: its errors, warnings and amount (kept once worked out). */
export type VersionCounts = Pick<DeclarationRow, 'errors' | 'warnings' | 'amount'>;

/** The desk's list: every unit's latest versions, and the roster's units with none (未提交). */
export const ReviewList = z.object({
  items: z.array(DeclarationRow),
  missing: z.array(z.string()),
});
export type ReviewList = z.infer<typeof ReviewList>;

/** A version as a reviewer reads it (`GET /declarations/:id`): its reviews, oldest first, and its findings. */
export const ReviewedDeclaration = StoredDeclaration.extend({
  review: Review.nullable(),
  reviews: z.array(Review).default([]),
  findings: z.array(Finding).default([]),
});
export type ReviewedDeclaration = z.infer<typeof ReviewedDeclaration>;
