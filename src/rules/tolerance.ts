/** DOMAIN.md: amounts are compared with a tolerance of 0.005 万元. */
export const TOLERANCE = 0.005;

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** A blank money cell counts as zero in a sum. */
export const val = (n: number | null | undefined): number => n ?? 0;

export const differs = (a: number, b: number, tol = TOLERANCE): boolean => Math.abs(a - b) > tol + 1e-9;
