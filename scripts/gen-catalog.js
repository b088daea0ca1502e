#!/usr/bin/env node
// @ts-check
// Writes docs/findings.md, the findings catalogue, from the rules' own catalogue (src/rules/catalog.ts).
'use strict';
const { writeFileSync } = require('fs');
const { join } = require('path');
const { findingsDocument } = require('../dist/rules/catalogDoc');

const file = join(__dirname, '..', 'docs', 'findings.md');
writeFileSync(file, findingsDocument());
console.log('docs/findings.md written');
