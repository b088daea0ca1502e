import type { Declaration, Finding } from '../../src/model';
import { declarationWorkbook } from '../../src/io/xlsx';
import { BUILTIN, readSnapshot } from '../../src/forms';
import { readWorkbook } from '../../src/hosts/workbook/exceljs';
import { getPath } from '../../src/layouts/path';
import { toFinding } from '../../src/rules/draft';
import { validate } from '../../src/rules';
import { loadFixtures } from '../support/helpers';

const FISCAL = ['generalBudget', 'govFund', 'specialAccountNonTax', 'budgetNonTax'];
const BASIC = ['wages', 'goods', 'grants'];
const PROJ = ['projOperation', 'projLivelihood', 'projSpecial'];

/** The total a changed amount must be caught at, following the form's tree (blank subtotals are skipped). */
function totalOf(decl: Declaration, path: string): string | undefined {
  const [head, key] = path.split('.');
  if (decl.kind === 'project') {
    if (head === 'lineItems') return 'totalAmount';
    if (head === 'sources' && key !== 'total') return 'sources.total';
  }
  if (decl.kind === 'specialFund' && head === 'funding' && key !== 'total') return 'funding.total';
  if (decl.kind === 'department' && head === 'funds') {
    const f = decl.funds;
    if (FISCAL.includes(key)) return f.fiscal !== null ? 'funds.fiscal' : 'funds.incomeTotal';
    if (key === 'fiscal' || key === 'otherIncome') return 'funds.incomeTotal';
    if (BASIC.includes(key)) return f.basicTotal !== null ? 'funds.basicTotal' : 'funds.expenseTotal';
    if (PROJ.includes(key)) return f.projectTotal !== null ? 'funds.projectTotal' : 'funds.expenseTotal';
    if (key === 'basicTotal' || key === 'projectTotal') return 'funds.expenseTotal';
  }
  return undefined;
}

const cases = loadFixtures().flatMap(({ name, decl }) => {
  const wb = declarationWorkbook(decl);
  const snapshot = readWorkbook(wb);
  const { sourceMap } = readSnapshot(snapshot, BUILTIN);
  return Object.keys(sourceMap)
    .filter((p) => totalOf(decl, p) && typeof getPath(decl, p) === 'number')
    .map((path) => ({ name, path, decl, snapshot, sourceMap }));
});

test('every seed with money tables offers amounts to mutate', () => {
  expect(cases.length).toBeGreaterThanOrEqual(50);
});

describe.each(cases)('$name: +1 万元 at $path', ({ decl, path, snapshot, sourceMap }) => {
  test('is reported as a total mismatch marking the changed cell and its total, with the numbers', () => {
    const at = sourceMap[path];
    const grid = snapshot.grids.find((g) => g.name === at.sheet)!;
    const m = /^([A-Z]+)(\d+)$/.exec(at.cell)!;
    const r = Number(m[2]) - 1;
    const c = m[1].charCodeAt(0) - 65;
    const before = grid.rows[r][c];
    const old = getPath(decl, path) as number;
    grid.rows[r][c] = { value: old + 1, numFmt: '0.00' };
    try {
      const read = readSnapshot(snapshot, BUILTIN);
      const findings = [
        ...read.problems.map((p) => toFinding(p, read.sourceMap)),
        ...validate(read.declaration, { sourceMap: read.sourceMap }),
      ];
      const total = sourceMap[totalOf(decl, path)!];
      const marks = (f: Finding) => [f.cell, ...f.cells];
      const hit = findings.find(
        (f) => f.code === 'TOTAL_MISMATCH' && marks(f).includes(total.cell) && marks(f).includes(at.cell),
      );
      expect(hit).toBeDefined();
      expect(hit!.sheet).toBe(total.sheet);
      expect(Math.abs(hit!.difference!)).toBeCloseTo(1, 2);
      // A value is offered only to the one cell that explains the difference: this one, restored.
      if (hit!.suggestedValue !== undefined) {
        expect(hit!.cell).toBe(at.cell);
        expect(Number(hit!.suggestedValue)).toBeCloseTo(old, 2);
      }
    } finally {
      grid.rows[r][c] = before;
    }
  });
});
