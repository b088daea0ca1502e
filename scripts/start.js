#!/usr/bin/env node
// @ts-check
// `npm start`: serve the add-in on https://localhost:3000 (webpack dev server, office-addin-dev-certs).
// Where desktop Excel exists (Windows, macOS) it also sideloads manifest.xml with Microsoft's
// office-addin-debugging; elsewhere it says how to upload the manifest to Excel on the web and where
// the browser preview is.
const { spawn } = require('child_process');
const https = require('https');
const path = require('path');

const root = path.resolve(__dirname, '..');
const desktop = process.platform === 'win32' || process.platform === 'darwin';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** @type {import('child_process').ChildProcess[]} */
const children = [];

/**
 * @param {string} cmd
 * @param {string[]} args
 */
function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  children.push(child);
  child.on('exit', (code) => {
    if (code) process.exitCode = code;
  });
  return child;
}

// The local endpoint the pane submits to (SQLite in ./data/jixiao.db; CORS allows the dev server).
if (!process.env.JIXIAO_NO_ENDPOINT) {
  run(process.execPath, [
    path.join(root, 'bin', 'jixiao.js'),
    'serve',
    '--port',
    process.env.JIXIAO_PORT || '8787',
  ]);
}

if (desktop && !process.env.JIXIAO_NO_SIDELOAD) {
  // office-addin-debugging starts the dev server itself (the manifest's "dev-server" script) and
  // sideloads the add-in into desktop Excel. It is fetched on demand: its dependency tree includes native
  // keychain modules that only build on Windows and macOS.
  run(npx, ['--yes', 'office-addin-debugging@6', 'start', 'manifest.xml', 'desktop', '--app', 'excel']);
} else {
  const server = run(npx, ['webpack', 'serve', '--mode', 'development']);
  let up = false;
  server.on('exit', () => {
    if (!up) console.error('\nThe dev server did not start; see the messages above.');
  });
  // Say where things are once the server answers, not before.
  const poll = setInterval(() => {
    const req = https.get('https://localhost:3000/taskpane.html', { rejectUnauthorized: false }, (res) => {
      res.resume();
      if (up) return;
      up = true;
      clearInterval(poll);
      console.log(
        [
          '',
          '绩效目标申报 add-in is being served on https://localhost:3000',
          '',
          'No desktop Excel on this system. To use the add-in:',
          '  • Excel on the web: open a workbook → Home → Add-ins → More Settings (or My Add-ins) →',
          `    Upload My Add-in → choose ${path.join(root, 'manifest.xml')}`,
          '  • Browser preview (the real task pane against a simulated workbook, no Excel needed):',
          '    https://localhost:3000/preview.html        (English: https://localhost:3000/preview.html?lang=en)',
          '    WPS 表格 simulated: https://localhost:3000/preview.html?host=wps',
          '',
          `Local endpoint for Submit: http://127.0.0.1:${process.env.JIXIAO_PORT || '8787'}`,
          '  a token for the pane\'s settings: npx jixiao token create --unit "单位名称"',
          '',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
    });
    req.on('error', () => undefined);
  }, 1000);
  server.on('exit', () => clearInterval(poll));
}

for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM']))
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
    process.exit(130);
  });
