import { execFileSync, spawnSync } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as vm from 'vm';
import { parse as parseJs } from 'acorn';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROOT } from '../support/paths';

// The WPS 表格 add-in package that scripts/build-wps.js writes from wps/ (docs/wps.md): run against the
// dist/web that the test suite's pretest builds, for an intranet host.

const SCRIPT = join(ROOT, 'scripts', 'build-wps.js');
const WEB = join(ROOT, 'dist', 'web');
const BASE = 'https://addin.example.gov.cn/jixiao/';
const ADDIN_URL = `${BASE}wps/jixiao/`;
const PANE = `${BASE}taskpane.html?host=wps`;
const BUTTONS = {
  btnJixiaoPane: '申报面板',
  btnJixiaoInsert: '插入申报表',
  btnJixiaoValidate: '校验',
  btnJixiaoSelfTest: '自检',
  btnJixiaoInsertRow: '插入行',
};
const ADDIN_FILES = [
  'config.js',
  'images/icon-16.png',
  'images/icon-32.png',
  'images/icon-64.png',
  'images/icon-80.png',
  'index.html',
  'main.js',
  'ribbon.xml',
];

const built = existsSync(join(WEB, 'taskpane.html'));
if (!built) {
  console.warn(
    `test/wps skipped: ${join(WEB, 'taskpane.html')} is missing (npm run build writes it; npm test does first)`,
  );
}
const describeBuilt = built ? describe : describe.skip;

type Attrs = Record<string, string>;
interface XNode {
  name: string;
  attrs: Attrs;
  children: XNode[];
}

/** The element tree of a well-formed XML text (declaration and comments dropped). */
function xmlTree(text: string): XNode[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
  });
  const convert = (items: Array<Record<string, unknown>>): XNode[] =>
    items.flatMap((item) => {
      const name = Object.keys(item).find((k) => k !== ':@');
      if (!name || name.startsWith('?') || name === '#text') return [];
      const attrs = (item[':@'] as Attrs | undefined) ?? {};
      return [{ name, attrs, children: convert((item[name] as Array<Record<string, unknown>>) ?? []) }];
    });
  return convert(parser.parse(text));
}

function all(nodes: XNode[], name: string, out: XNode[] = []): XNode[] {
  for (const n of nodes) {
    if (n.name === name) out.push(n);
    all(n.children, name, out);
  }
  return out;
}

function expectWellFormed(text: string): void {
  expect(XMLValidator.validate(text)).toBe(true);
}

/** Names and stored bytes of a ZIP's entries, read through its central directory. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    expect(method).toBe(0);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    entries.set(name, buf.subarray(start, start + size));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

// --- A stub of the WPS object model: enough of Application for the ribbon callbacks. ---

class StubPane {
  Visible = false;
  DockPosition = 0;
  Width = 0;
  deleted = false;
  navigations: string[] = [];
  constructor(
    readonly ID: number,
    public url: string,
    readonly title?: string,
  ) {}
  Navigate(url: string): void {
    this.url = url;
    this.navigations.push(url);
  }
  Delete(): void {
    this.deleted = true;
  }
}

function stubApplication(options: { navigate: boolean }) {
  const panes: StubPane[] = [];
  const items = new Map<string, string>();
  const app = {
    panes,
    items,
    Enum: { JSKsoEnum_msoCTPDockPositionRight: 2 },
    PluginStorage: {
      // WPS keeps values as given; strings here, so the add-in must not rely on getting a number back
      setItem: (k: string, v: unknown) => void items.set(k, String(v)),
      getItem: (k: string) => (items.has(k) ? items.get(k) : null),
      removeItem: (k: string) => void items.delete(k),
    },
    CreateTaskPane(url: string, title?: string): StubPane {
      const pane = new StubPane(1000 + panes.length, url, title);
      if (!options.navigate) (pane as Partial<StubPane>).Navigate = undefined;
      panes.push(pane);
      return pane;
    },
    GetTaskPane(id: number): StubPane | undefined {
      expect(typeof id).toBe('number');
      return panes.find((p) => p.ID === id && !p.deleted);
    },
  };
  return app;
}

/** config.js and main.js of a built add-in folder, run as WPS runs them: classic scripts, window global. */
function loadAddin(dir: string, app: ReturnType<typeof stubApplication>) {
  const alerts: string[] = [];
  const sandbox: Record<string, unknown> = { Application: app, alert: (t: string) => alerts.push(t) };
  sandbox.window = sandbox;
  const context = vm.createContext(sandbox);
  for (const f of ['config.js', 'main.js']) {
    vm.runInContext(readFileSync(join(dir, f), 'utf8'), context, { filename: f });
  }
  const call = (name: string, ...args: unknown[]): unknown => {
    const fn = sandbox[name];
    if (typeof fn !== 'function') throw new Error(`main.js defines no function ${name}`);
    return (fn as (...a: unknown[]) => unknown)(...args);
  };
  return { sandbox, call, alerts };
}

