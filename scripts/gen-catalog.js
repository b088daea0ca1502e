#!/usr/bin/env node
// @ts-check
// Rewrites the findings catalogue in README.md from the rules' own catalogue.
'use strict';
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');
const { catalogMarkdown, CATALOG_BEGIN, CATALOG_END } = require('../dist/rules/catalogDoc');

const file = join(__dirname, '..', 'README.md');
const text = readFileSync(file, 'utf8');
const a = text.indexOf(CATALOG_BEGIN);
const b = text.indexOf(CATALOG_END);
if (a < 0 || b < 0) throw new Error('README.md has no catalogue markers');
writeFileSync(file, `${text.slice(0, a + CATALOG_BEGIN.length)}\n${catalogMarkdown()}\n${text.slice(b)}`);
console.log('README.md catalogue updated');
