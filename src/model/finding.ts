import { z } from 'zod';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

export const Finding = z.object({
  code: z.string(),
  severity: Severity,
  message: Bilingual,
  /** where in the model: 'funds.incomeTotal', 'indicators.3.target' */
  path: z.string(),
  /** the section of the form the path belongs to, for grouping in lists */
  section: z.string(),
  sheet: z.string().nullable(),
  /** A1 address of the cell to look at first */
  cell: z.string().nullable(),
  /** other cells the finding concerns (the parts of a total) */
  cells: z.array(z.string()),
  expected: z.number().nullable().optional(),
  actual: z.number().nullable().optional(),
  difference: z.number().nullable().optional(),
  suggestion: Bilingual.optional(),
  /** the value to type instead, where there is one: '≥0.1%' */
  suggestedValue: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/** Where each model path sits in a workbook. */
export const CellRef = z.object({ sheet: z.string(), cell: z.string() });
export type CellRef = z.infer<typeof CellRef>;
export type SourceMap = Record<string, CellRef>;
