import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { join, relative, sep } from 'path';
import * as ts from 'typescript';
import { ROOT } from '../support/paths';

// The core's boundary is enforced by `npm run lint` twice over: ESLint refuses imports of hosts, UI,
// server, CLI, I/O and Node in the core's files (eslint.config.mjs), and tsconfig.core.json type-checks
// the core without DOM or Node types, so a Node or browser global does not compile there.

interface LintMessage {
  ruleId: string | null;
  message: string;
}
interface LintCase {
  filePath: string;
  code: string;
}

const BOUNDARY_RULE = '@typescript-eslint/no-restricted-imports';

/**
 * ESLint's Node API in a child process: it loads eslint.config.mjs with import(), which Jest's module
 * sandbox does not allow. Returns each case's messages, and which of `files` ESLint treats as core.
 */
function eslint(cases: LintCase[], files: string[] = []): { messages: LintMessage[][]; core: string[] } {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const { cases, files } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const eslint = new ESLint({ cwd: process.cwd() });
      const messages = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
        messages.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
      }
      const core = [];
      for (const f of files) {
        const config = await eslint.calculateConfigForFile(f);
        const rule = config && config.rules && config.rules[${JSON.stringify(BOUNDARY_RULE)}];
        if (rule && rule[0] === 2) core.push(f);
      }
      process.stdout.write(JSON.stringify({ messages, core }));
    })().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  `;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify({ cases, files }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`eslint failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { messages: LintMessage[][]; core: string[] };
}

const refused = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === BOUNDARY_RULE);

describe('ESLint: the core imports nothing from hosts, UI, server, CLI, I/O or Node', () => {
  const code = [
    "import type { Host } from '../hosts/types';",
    "import { readFileSync } from 'fs';",
    'export type { Host };',
    'export const read = readFileSync;',
    '',
  ].join('\n');

  const FORBIDDEN = [
    'fs',
    'node:fs',
    'fs/promises',
    'path',
    'crypto',
    'worker_threads',
    'node:test',
    '../hosts',
    '../hosts/excel/host',
    '../taskpane/App',
    '../preview',
    '../commands/commands',
    '../server/app',
    '../cli/main',
    '../io/xlsx',
    '../submit/protocol',
    '../app/check',
    '../../app/session',
    'exceljs',
    'react',
    'react/jsx-runtime',
    '@fluentui/react-components',
    'fastify',
    'pg',
    'better-sqlite3',
  ];
  const ALLOWED = ['zod', '../model', '../targets', './util', '../rules/draft'];
  const importOf = (spec: string) => `import * as m from '${spec}';\nexport { m };\n`;

  let results: LintMessage[][];
  const cases: LintCase[] = [
    { filePath: 'src/rules/x.ts', code },
    { filePath: 'src/app/x.ts', code },
    { filePath: 'src/forms/x.ts', code },
    { filePath: 'src/core.ts', code: `${code}import './hosts/types';\n` },
    ...FORBIDDEN.map((spec) => ({ filePath: 'src/layouts/x.ts', code: importOf(spec) })),
    ...ALLOWED.map((spec) => ({ filePath: 'src/layouts/x.ts', code: importOf(spec) })),
    { filePath: 'src/model/x.ts', code: "export const load = () => import('../hosts/types');\n" },
  ];
  beforeAll(() => {
    results = eslint(cases).messages;
  });
  const at = (i: number) => results[i];
  const by = (filePath: string, c: string) =>
    at(cases.findIndex((x) => x.filePath === filePath && x.code === c));

  test("a core file importing '../hosts/types' and 'fs' is refused", () => {
    const messages = refused(by('src/rules/x.ts', code));
    expect(messages).toHaveLength(2);
    expect(messages[0].message).toMatch(/'\.\.\/hosts\/types'.*The core/);
    expect(messages[1].message).toMatch(/'fs'.*The core/);
  });

  test('the same imports from src/app, the layer above the core, are accepted', () => {
    expect(by('src/app/x.ts', code)).toEqual([]);
  });

  test('src/forms and the barrel src/core.ts are core too', () => {
    expect(refused(by('src/forms/x.ts', code))).toHaveLength(2);
    expect(refused(by('src/core.ts', `${code}import './hosts/types';\n`))).toHaveLength(3);
  });

  test.each(FORBIDDEN)('the core may not import %s', (spec) => {
    expect(refused(by('src/layouts/x.ts', importOf(spec)))).toHaveLength(1);
  });

  test.each(ALLOWED)('the core may import %s', (spec) => {
    expect(by('src/layouts/x.ts', importOf(spec))).toEqual([]);
  });

  test('nor load anything with a dynamic import()', () => {
    const messages = at(cases.length - 1);
    expect(messages.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
  });
});

describe('tsconfig.core.json: the core compiles without DOM or Node', () => {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.core.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('tsconfig.core.json did not parse');

  /** Diagnostics of one source file compiled as src/rules/<probe> under the given options. */
  function compile(code: string, options: ts.CompilerOptions): string[] {
    const probe = join(ROOT, 'src', 'rules', '__boundary_probe__.ts');
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (file, language, ...rest) =>
      file === probe ? ts.createSourceFile(file, code, language) : getSourceFile(file, language, ...rest);
    host.fileExists = (file) => file === probe || fileExists(file);
    host.readFile = (file) => (file === probe ? code : readFile(file));
    const program = ts.createProgram({ rootNames: [probe], options: { ...options, noEmit: true }, host });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  const NODE_AND_DOM = [
    "import { readFileSync } from 'fs';",
    'export const read = readFileSync;',
    'export const env = process.env.JIXIAO_LANG;',
    "export const bytes = Buffer.from('绩效');",
    'export const body = document.body;',
    'export const encoded = new TextEncoder();',
    "console.log('x');",
    '',
  ].join('\n');

  test('Node and browser globals and modules are refused', () => {
    const errors = compile(NODE_AND_DOM, config.options);
    for (const name of ["'fs'", "'process'", "'Buffer'", "'document'", "'TextEncoder'", "'console'"]) {
      expect(errors.some((e) => e.includes(name))).toBe(true);
    }
  });

  test('the same code compiles with tsconfig.json, which has DOM and Node: the difference is the core', () => {
    const all = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    if (!all) throw new Error('tsconfig.json did not parse');
    expect(all.options.lib).toContain('lib.dom.d.ts');
    expect(all.options.types).toContain('node');
    // only Node's types: Office.js's and Jest's would take seconds to load and change nothing here
    expect(compile(NODE_AND_DOM, { ...all.options, types: ['node'] })).toEqual([]);
  });

  test('the core itself compiles: the model, zod and ES2022', () => {
    const code = [
      "import { z } from 'zod';",
      "import { Declaration } from '../model';",
      'export const Year = z.number().int();',
      'export const kinds = (d: Declaration[]) => new Set(d.map((x) => x.kind));',
      "export const last = ['a', 'b'].at(-1)?.padStart(2);",
      '',
    ].join('\n');
    expect(compile(code, config.options)).toEqual([]);
  });

  test("ESLint's core and tsconfig.core.json's files are the same", () => {
    const all = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? all(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const rel = (f: string) => relative(ROOT, f).split(sep).join('/');
    const src = all(join(ROOT, 'src')).map(rel);
    const byTsc = config.fileNames.map(rel).sort();
    const byEslint = eslint([], src).core.sort();
    expect(byTsc).toContain('src/core.ts');
    expect(byTsc).toContain('src/rules/validate.ts');
    expect(byEslint).toEqual(byTsc);
  });
});
