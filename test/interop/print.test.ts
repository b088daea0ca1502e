import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { builtinForms, renderForm, type Form } from '../../src/forms';
import { writeDeclarationXlsx } from '../../src/io/xlsx';
import { MIN_PRINT_PT, type RenderPlan } from '../../src/layouts';
import { BODY_FONT } from '../../src/layouts/styles';
import { Declaration } from '../../src/model';
import { fixture } from '../support/helpers';

// Printing as a clerk hands it in: every built-in form, blank and filled, written by the ExcelJS host,
// printed to PDF by LibreOffice and read back with poppler (pdfinfo, pdftotext).
//
// How the printed body size is measured: a CJK glyph advances exactly one em, so a word of n CJK
// characters is n × (font size × print scale) wide on the page. Every all-CJK word of a page (labels,
// headers, values; the title is larger still) gives its size as width / n. A control workbook, one
// line of the body font at 100 % in a wide column, gives the same ratio unscaled; the page's smallest
// word against the control, times the body font's size, is the smallest text printed on that page.
// LibreOffice lays columns out with the workbook's Calibri metrics (Carlito), as Excel does, so its
// scale is Excel's to within a per cent; it also shrinks a fitted sheet by a further 2 % where that
// saves a page (tdf#103516), which these bounds allow for.

const dir = mkdtempSync(join(tmpdir(), 'jixiao-print-'));
const CONTROL_TEXT = '宋体正文对照';

interface Case {
  name: string;
  form: Form;
  decl: Declaration;
}

const form = (id: string, version: number): Form => {
  const f = builtinForms().find((x) => x.id === id && x.version === version);
  if (!f) throw new Error(`no built-in form ${id} v${version}`);
  return f;
};
const blank = (f: Form): Declaration =>
  Declaration.parse({ kind: f.kind, year: 2024, profile: f.framework.id });

const CASES: Case[] = [
  ...builtinForms().map((f) => ({
    name: `${f.id} v${f.version}, blank`,
    form: f,
    decl: blank(f),
  })),
  // 28 indicators: the indicator table runs onto a second page.
  {
    name: 'project v2, 28 indicators',
    form: form('project', 2),
    decl: fixture('jiangyin-2020-2-community-correction'),
  },
  {
    name: 'project v2, spend plan',
    form: form('project', 2),
    decl: fixture('laoting-2024-1-legal-construction'),
  },
  {
    name: 'project v1, spend plan',
    form: form('project', 1),
    decl: fixture('laoting-2024-1-legal-construction'),
  },
  // 18 indicators and 13 projects: both sheets run over several pages.
  { name: 'department, 13 projects', form: form('department', 1), decl: fixture('rugao-2021-department') },
  { name: 'department, six goals', form: form('department', 1), decl: fixture('xinzhou-2020-department') },
  {
    name: 'special fund, filled',
    form: form('specialFund', 1),
    decl: fixture('nanyue-2021-4-legal-construction'),
  },
  {
    name: 'jiangyin 2020 project, filled',
    form: form('jiangyin-2020-project', 1),
    decl: fixture('jiangyin-2020-2-community-correction'),
  },
];

interface Word {
  x: number;
  y: number;
  width: number;
  text: string;
}

interface Page {
  width: number;
  height: number;
  words: Word[];
  /** the page's text in content order, without white space */
  text: string;
}

const file = (i: number, ext: string): string => join(dir, `case${i}.${ext}`);
const squeeze = (s: string): string => s.replace(/\s+/g, '');

function readPdf(pdf: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const raw = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f');
  return html
    .split('<page ')
    .slice(1)
    .map((p, i) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(p)!;
      const words = [
        ...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
      ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]) - Number(m[1]), text: m[4] }));
      return { width: Number(size[1]), height: Number(size[2]), words, text: squeeze(raw[i] ?? '') };
    });
}

/** Points per character of each all-CJK word: the printed font size, as every CJK glyph is one em wide. */
const cjkSizes = (page: Page): number[] =>
  page.words.filter((w) => /^[\u4e00-\u9fff]{2,}$/u.test(w.text)).map((w) => w.width / w.text.length);

const footerOf = (n: number, of: number): string => `第${n}页，共${of}页`;

/** The texts of a plan row, as the page shows them without white space. */
const rowTexts = (plan: RenderPlan['sheets'][number], row: number): string[] =>
  plan.cells
    .filter((c) => c.row === row && typeof c.value === 'string' && c.value.trim() !== '')
    .map((c) => squeeze(String(c.value)));

let control = 0;
const pdfs: Page[][] = [];

