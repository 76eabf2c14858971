// DESIGN.md §4: core ← store ← {mcp, hooks, cli} ← bin. Front-ends never import each other,
// and only the entry point reads process.env / process.argv.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from './helpers/paths.ts';

const SRC = join(REPO, 'src');
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  store: ['core', 'store'],
  mcp: ['core', 'store', 'mcp'],
  hooks: ['core', 'store', 'hooks'],
  cli: ['core', 'store', 'cli'],
  bin: ['core', 'store', 'mcp', 'hooks', 'cli', 'bin'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Static and dynamic import specifiers of a file. */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0]!;
/** Source text without comments, so prose about process.env does not count as reading it. */
const codeOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
const files = sourceFiles(SRC);

describe('import layers', () => {
  test('every source file sits in a known layer', () => {
    for (const file of files) expect(Object.keys(ALLOWED)).toContain(layerOf(file));
  });

  test.each(files.map((f) => [relative(REPO, f), f]))('%s imports only from allowed layers', (_name, file) => {
    const from = layerOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC)) continue; // package.json for the version
      expect(`${from} -> ${layerOf(target)} (${spec})`).toBe(
        ALLOWED[from]!.includes(layerOf(target)) ? `${from} -> ${layerOf(target)} (${spec})` : 'a permitted import',
      );
    }
  });

  test('only src/bin reads process.env or process.argv', () => {
    const offenders = files.filter((f) => layerOf(f) !== 'bin' && /process\.(env|argv)\b/.test(codeOf(f)));
    expect(offenders.map((f) => relative(REPO, f))).toEqual([]);
  });

  test('the checker sees a forbidden import when there is one', () => {
    expect(importsOf("import { x } from '../cli/main.ts';\nconst y = await import('../mcp/server.ts');")).toEqual([
      '../cli/main.ts',
      '../mcp/server.ts',
    ]);
  });
});
