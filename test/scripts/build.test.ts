import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkManifest } from '../../scripts/manifest';
import { ROOT } from '../support/paths';

// A production build for an intranet host: every manifest URL at ADDIN_BASE_URL, Office.js served locally,
// the bureau's endpoint preset.
test('ADDIN_BASE_URL, OFFICE_JS=local and ADDIN_ENDPOINT_URL shape the production build', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-build-'));
  const base = 'https://addin.example.gov.cn/jixiao/';
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--mode',
        'production',
        '--output-path',
        out,
        '--no-devtool',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ADDIN_BASE_URL: base,
          OFFICE_JS: 'local',
          ADDIN_ENDPOINT_URL: 'https://jixiao.example.gov.cn/czj',
        },
        stdio: 'pipe',
      },
    );
    const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    expect(checkManifest(manifest, base, { assetsDir: join(out, 'assets') })).toEqual([]);
    const pane = readFileSync(join(out, 'taskpane.html'), 'utf8');
    expect(pane).not.toContain('appsforoffice.microsoft.com');
    expect(pane).toMatch(/src="?office-js\/office\.js/);
    expect(existsSync(join(out, 'office-js', 'office.js'))).toBe(true);
    // The ribbon's notice dialog loads the same local copy, and its CSP then allows scripts from here only.
    const notice = readFileSync(join(out, 'notice.html'), 'utf8');
    expect(notice).toMatch(/src="?office-js\/office\.js/);
    expect(notice).toContain("script-src 'self';");
    expect(notice).not.toContain('appsforoffice.microsoft.com');
    expect(existsSync(join(out, 'index.html'))).toBe(true); // the manifest's SupportUrl
    // The pane starts with the bureau's endpoint filled in.
    expect(readFileSync(join(out, 'taskpane.js'), 'utf8')).toContain('"https://jixiao.example.gov.cn/czj"');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
