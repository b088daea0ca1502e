#!/usr/bin/env node
// @ts-check
'use strict';
// The CLI is compiled to dist/ by `npm install` (prepare) or `npm run build:cli`.
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`jixiao: ${err && err.message ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