beforeAll(async () => {
  for (const [i, c] of CASES.entries()) await writeDeclarationXlsx(c.decl, file(i, 'xlsx'), c.form);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('对照', { pageSetup: { paperSize: 9, scale: 100, fitToPage: false } });
  ws.getColumn(1).width = 60;
  ws.getCell('A1').value = CONTROL_TEXT;
  ws.getCell('A1').font = { name: BODY_FONT.name, size: BODY_FONT.size };
  await wb.xlsx.writeFile(join(dir, 'control.xlsx'));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      join(dir, 'control.xlsx'),
      ...CASES.map((_, i) => file(i, 'xlsx')),
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
  const [word] = readPdf(join(dir, 'control.pdf'))[0].words.filter((w) => w.text === CONTROL_TEXT);
  control = word.width / CONTROL_TEXT.length;
  CASES.forEach((_, i) => pdfs.push(readPdf(file(i, 'pdf'))));
}, 320_000);

test('the fonts LibreOffice needs are there, and the control prints the body font at its size', () => {
  const fonts = execFileSync('fc-list', [], { encoding: 'utf8' });
  // Without Carlito, LibreOffice measures Excel's character widths with a wider font and shrinks more.
  expect(fonts).toMatch(/Carlito/);
  expect(control).toBeCloseTo(BODY_FONT.size, 0);
});

describe.each(CASES.map((c, i) => ({ ...c, i })))('$name', ({ i, form: f, decl }) => {
  const plan = renderForm(f, decl);
  const pages = (): Page[] => pdfs[i];

  /** The pages of each sheet: a sheet starts at the first page after the last one that shows its title. */
  const sheetPages = (): number[][] => {
    const starts: number[] = [];
    plan.sheets.forEach((sp, s) => {
      const title = squeeze(String(sp.cells.find((c) => c.row === 1)!.value));
      const from = s === 0 ? 0 : starts[s - 1] + 1;
      const at = pages().findIndex((p, n) => n >= from && p.text.includes(title));
      expect(at).toBeGreaterThanOrEqual(0);
      starts.push(at);
    });
    return starts.map((start, s) =>
      Array.from({ length: (starts[s + 1] ?? pages().length) - start }, (_, k) => start + k),
    );
  };

  test('prints on A4 in each sheet’s orientation', () => {
    const info = execFileSync('pdfinfo', [file(i, 'pdf')], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(pages().length);
    const bySheet = sheetPages();
    expect(bySheet[0][0]).toBe(0);
    plan.sheets.forEach((sp, s) =>
      bySheet[s].forEach((n) => {
        const { width, height } = pages()[n];
        expect([Math.round(Math.min(width, height)), Math.round(Math.max(width, height))]).toEqual([
          595, 842,
        ]);
        expect(width > height ? 'landscape' : 'portrait').toBe(sp.print.orientation);
      }),
    );
  });

  test('every page carries its number and something of the form besides', () => {
    const all = pages();
    all.forEach((p, n) => {
      expect(p.text).toContain(footerOf(n + 1, all.length));
      expect(p.text.replace(footerOf(n + 1, all.length), '')).not.toBe('');
    });
  });

  test(`body text prints at ${MIN_PRINT_PT} pt or more`, () => {
    for (const p of pages()) {
      const sizes = cjkSizes(p);
      expect(sizes.length).toBeGreaterThan(0);
      expect((Math.min(...sizes) / control) * BODY_FONT.size).toBeGreaterThanOrEqual(MIN_PRINT_PT);
    }
  });

  // One page wide, however many tall (the template's 20 indicator and 12 line-item rows run on): no
  // column is cut off onto a page of its own and no row is lost, down to the sheet's last row.
  test('every row prints: each text of every row on the sheet’s pages, down to the last', () => {
    sheetPages().forEach((own, s) => {
      const sp = plan.sheets[s];
      const text = own.map((n) => pages()[n].text).join('');
      const last = Math.max(...sp.cells.filter((c) => rowTexts(sp, c.row).length > 0).map((c) => c.row));
      for (let r = 1; r <= last; r++) for (const t of rowTexts(sp, r)) expect(text).toContain(t);
    });
  });

  test('each sheet’s repeated rows head every page after the one they first print on', () => {
    sheetPages().forEach((own, s) => {
      const rows = plan.sheets[s].print.titleRows;
      if (!rows) return;
      const texts = rowTexts(plan.sheets[s], rows.r1);
      const first = own.findIndex((n) => texts.every((t) => pages()[n].text.includes(t)));
      expect(first).toBeGreaterThanOrEqual(0);
      for (const n of own.slice(first + 1)) for (const t of texts) expect(pages()[n].text).toContain(t);
    });
  });

  test('percentages print as percentages', () => {
    const shares = plan.sheets.flatMap((sp) =>
      sp.cells.filter((c) => c.style === 'inputPercent' && typeof c.value === 'number'),
    );
    const text = pages()
      .map((p) => p.text)
      .join('');
    for (const c of shares.slice(0, 5)) expect(text).toContain(`${(Number(c.value) * 100).toFixed(2)}%`);
  });
});
