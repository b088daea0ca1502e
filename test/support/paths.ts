import { join } from 'path';

/** The project's root, wherever a test file sits: tests name files from here, never by `../..` counting. */
export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'jixiao.js');
export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'seeds');
export const SHARED = join(ROOT, '..', 'shared');
