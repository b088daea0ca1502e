import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkDeclaration } from '../../src/app/check';
import { checkFile } from '../../src/io/check';
import { loadForSubmit } from '../../src/cli/submit';
import { Problem } from '../../src/submit/protocol';
import {
  LAOTING,
  createTestDb,
  laoting,
  post,
  startTestServer,
  tokenFor,
  type TestDb,
  type TestServer,
} from '../server/helpers';

/**
 * One path from a model to its findings: `jixiao validate MODEL.json`, `jixiao submit`'s own check before
 * sending, and the endpoint's 422 must report the same findings at the same cells.
 */
describe('checkDeclaration is the one check path for a model', () => {
  let dir: string;
  let db: TestDb;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
    db = await createTestDb('sqlite');
    server = await startTestServer(await db.open());
    token = (await tokenFor(server.store, LAOTING)).token;
  });
  afterAll(async () => {
    await server.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI, submit and the endpoint agree on a broken 乐亭 project', async () => {
    const decl = laoting(1);
    if (decl.kind !== 'project') throw new Error('laoting 1 is a project');
    // 其中：财政资金 3.00 becomes 2.5: 预算数 is no longer 财政资金 + 其他资金.
    decl.fiscalAmount = 2.5;
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(decl));

    const direct = checkDeclaration(decl).findings;
    const errors = direct.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // Placed on the cells of the layout, not left at a model path only.
    for (const f of errors) expect(f.cell).toMatch(/^[A-Z]+\d+$/);

    const [cli] = await checkFile(file);
    expect(cli.findings).toEqual(direct);

    const [loaded] = await loadForSubmit(file);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.findings).toEqual(direct);

    const res = await post(server.url, token, decl);
    expect(res.status).toBe(422);
    expect(Problem.parse(res.json()).findings).toEqual(direct);
  });
});
