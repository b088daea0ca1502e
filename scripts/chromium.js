// @ts-check
// Debian's Chromium as every headless use here launches it (tests, bench, icons): root in a sandbox,
// no network but loopback, so no sandbox and no background connections (they fail here, many at a time).
'use strict';
// Checked against chromium.d.ts, the declarations TypeScript callers (the tests) compile against.
module.exports = /** @satisfies {typeof import('./chromium')} */ ({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
