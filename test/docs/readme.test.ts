import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { main } from '../../src/cli/main';
import { findingsDocument } from '../../src/rules/catalogDoc';
import { ROOT } from '../support/paths';

// The documentation follows the code: the generated catalogue, the README's size, its links, its synopsis.

const README = join(ROOT, 'README.md');
const DOCS_INDEX = join(ROOT, 'docs', 'README.md');
const read = (file: string) => readFileSync(file, 'utf8');

test('docs/findings.md is the catalogue the rules generate (npm run catalog)', () => {
  expect(read(join(ROOT, 'docs', 'findings.md'))).toBe(findingsDocument());
});

test('the README’s quick start is the two commands, and names the test command', () => {
  const readme = read(README);
  expect(readme).toMatch(/npm (install|ci)/);
  expect(readme).toMatch(/npm test/);
});

test('the README is at most 8,000 characters', () => {
  expect([...read(README)].length).toBeLessThanOrEqual(8000);
});

/** Relative link and image targets in a Markdown file, outside code blocks and code spans. */
function localLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

const MARKDOWN = [
  ['README.md', README],
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => [`docs/${name}`, join(ROOT, 'docs', name)]),
];

test('docs/README.md indexes every page in docs/', () => {
  const indexed = new Set(localLinks(read(DOCS_INDEX)).map((target) => target.split('#')[0]));
  const pages = MARKDOWN.map(([name]) => name)
    .filter((name) => name.startsWith('docs/') && name !== 'docs/README.md')
    .map((name) => name.slice('docs/'.length));
  expect(pages.filter((page) => !indexed.has(page))).toEqual([]);
});

test.each(MARKDOWN)('every link in %s points to a file that exists', (_name, file) => {
  const links = localLinks(read(file));
  const missing = links.filter((target) => {
    const path = decodeURIComponent(target.split('#')[0]);
    return !existsSync(resolve(dirname(file), path));
  });
  expect(missing).toEqual([]);
});

test('the README’s command-line synopsis is the usage of `jixiao --help`', async () => {
  let help = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    help += chunk.toString();
    return true;
  });
  try {
    expect(await main(['--help'])).toBe(0);
  } finally {
    write.mockRestore();
  }
  const usage = help
    .split('\n')
    .filter((line) => line.startsWith('  jixiao '))
    .map((line) => line.trim());
  expect(usage.length).toBeGreaterThan(0);
  // The synopsis is the fenced block whose every line is a jixiao command.
  const blocks = [...read(README).matchAll(/```[a-z]*\n([\s\S]*?)```/g)]
    .map((m) => m[1].trim().split('\n'))
    .filter((lines) => lines.every((line) => line.startsWith('jixiao ')));
  expect(blocks).toEqual([usage]);
});
