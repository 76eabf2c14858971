// The folders of src/ and what each may import (src/README.md says why). A folder's list names
// the folders (each exactly: a sub-folder is its own entry) and single files it may import from;
// `types` marks folders a front-end may import types from, never code. Only src/bin reads
// process.env / process.argv.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from './helpers/paths.ts';

const SRC = join(REPO, 'src');
const FRONT_END_TYPES = ['store'];
const DEPS: Record<string, { code: string[]; types?: string[] }> = {
  core: { code: ['core'] },
  claude: { code: ['core', 'claude'] },
  store: { code: ['core', 'store'] },
  intercom: { code: ['core', 'claude', 'store', 'intercom', 'intercom/ask'] },
  'intercom/ask': { code: ['core', 'claude', 'store', 'intercom', 'intercom/ask'] },
  mcp: { code: ['core', 'intercom', 'mcp', 'mcp/tools'], types: FRONT_END_TYPES },
  'mcp/tools': { code: ['core', 'intercom', 'mcp', 'mcp/tools'], types: FRONT_END_TYPES },
  // The PreToolUse fast path reads the store directly: loading intercom/ would cost every tool call;
  // so does its lean mail route (store/quick-mail.ts): opening the whole store would cost ~20 files;
  // and so does the other hooks' lean route (store/quick-hooks.ts), for the same reason, and the
  // armed watcher's lean wait (store/quick-wait.ts).
  hooks: {
    code: ['core', 'intercom', 'hooks', 'store/quick.ts', 'store/quick-mail.ts', 'store/quick-hooks.ts', 'store/quick-wait.ts'],
    types: FRONT_END_TYPES,
  },
  cli: { code: ['core', 'intercom', 'cli', 'cli/commands'], types: FRONT_END_TYPES },
  'cli/commands': {
    code: ['core', 'intercom', 'cli', 'cli/commands', 'cli/dashboard', 'cli/doctor', 'cli/install'],
    types: FRONT_END_TYPES,
  },
  'cli/dashboard': { code: ['core', 'intercom', 'cli/dashboard'], types: FRONT_END_TYPES },
  'cli/doctor': { code: ['core', 'intercom', 'cli/doctor', 'cli/install'], types: [...FRONT_END_TYPES, 'cli'] },
  'cli/install': { code: ['core', 'cli/install'] },
  // The relay bridges the store to NATS (docs/relay.md): the only folder that imports the NATS client.
  relay: { code: ['core', 'intercom', 'relay'], types: FRONT_END_TYPES },
  // bin also reads the hooks' registered environments (the lean wait's, set at its exec).
  bin: { code: ['core', 'claude', 'store', 'intercom', 'mcp', 'hooks', 'cli', 'cli/install/hooks-spec.ts', 'relay', 'bin'] },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Static and dynamic import specifiers of a file, and whether each imports types only. */
export function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const specs: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    specs.push({ spec: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push({ spec: m[1]!, typeOnly: false });
  return specs;
}

/** Whether `from` (a folder of src/) may import `target` (a file of src/), under DEPS. */
export function allowed(from: string, target: string, typeOnly: boolean): boolean {
  const rule = DEPS[from];
  if (!rule) return false;
  const folder = dirname(target);
  const matches = (entries: string[] | undefined) =>
    (entries ?? []).some((e) => e === folder || e === target || (e.endsWith('/') && folder.startsWith(e)));
  return matches(rule.code) || (typeOnly && matches(rule.types?.flatMap((t) => [t, `${t}/`])));
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0]!;
const folderOf = (file: string) => dirname(relative(SRC, file));
/** Source text without comments, so prose about process.env does not count as reading it. */
const codeOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
const files = sourceFiles(SRC);

describe('import layers', () => {
  test('every source folder has its rule', () => {
    for (const file of files) expect(Object.keys(DEPS)).toContain(folderOf(file));
  });

  test.each(files.map((f) => [relative(REPO, f), f]))('%s imports only what its folder may', (_name, file) => {
    const from = folderOf(file);
    for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC)) continue; // package.json for the version
      const to = relative(SRC, target);
      const seen = `${from} -> ${to}${typeOnly ? ' (types)' : ''}`;
      expect(seen).toBe(allowed(from, to, typeOnly) ? seen : 'a permitted import');
    }
  });

  test('only src/bin reads process.env or process.argv', () => {
    const offenders = files.filter((f) => layerOf(f) !== 'bin' && /process\.(env|argv)\b/.test(codeOf(f)));
    expect(offenders.map((f) => relative(REPO, f))).toEqual([]);
  });

  test('the checker sees a forbidden import when there is one', () => {
    const found = importsOf(
      "import { x } from '../cli/main.ts';\nimport type { Y } from '../store/mail.ts';\nconst y = await import('../mcp/server.ts');",
    );
    expect(found).toEqual([
      { spec: '../cli/main.ts', typeOnly: false },
      { spec: '../store/mail.ts', typeOnly: true },
      { spec: '../mcp/server.ts', typeOnly: false },
    ]);
    expect(allowed('hooks', 'cli/main.ts', false)).toBe(false);
    expect(allowed('hooks', 'store/mail.ts', false)).toBe(false);
    expect(allowed('hooks', 'store/mail.ts', true)).toBe(true);
    expect(allowed('hooks', 'store/quick.ts', false)).toBe(true);
    expect(allowed('claude', 'store/layout.ts', true)).toBe(false);
    expect(allowed('cli/dashboard', 'cli/commands/send.ts', false)).toBe(false);
  });
});
