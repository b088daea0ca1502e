import { spawn, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { builtinPackage, type FormPackage } from '../../src/forms';
import { packageWorkbook } from '../../src/io/formPackage';
import { FormList, canonicalJson } from '../../src/submit/protocol';
import { sha256Text } from '../../src/server/tokens';
import { DIALECTS, createTestDb, get, type TestDb } from '../server/helpers';
import { BIN } from '../support/paths';

const WUXI = 'wuxi-2021-project';

function wuxi(change: (p: FormPackage) => void = () => undefined): FormPackage {
  const p = structuredClone(builtinPackage('jiangyin-2020-project')!);
  p.settings.form_id = WUXI;
  p.settings.title = '无锡市市级财政支出项目绩效目标申报表';
  p.settings.match = undefined;
  change(p);
  return p;
}

function env(db: TestDb): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', ...db.cli.env };
  if (!db.cli.env.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

function run(db: TestDb, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, ...db.cli.args], { encoding: 'utf8', env: env(db) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.each(DIALECTS)('jixiao form publish on %s', (dialect) => {
  let db: TestDb;
  let dir: string;
  const file = (name: string) => join(dir, name);
  const rows = () =>
    db.query<{ id: string; version: number; sha256: string }>(
      `SELECT id, version, sha256 FROM forms WHERE id = '${WUXI}' ORDER BY version`,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect);
    dir = mkdtempSync(join(tmpdir(), 'jixiao-publish-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  test('publishes a package, stores its canonical JSON; the same again is unchanged', async () => {
    writeFileSync(file('wuxi.json'), JSON.stringify(wuxi(), null, 2));
    const r = run(db, 'form', 'publish', file('wuxi.json'));
    expect(r).toMatchObject({ code: 0, out: `published ${WUXI} v1 (${file('wuxi.json')})\n` });
    expect(r.err).toMatch(dialect === 'sqlite' ? /in SQLite / : /in PostgreSQL /);
    const [row] = await rows();
    expect(row).toMatchObject({ id: WUXI, sha256: sha256Text(canonicalJson(wuxi())) });
    const stored = await db.query<{ package: string; published_at: string }>(
      'SELECT package, published_at FROM forms',
    );
    expect(stored[0].package).toBe(canonicalJson(wuxi()));
    expect(Date.parse(stored[0].published_at)).not.toBeNaN();

    const again = run(db, 'form', 'publish', file('wuxi.json'));
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`^unchanged ${WUXI} v1: published .* with the same content`));
  });

  test('a changed published version is refused (exit 1), and nothing of the batch is stored', async () => {
    mkdirSync(file('batch'));
    writeFileSync(file('batch/a-v2.json'), JSON.stringify(wuxi((p) => (p.settings.version = 2))));
    writeFileSync(file('batch/b-v1.json'), JSON.stringify(wuxi((p) => (p.settings.description = 'edited'))));
    const r = run(db, 'form', 'publish', file('batch'));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/nothing was published/);
    expect(r.err).toMatch(/b-v1\.json: wuxi-2021-project version 1 was published on .* with other content/);
    expect(r.err).toMatch(/new version \(settings\.version\)/);
    expect(await rows()).toHaveLength(1);

    rmSync(file('batch/b-v1.json'));
    expect(run(db, 'form', 'publish', file('batch'))).toMatchObject({
      code: 0,
      out: expect.stringContaining('published wuxi-2021-project v2'),
    });
    expect((await rows()).map((x) => Number(x.version))).toEqual([1, 2]);
  });

  test('a built-in as `form export` writes it may be published: the same id, version and bytes', async () => {
    const exported = spawnSync(process.execPath, [
      BIN,
      'form',
      'export',
      'jiangyin-2020-project',
      '-o',
      file('jy.json'),
    ]);
    expect(exported.status).toBe(0);
    const r = run(db, 'form', 'publish', file('jy.json'));
    expect(r).toMatchObject({ code: 0, out: `published jiangyin-2020-project v1 (${file('jy.json')})\n` });
    await db
      .query("SELECT 1 FROM forms WHERE id = 'jiangyin-2020-project'")
      .then((x) => expect(x).toHaveLength(1));
  });

  test('a broken package: each problem at its cell, exit 2, nothing stored', async () => {
    const broken = wuxi((p) => {
      p.settings.version = 3;
      (p.fields[2] as { kind: string }).kind = 'bogus';
    });
    const wb = packageWorkbook(broken);
    await wb.xlsx.writeFile(file('broken.xlsx'));
    writeFileSync(file('v3.json'), JSON.stringify(wuxi((p) => (p.settings.version = 3))));
    const r = run(db, 'form', 'publish', file('v3.json'), file('broken.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file('broken.xlsx')}: not a valid form package`);
    // fields row 4 of the sheet: the header, then data rows 0, 1, 2
    expect(r.err).toMatch(/ {2}fields!A4: /);
    expect(await rows()).toHaveLength(2);

    expect(run(db, 'form', 'publish').code).toBe(2);
    const missing = run(db, 'form', 'publish', file('nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.json: file not found/);
  });

  test('serve --forms DIR publishes at start; a broken folder stops the start (exit 2)', async () => {
    mkdirSync(file('served'));
    writeFileSync(file('served/v4.json'), JSON.stringify(wuxi((p) => (p.settings.version = 4))));
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--forms', file('served'), ...db.cli.args],
      {
        env: env(db),
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const { items } = FormList.parse((await get(url, null, '/api/v1/forms')).json());
      expect(items.find((f) => f.id === WUXI)).toMatchObject({
        version: 4,
        versions: [1, 2, 4],
        source: 'endpoint',
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }

    const broken = wuxi((p) => {
      p.settings.version = 5;
      (p.fields[2] as { kind: string }).kind = 'bogus';
    });
    writeFileSync(file('served/v5.json'), JSON.stringify(broken));
    const r = run(db, 'serve', '--port', '0', '--forms', file('served'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`v5.json: not a valid form package`);
    expect(r.err).toMatch(/ {2}fields\[2\]\.kind: /);
    expect(r.out).not.toMatch(/listening/);
    expect((await rows()).map((x) => Number(x.version))).toEqual([1, 2, 4]);
  });
});

test('--help lists form publish and serve --forms', () => {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  expect(r.stdout).toMatch(/jixiao form publish PATH\.\.\. \[--db FILE\]/);
  expect(r.stdout).toMatch(/\[--forms DIR\] \[--require-form\]/);
});
