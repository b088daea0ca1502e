import { spawn } from 'child_process';
import { get as httpGet } from 'http';
import { get } from 'https';
import { join } from 'path';
import { ROOT } from '../support/paths';

// The README's main job: `npm start` serves the add-in on https://localhost:3000 and says where it is.
test('npm start serves the task pane and the preview page on https://localhost:3000', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
    cwd: ROOT,
    env: { ...process.env, JIXIAO_NO_SIDELOAD: '1' },
    // the endpoint's SQLite file goes under ./data, as a user's would
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const deadline = Date.now() + 100_000;
    while (!out.includes('being served') && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 500));
    expect(out).toContain('https://localhost:3000/preview.html');
    expect(out).toContain('manifest.xml');
    const fetch = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) =>
        get(`https://localhost:3000${path}`, { rejectUnauthorized: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject),
      );
    const pane = await fetch('/taskpane.html');
    expect(pane.status).toBe(200);
    expect(pane.body).toContain('appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect((await fetch('/preview.html')).status).toBe(200);
    // the dialog the ribbon's 插入行 opens, next to the commands page
    expect((await fetch('/notice.html')).body).toContain(
      'appsforoffice.microsoft.com/lib/1/hosted/office.js',
    );
    expect((await fetch('/manifest.xml')).body).toContain('https://localhost:3000/taskpane.html');
    // and the local endpoint the pane submits to
    expect(out).toContain('http://127.0.0.1:8787');
    const health = await new Promise<number>((resolve, reject) =>
      httpGet('http://127.0.0.1:8787/healthz', (res) => resolve(res.statusCode ?? 0)).on('error', reject),
    );
    expect(health).toBe(200);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
});