describeBuilt('the WPS add-in package (scripts/build-wps.js)', () => {
  let out: string;
  let stdout: string;
  let online: string;
  let offline: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'jixiao-wps-'));
    stdout = execFileSync(process.execPath, [SCRIPT, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_BASE_URL: BASE, WPS_ADDIN_URL: '', WPS_ADDIN_VERSION: '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    online = join(out, 'online');
    offline = join(out, 'offline');
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('it says what it wrote and where to host it', () => {
    expect(stdout).toContain('online');
    expect(stdout).toContain(ADDIN_URL);
    expect(stdout).toContain(`JSPluginsServer=${BASE}wps/jsplugins.xml`);
    expect(stdout).toContain(`${BASE}wps/publish.html`);
    expect(stdout).toContain('jixiao-wps-offline.zip');
  });

  test('both add-in folders hold the same files, icons included', () => {
    for (const dir of [join(online, 'jixiao'), join(offline, 'jixiao_1.0.0')]) {
      for (const f of ADDIN_FILES) expect(existsSync(join(dir, f))).toBe(true);
      for (const size of [16, 32, 64, 80]) {
        const png = readFileSync(join(dir, 'images', `icon-${size}.png`));
        expect(png.equals(readFileSync(join(ROOT, 'assets', `icon-${size}.png`)))).toBe(true);
      }
    }
  });

  test('ribbon.xml: well-formed customUI, no declaration, the five buttons with OnAction', () => {
    const xml = readFileSync(join(online, 'jixiao', 'ribbon.xml'), 'utf8');
    expect(xml.startsWith('<customUI')).toBe(true);
    expect(xml).not.toContain('<?xml');
    expectWellFormed(xml);
    const [root] = xmlTree(xml);
    expect(root.name).toBe('customUI');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/2006/01/customui');
    expect(root.attrs.onLoad).toBe('OnAddinLoad');
    const tab = all([root], 'tab')[0];
    expect(tab.attrs.label).toBe('绩效目标');
    const buttons = all([root], 'button');
    expect(buttons.map((b) => [b.attrs.id, b.attrs.label])).toEqual(Object.entries(BUTTONS));
    for (const b of buttons) {
      expect(b.attrs.onAction).toBe('OnAction');
      expect(b.attrs.getImage).toBe('GetImage');
    }
  });

  test('main.js is ES5 and defines every callback ribbon.xml names', () => {
    const dir = join(online, 'jixiao');
    expect(() => parseJs(readFileSync(join(dir, 'main.js'), 'utf8'), { ecmaVersion: 5 })).not.toThrow();
    expect(() => parseJs(readFileSync(join(dir, 'config.js'), 'utf8'), { ecmaVersion: 5 })).not.toThrow();
    const xml = readFileSync(join(dir, 'ribbon.xml'), 'utf8');
    const names = new Set<string>();
    for (const n of all(xmlTree(xml), 'customUI').concat(all(xmlTree(xml), 'button'))) {
      for (const [k, v] of Object.entries(n.attrs)) if (/^(on[A-Z]|get[A-Z])/.test(k)) names.add(v);
    }
    expect([...names].sort()).toEqual(['GetImage', 'OnAction', 'OnAddinLoad']);
    const { sandbox } = loadAddin(dir, stubApplication({ navigate: true }));
    for (const name of names) expect(typeof sandbox[name]).toBe('function');
  });

  test('index.html loads config.js, then main.js', () => {
    const html = readFileSync(join(online, 'jixiao', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['config.js', 'main.js']);
  });

  test('the buttons open one pane at the hosted taskpane.html, docked right, about 360 wide', () => {
    const app = stubApplication({ navigate: true });
    const { call, alerts } = loadAddin(join(online, 'jixiao'), app);
    expect(call('OnAddinLoad', {})).toBe(true);

    call('OnAction', { Id: 'btnJixiaoPane' });
    expect(app.panes).toHaveLength(1);
    const pane = app.panes[0];
    expect(pane.url).toBe(PANE);
    expect(pane.Visible).toBe(true);
    expect(pane.DockPosition).toBe(2);
    expect(pane.Width).toBe(360);

    call('OnAction', { Id: 'btnJixiaoPane' }); // toggles
    expect(pane.Visible).toBe(false);
    call('OnAction', { Id: 'btnJixiaoPane' });
    expect(pane.Visible).toBe(true);

    call('OnAction', { Id: 'btnJixiaoInsert' });
    call('OnAction', { Id: 'btnJixiaoPane' }); // hide
    call('OnAction', { Id: 'btnJixiaoValidate' }); // shows again, at the validate view
    expect(app.panes).toHaveLength(1);
    expect(pane.navigations).toEqual([`${PANE}&view=insert`, `${PANE}&view=validate`]);
    expect(pane.Visible).toBe(true);
    expect(alerts).toEqual([]);
  });

  test('each view button opens the pane at its view when there is none yet', () => {
    for (const [id, view] of [
      ['btnJixiaoInsert', 'insert'],
      ['btnJixiaoValidate', 'validate'],
      ['btnJixiaoSelfTest', 'selftest'],
      ['btnJixiaoInsertRow', 'insertRow'],
    ]) {
      const app = stubApplication({ navigate: true });
      const { call } = loadAddin(join(online, 'jixiao'), app);
      call('OnAddinLoad', {});
      call('OnAction', { Id: id });
      expect(app.panes.map((p) => [p.url, p.Visible, p.DockPosition])).toEqual([
        [`${PANE}&view=${view}`, true, 2],
      ]);
    }
  });

  test('without Navigate, a view button replaces the pane with one at the view', () => {
    const app = stubApplication({ navigate: false });
    const { call } = loadAddin(join(offline, 'jixiao_1.0.0'), app);
    call('OnAddinLoad', {});
    call('OnAction', { Id: 'btnJixiaoPane' });
    call('OnAction', { Id: 'btnJixiaoValidate' });
    expect(app.panes.map((p) => [p.url, p.deleted])).toEqual([
      [PANE, true],
      [`${PANE}&view=validate`, false],
    ]);
    expect(app.items.get('jixiao_taskpane_id')).toBe(String(app.panes[1].ID));
    call('OnAction', { Id: 'btnJixiaoPane' }); // the new pane is the one toggled
    expect(app.panes[1].Visible).toBe(false);
  });

  test('a failure becomes a message, not an exception in WPS', () => {
    const app = stubApplication({ navigate: true });
    app.CreateTaskPane = () => {
      throw new Error('no pane today');
    };
    const { call, alerts } = loadAddin(join(online, 'jixiao'), app);
    expect(call('OnAction', { Id: 'btnJixiaoPane' })).toBe(true);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('no pane today');
  });

  test('GetImage names an icon of the add-in folder', () => {
    const dir = join(online, 'jixiao');
    const { call } = loadAddin(dir, stubApplication({ navigate: true }));
    for (const id of Object.keys(BUTTONS)) {
      const image = call('GetImage', { Id: id }) as string;
      expect(existsSync(join(dir, image))).toBe(true);
    }
  });

  test('jsplugins.xml lists the online add-in folder for JSPluginsServer', () => {
    const xml = readFileSync(join(online, 'jsplugins.xml'), 'utf8');
    expectWellFormed(xml);
    const [root] = xmlTree(xml);
    expect(root.name).toBe('jsplugins');
    expect(root.children.map((c) => [c.name, c.attrs])).toEqual([
      ['jspluginonline', { name: 'jixiao', type: 'et', url: ADDIN_URL }],
    ]);
  });

  test('publish.html installs that address as an online et add-in, in ES5', () => {
    const html = readFileSync(join(online, 'publish.html'), 'utf8');
    const data = /<script type="application\/json" id="jixiao-addon">([\s\S]*?)<\/script>/.exec(html);
    expect(JSON.parse(data![1])).toEqual({ name: 'jixiao', addonType: 'et', online: 'true', url: ADDIN_URL });
    const [script] = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(() => parseJs(script, { ecmaVersion: 5 })).not.toThrow();
    expect(script).toContain('http://127.0.0.1:58890/deployaddons/runParams');
  });

  test('publish.xml lists the offline folder, which holds the add-in', () => {
    const xml = readFileSync(join(offline, 'publish.xml'), 'utf8');
    expectWellFormed(xml);
    const [root] = xmlTree(xml);
    expect(root.name).toBe('jsplugins');
    expect(root.children).toHaveLength(1);
    const entry = root.children[0];
    expect(entry.name).toBe('jsplugin');
    expect(entry.attrs).toMatchObject({ name: 'jixiao', type: 'et', url: 'jixiao_1.0.0', version: '1.0.0' });
    expect(existsSync(join(offline, entry.attrs.url, 'ribbon.xml'))).toBe(true);
    // the offline copy still opens the hosted pane
    expect(readFileSync(join(offline, 'jixiao_1.0.0', 'config.js'), 'utf8')).toContain(JSON.stringify(BASE));
  });

  test('the offline zip holds the folder, publish.xml and the instructions, byte for byte', () => {
    const entries = readZip(readFileSync(join(offline, 'jixiao-wps-offline.zip')));
    expect([...entries.keys()].sort()).toEqual(
      [...ADDIN_FILES.map((f) => `jixiao_1.0.0/${f}`), 'README.txt', 'publish.xml'].sort(),
    );
    for (const [name, data] of entries) expect(data.equals(readFileSync(join(offline, name)))).toBe(true);
    expect(entries.get('README.txt')!.toString('utf8')).toContain('%APPDATA%\\kingsoft\\wps\\jsaddons\\');
    const unzip = spawnSync('unzip', ['-tq', join(offline, 'jixiao-wps-offline.zip')], { encoding: 'utf8' });
    if (!unzip.error) expect(unzip.status).toBe(0); // where Info-ZIP is installed, it agrees (CRCs included)
  });

  test('WPS_ADDIN_URL and WPS_ADDIN_VERSION move the add-in and rename the offline folder', () => {
    const other = mkdtempSync(join(tmpdir(), 'jixiao-wps-'));
    try {
      execFileSync(process.execPath, [SCRIPT, '--out', other], {
        env: {
          ...process.env,
          ADDIN_BASE_URL: BASE,
          WPS_ADDIN_URL: 'https://wps.example.gov.cn/addins/jixiao/index.html',
          WPS_ADDIN_VERSION: '1.2.0',
        },
        stdio: 'pipe',
      });
      expect(readFileSync(join(other, 'online', 'jsplugins.xml'), 'utf8')).toContain(
        'url="https://wps.example.gov.cn/addins/jixiao/"',
      );
      expect(readFileSync(join(other, 'offline', 'publish.xml'), 'utf8')).toContain(
        'url="jixiao_1.2.0" version="1.2.0"',
      );
      expect(existsSync(join(other, 'offline', 'jixiao_1.2.0', 'ribbon.xml'))).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('build-wps refuses, with a reason and exit status 1', () => {
  function run(env: Record<string, string>, args: string[] = []) {
    return spawnSync(process.execPath, [SCRIPT, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
  }

  test('a base that is not https', () => {
    const r = run({ ADDIN_BASE_URL: 'http://addin.example.gov.cn/jixiao/' }, [
      '--out',
      join(tmpdir(), 'jixiao-wps-never'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ADDIN_BASE_URL');
    expect(r.stderr).toContain('https');
  });

  test('a missing pane build', () => {
    const r = run({ ADDIN_BASE_URL: BASE }, [
      '--out',
      join(tmpdir(), 'jixiao-wps-never'),
      '--web',
      join(tmpdir(), 'no-such-web-dir'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('taskpane.html is missing');
  });

  describe('a broken ribbon.xml', () => {
    let src: string;
    let web: string;
    beforeEach(() => {
      src = mkdtempSync(join(tmpdir(), 'jixiao-wps-src-'));
      cpSync(join(ROOT, 'wps'), src, { recursive: true });
      web = mkdtempSync(join(tmpdir(), 'jixiao-wps-web-'));
      writeFileSync(join(web, 'taskpane.html'), '<!doctype html>');
    });
    afterEach(() => {
      rmSync(src, { recursive: true, force: true });
      rmSync(web, { recursive: true, force: true });
    });
    const ribbon = () => readFileSync(join(src, 'ribbon.xml'), 'utf8');
    const build = () =>
      run({ ADDIN_BASE_URL: BASE }, ['--src', src, '--web', web, '--out', join(web, 'out')]);

    test('with an XML declaration', () => {
      writeFileSync(join(src, 'ribbon.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n${ribbon()}`);
      const r = build();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('XML declaration');
      expect(existsSync(join(web, 'out'))).toBe(false);
    });

    test('not well-formed', () => {
      writeFileSync(join(src, 'ribbon.xml'), ribbon().replace('</group>', '</grop>'));
      const r = build();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('ribbon.xml is not well-formed XML');
    });

    test('naming a callback main.js does not define', () => {
      writeFileSync(join(src, 'ribbon.xml'), ribbon().replace('getImage="GetImage"', 'getImage="GetIcon"'));
      const r = build();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('GetIcon');
    });

    test('but the unbroken sources build', () => {
      const r = build();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });
});
