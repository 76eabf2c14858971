import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dir, '..', '..');
export const ENTRY = join(REPO, 'src', 'bin', 'intercom.ts');
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** The bun running the tests; spawned processes use the same one. */
export const BUN = process.execPath;
