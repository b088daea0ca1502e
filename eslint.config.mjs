import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The host-independent core (src/core.ts is its barrel). tsconfig.core.json type-checks the same folders
 * without DOM or Node types; test/scripts/boundaries.test.ts keeps the two lists in step. A folder that
 * does not exist yet (src/forms) matches nothing.
 */
const CORE_FOLDERS = ['model', 'targets', 'profiles', 'layouts', 'rules', 'forms'];
const CORE = ['src/core.ts', `src/{${CORE_FOLDERS.join(',')}}/**/*.{ts,tsx}`];

/** The layers outside the core, as folders of src/: hosts, UI, server, CLI, I/O, and src/app above the core. */
const OUTSIDE_CORE = [
  'hosts',
  'taskpane',
  'preview',
  'review',
  'commands',
  'server',
  'cli',
  'io',
  'submit',
  'app',
];
/** Packages of a host, the UI, the server or files (zod, the model's schemas, is allowed). */
const HOST_PACKAGES = [
  'exceljs',
  'react',
  'react-dom',
  '@fluentui/[^/]+',
  'fastify',
  '@fastify/[^/]+',
  'pg',
  'better-sqlite3',
];
const CORE_MESSAGE =
  'The core (model, targets, profiles, layouts, rules, forms) runs in the task pane, the CLI and the server alike: ' +
  'it imports nothing from hosts, UI, server, CLI, I/O or Node. Put this code in src/app or further out.';

/** Node's own globals (those of the Node running ESLint) and CommonJS's, for the scripts that run under Node. */
const NODE_GLOBALS = Object.fromEntries(
  [...Object.getOwnPropertyNames(globalThis), 'require', 'module', 'exports', '__dirname', '__filename'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-out/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'jixiao/core-boundary',
    files: CORE,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: CORE_MESSAGE })),
          patterns: [
            { regex: '^node:', message: CORE_MESSAGE },
            { regex: `^(\\.\\.?/)+(${OUTSIDE_CORE.join('|')})(/|$)`, message: CORE_MESSAGE },
            { regex: `^(${HOST_PACKAGES.join('|')})(/|$)`, message: CORE_MESSAGE },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: `No dynamic import() in the core. ${CORE_MESSAGE}` },
        {
          selector: "CallExpression[callee.name='require']",
          message: `No require() in the core. ${CORE_MESSAGE}`,
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    // Node scripts, CommonJS: scripts/, bench/, bin/ and the tool configs. tsconfig.scripts.json type-checks them.
    files: ['**/*.js'],
    ignores: ['wps/**'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    // The WPS add-in's own scripts: ES5 for WPS's embedded browser, loaded by <script> tags.
    files: ['wps/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: { window: 'readonly' } },
    rules: {
      // WPS calls the top-level functions by the names ribbon.xml gives, with its arguments; ES5 needs catch (e).
      'no-unused-vars': ['error', { vars: 'local', args: 'none', caughtErrors: 'none' }],
    },
  },
  prettier,
);
