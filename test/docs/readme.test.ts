import { readFileSync } from 'fs';
import { join } from 'path';
import { CATALOG_BEGIN, CATALOG_END, catalogMarkdown } from '../../src/rules/catalogDoc';
import { ROOT } from '../support/paths';

test('the README’s findings catalogue is the one the rules generate (npm run catalog)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme
    .slice(readme.indexOf(CATALOG_BEGIN) + CATALOG_BEGIN.length, readme.indexOf(CATALOG_END))
    .trim();
  expect(section).toBe(catalogMarkdown());
});

test('the README’s quick start is the two commands, and names the test command', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toMatch(/npm install/);
  expect(readme).toMatch(/npm test/);
});
