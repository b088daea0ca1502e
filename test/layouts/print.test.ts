import { builtinForms, renderForm } from '../../src/forms';
import {
  DEFAULT_COLUMN_CHARS,
  MIN_PRINT_PT,
  PAGE_FOOTER,
  printedBodySize,
  render,
  type Layout,
} from '../../src/layouts';
import { Declaration } from '../../src/model';

// The print setup a plan carries, without LibreOffice: test/interop/print.test.ts checks the PDF.

const blankOf = (kind: Layout['kind']): Declaration => Declaration.parse({ kind, year: 2024 });

describe.each(builtinForms().map((f) => ({ name: `${f.id} v${f.version}`, form: f })))(
  '$name',
  ({ form }) => {
    const plan = renderForm(form, blankOf(form.kind));

    test.each(plan.sheets.map((sp) => [sp.name, sp] as const))(
      '%s: A4, one page wide, page numbers, printed from A1 to its last row, body text legible',
      (_name, sp) => {
        const p = sp.print;
        expect(p).toMatchObject({ paper: 'A4', fitWidth: 1, fitHeight: 0, footer: PAGE_FOOTER });
        expect(p.area).toEqual({
          r1: 1,
          c1: 1,
          r2: Math.max(...sp.cells.map((c) => c.row)),
          c2: Math.max(sp.widths.length, ...sp.cells.map((c) => c.col)),
        });
        const widths = Array.from({ length: p.area.c2 }, (_, i) => sp.widths[i] ?? DEFAULT_COLUMN_CHARS);
        expect(printedBodySize(widths, p)).toBeGreaterThanOrEqual(MIN_PRINT_PT);
      },
    );

    test('repeated rows are the title, or the header row of the table the print row names', () => {
      form.print.forEach((spec, i) => {
        const rows = plan.sheets[i].print.titleRows;
        expect(rows === undefined).toBe(!spec.repeat);
        if (!rows) return;
        const styles = new Set(plan.sheets[i].cells.filter((c) => c.row === rows!.r1).map((c) => c.style));
        expect([...styles]).toEqual([spec.repeat === 'title' ? 'title' : 'header']);
      });
    });
  },
);

const wide: Layout = {
  id: 'wide',
  version: 1,
  kind: 'project',
  sheets: [{ name: '宽表', widths: Array<number>(10).fill(14), title: '宽表', sections: [] }],
};

test('a sheet that would print below 9 pt in portrait prints landscape; one that fits stays portrait', () => {
  expect(render(wide, blankOf('project')).sheets[0].print.orientation).toBe('landscape');
  const narrow = { ...wide, sheets: [{ ...wide.sheets[0], widths: [14, 14, 14, 14] }] };
  expect(render(narrow, blankOf('project')).sheets[0].print.orientation).toBe('portrait');
});

test('a print row without fitting prints at 100 %, and keeps its orientation', () => {
  const plan = render(
    { ...wide, print: [{ sheet: '宽表', orientation: 'portrait', fitWidth: 0, fitHeight: 0, paper: 'A3' }] },
    blankOf('project'),
  );
  expect(plan.sheets[0].print).toMatchObject({ orientation: 'portrait', fitWidth: 0, paper: 'A3' });
});
