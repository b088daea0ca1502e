import { z } from 'zod';

// The self-test's report (自检), as the pane copies it and as `POST /api/v1/diagnostics` stores it. The pane
// writes it, the endpoint trusts nothing in it: every string and list is bounded, so a report stays small.

/** A check's id: stable across versions, so `jixiao diagnostics` can compare host versions check by check. */
export const CheckId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9.-]*$/);

export const CheckResult = z
  .object({
    id: CheckId,
    passed: z.boolean(),
    /** why it failed, in the UI's language; empty when it passed */
    reason: z.string().max(500).default(''),
    ms: z.number().nonnegative().max(600_000),
    /** `context.sync` calls (Excel) or their WPS equivalent for the check's action, where it counts them */
    syncs: z.number().int().nonnegative().max(100_000).optional(),
    /** not run on this host (a user's edit cannot be simulated; WPS has no round trips); passed is false */
    skipped: z.boolean().optional(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

/** What the host says about itself: Office.context.diagnostics and the requirement sets, or WPS's Build. */
export const HostInfo = z
  .object({
    host: z.enum(['excel', 'wps']),
    /** Office: PC, Mac, OfficeOnline…; WPS: its OS */
    platform: z.string().max(40),
    /** Office: diagnostics.version; WPS: Application.Build */
    version: z.string().max(40),
    /** the browser preview's fakes rather than a real client */
    simulated: z.boolean(),
    /** e.g. "ExcelApi 1.12"; WPS has none */
    requirementSets: z.array(z.string().max(40)).max(64),
    language: z.string().max(20).optional(),
  })
  .strict();
export type HostInfo = z.infer<typeof HostInfo>;

export const SelfTestReport = z
  .object({
    schema: z.literal(1),
    addinVersion: z.string().max(40),
    at: z.iso.datetime(),
    host: HostInfo,
    checks: z.array(CheckResult).min(1).max(64),
  })
  .strict();
export type SelfTestReport = z.infer<typeof SelfTestReport>;
