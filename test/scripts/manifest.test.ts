import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_BASE, checkManifest, rewriteManifest } from '../../scripts/manifest';
import { ROOT } from '../support/paths';

const SOURCE = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const PROD_BASE = 'https://addin.example.gov.cn/jixiao/';

/** The source manifest with one exact piece of text replaced; fails loudly if the text is not there. */
function edit(from: string, to: string, xml: string = SOURCE): string {
  expect(xml).toContain(from);
  return xml.replace(from, to);
}

/** Exactly one problem, and it mentions every given fragment. */
function expectOneProblem(problems: string[], ...fragments: string[]): void {
  expect(problems).toHaveLength(1);
  for (const f of fragments) expect(problems[0]).toContain(f);
}

describe('manifest.xml', () => {
  test('the source manifest has no problems with the default base', () => {
    expect(DEFAULT_BASE).toBe('https://localhost:3000/');
    expect(checkManifest(SOURCE, DEFAULT_BASE)).toEqual([]);
  });

  test('it declares the task pane for Excel the add-in needs', () => {
    expect(SOURCE).toMatch(/xsi:type="TaskPaneApp"/);
    expect(SOURCE).toMatch(/<Host Name="Workbook"\/>/);
    expect(SOURCE).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\/>/);
    expect(SOURCE).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(SOURCE).toMatch(/<OfficeTab id="TabHome">/);
    expect(SOURCE).toMatch(/<FunctionName>validateWorkbook<\/FunctionName>/);
    expect(SOURCE).toContain('https://localhost:3000/taskpane.html?view=insert');
    expect(SOURCE).toContain('https://localhost:3000/commands.html');
  });

  test('every image it names exists in assets/, and so does the SVG they come from', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(join(ROOT, 'assets', `icon-${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size); // IHDR height
    }
    expect(existsSync(join(ROOT, 'assets', 'icon.svg'))).toBe(true);
  });

  test('rewritten to a production base it has no problems and no localhost left', () => {
    const prod = rewriteManifest(SOURCE, PROD_BASE);
    expect(prod).not.toMatch(/localhost/);
    expect(prod).toContain(`${PROD_BASE}taskpane.html?view=insert`);
    expect(prod).toContain('<AppDomain>https://addin.example.gov.cn</AppDomain>');
    expect(checkManifest(prod, PROD_BASE)).toEqual([]);
    // The rewritten manifest is no longer right for the dev server.
    expect(checkManifest(prod, DEFAULT_BASE).length).toBeGreaterThan(0);
  });

  test('a base without the trailing slash is normalised', () => {
    const prod = rewriteManifest(SOURCE, 'https://addin.example.gov.cn/jixiao');
    expect(prod).toContain(`${PROD_BASE}commands.html`);
    expect(checkManifest(prod, 'https://addin.example.gov.cn/jixiao')).toEqual([]);
  });
});

describe('checkManifest catches', () => {
  test('a broken tag', () => {
    const broken = edit('<ProviderName>jixiao</ProviderName>', '<ProviderName>jixiao</Provider>');
    expectOneProblem(checkManifest(broken), 'not well-formed XML');
  });

  test('a resid that is not defined in Resources', () => {
    const missing = edit('<Label resid="ValidateButton.Label"/>', '<Label resid="ValidateButton.Labl"/>');
    expectOneProblem(checkManifest(missing), 'ValidateButton.Labl', 'not defined');
  });

  test('a resid of the wrong kind', () => {
    const wrong = edit('<Label resid="InsertButton.Label"/>', '<Label resid="InsertButton.Tooltip"/>');
    expectOneProblem(checkManifest(wrong), 'InsertButton.Tooltip', 'expected a ShortString');
  });

  test('a URL at another base', () => {
    const elsewhere = edit(
      'DefaultValue="https://localhost:3000/commands.html"',
      'DefaultValue="https://cdn.example.com/commands.html"',
    );
    expectOneProblem(checkManifest(elsewhere), 'Commands.Url', 'not under the base');
  });

  test('the source manifest checked against a base it was not rewritten to', () => {
    const problems = checkManifest(SOURCE, PROD_BASE);
    expect(problems.length).toBeGreaterThanOrEqual(10);
    expect(problems.every((p) => p.includes('localhost'))).toBe(true);
  });

  test('a missing icon file', () => {
    const missing = edit('assets/icon-80.png"', 'assets/icon-81.png"');
    expectOneProblem(checkManifest(missing), 'Icon.80x80', 'icon-81.png');
  });

  test('an icon that is not under assets/', () => {
    const outside = edit(
      'https://localhost:3000/assets/icon-32.png"/>\n  <High',
      'https://localhost:3000/icon-32.png"/>\n  <High',
    );
    expectOneProblem(checkManifest(outside), '<IconUrl>');
  });

  test('icons checked against another assets directory', () => {
    const problems = checkManifest(SOURCE, DEFAULT_BASE, { assetsDir: join(ROOT, 'test') });
    // IconUrl, HighResolutionIconUrl and the three bt:Image resources.
    expect(problems).toHaveLength(5);
  });

  test('a ShortString longer than 125 characters', () => {
    const long = edit('DefaultValue="绩效目标">', `DefaultValue="${'绩'.repeat(126)}">`);
    expectOneProblem(checkManifest(long), 'JixiaoGroup.Label', '126 characters');
    const justRight = edit('DefaultValue="绩效目标">', `DefaultValue="${'绩'.repeat(125)}">`);
    expect(checkManifest(justRight)).toEqual([]);
  });

  test('a LongString longer than 250 characters, default or override', () => {
    const long = edit(
      'Value="Validate the declarations in this workbook and mark the problems on their cells."',
      `Value="${'x'.repeat(251)}"`,
    );
    expectOneProblem(checkManifest(long), 'ValidateButton.Tooltip', 'Override en-US', '251 characters');
  });

  test('a string resource without an en-US override', () => {
    const noEnglish = edit('\n          <bt:Override Locale="en-US" Value="Validate"/>', '');
    expectOneProblem(checkManifest(noEnglish), 'ValidateButton.Label', 'en-US');
  });

  test('a resid longer than 32 characters', () => {
    const xml = SOURCE.split('"TaskpaneInsert.Url"').join('"TaskpaneInsert.WithAVeryLongName.Url"');
    expect(xml).not.toBe(SOURCE);
    expectOneProblem(checkManifest(xml), 'TaskpaneInsert.WithAVeryLongName.Url', 'more than 32');
  });

  test('a duplicated resource id', () => {
    const dup = edit('<bt:String id="InsertButton.Label"', '<bt:String id="TaskpaneButton.Label"');
    const problems = checkManifest(dup);
    expect(problems).toContain('resource id "TaskpaneButton.Label" is defined more than once');
    expect(problems.some((p) => p.includes('"InsertButton.Label"') && p.includes('not defined'))).toBe(true);
  });

  test('a missing FunctionFile, VersionOverrides or Workbook host', () => {
    expectOneProblem(checkManifest(edit('<FunctionFile resid="Commands.Url"/>', '')), 'FunctionFile');
    const noOverrides = SOURCE.replace(/<VersionOverrides[\s\S]*<\/VersionOverrides>/, '');
    expect(checkManifest(noOverrides)).toContain('<VersionOverrides> is missing');
    expectOneProblem(checkManifest(edit('<Host Name="Workbook"/>', '<Host Name="Document"/>')), 'Workbook');
  });

  test('a bad Id, Version, type or permission', () => {
    expectOneProblem(
      checkManifest(edit('<Id>46255783-4cc3-4625-9f1f-dab3a28cad1b</Id>', '<Id>jixiao</Id>')),
      'GUID',
    );
    expectOneProblem(checkManifest(edit('<Version>1.0.0.0</Version>', '<Version>v1</Version>')), 'Version');
    expectOneProblem(checkManifest(edit('xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"')), 'TaskPaneApp');
    expectOneProblem(
      checkManifest(edit('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>All</Permissions>')),
      'Permissions',
    );
  });

  test('an AppDomain that is not the origin of the base', () => {
    const slash = edit(
      '<AppDomain>https://localhost:3000</AppDomain>',
      '<AppDomain>https://localhost:3000/</AppDomain>',
    );
    expectOneProblem(checkManifest(slash), 'AppDomain', 'trailing slash');
  });

  test('a support or learn-more page that is not https', () => {
    const http = edit(
      '<SupportUrl DefaultValue="https://localhost:3000/"/>',
      '<SupportUrl DefaultValue="http://example.com/"/>',
    );
    expectOneProblem(checkManifest(http), 'SupportUrl', 'not an https URL');
    const project = edit(
      '<SupportUrl DefaultValue="https://localhost:3000/"/>',
      '<SupportUrl DefaultValue="https://example.com/jixiao"/>',
    );
    expect(checkManifest(project)).toEqual([]);
  });

  test('a non-https base, in both functions', () => {
    expect(() => rewriteManifest(SOURCE, 'http://addin.example.gov.cn/jixiao/')).toThrow(/https/i);
    expect(() => rewriteManifest(SOURCE, 'http://localhost:3000/')).toThrow(/https/i);
    expect(() => rewriteManifest(SOURCE, 'addin.example.gov.cn/jixiao/')).toThrow(/absolute URL/);
    expect(() => rewriteManifest(SOURCE, 'https://addin.example.gov.cn/?x=1')).toThrow(/query/);
    expectOneProblem(checkManifest(SOURCE, 'http://localhost:3000/'), 'not https');
  });
});

const BUILT = join(ROOT, 'dist', 'web', 'manifest.xml');
const builtTest = existsSync(BUILT) ? test : test.skip;

describe('the production build', () => {
  builtTest('dist/web/manifest.xml has no problems for ADDIN_BASE_URL (or the default base)', () => {
    const base = process.env.ADDIN_BASE_URL || DEFAULT_BASE;
    const built = readFileSync(BUILT, 'utf8');
    // The icons must be deployed next to it, so check them in dist/web/assets.
    expect(checkManifest(built, base, { assetsDir: join(ROOT, 'dist', 'web', 'assets') })).toEqual([]);
  });
});
