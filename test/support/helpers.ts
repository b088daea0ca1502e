import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { Declaration } from '../../src/model';
import { FIXTURE_DIR } from './paths';

export { FIXTURE_DIR };

export interface Fixture {
  name: string;
  decl: Declaration;
}

/** Every seed declaration, parsed through the schema as a user's JSON would be. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      decl: Declaration.parse(JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8'))),
    }));
}

export function fixture(name: string): Declaration {
  const f = loadFixtures().find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.decl;
}

export const ARITHMETIC = [
  'TOTAL_MISMATCH',
  'AMOUNT_MISMATCH',
  'BALANCE_MISMATCH',
  'SHARE_MISMATCH',
  'CARRYOVER_MISMATCH',
  'USAGE_RATE_MISMATCH',
  'SPEND_PLAN_DECREASING',
  'SPEND_PLAN_INCOMPLETE',
  'COST_EXCEEDS_BUDGET',
  'YEAR_AMOUNT_EXCEEDS_TOTAL',
  'WEIGHT_SUM',
  'STAFF_TOTAL_MISMATCH',
  'PERCENT_OUT_OF_RANGE',
];
