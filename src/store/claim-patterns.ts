// Claim patterns: paths or globs relative to a project root ("src/auth/**", "src/billing.ts",
// "docs/"). Pure functions: normalising what an agent typed, matching a file, and telling
// whether two patterns may cover the same file.
import { IntercomError } from '../core/errors.ts';
import { normalizePath } from '../core/paths.ts';

const GLOB_CHARS = /[*?[\]{}]/;
export const MAX_PATTERN_LENGTH = 200;

/** Repo-relative, "/"-separated, no "." or ".." segments; a folder ("src/auth/") means everything in it. */
export function normalizePattern(input: string, projectRoot: string): string {
  let pattern = input.trim();
  if (pattern === '' || pattern.length > MAX_PATTERN_LENGTH) {
    throw new IntercomError('BAD_INPUT', `claim patterns must be 1-${MAX_PATTERN_LENGTH} characters, e.g. "src/auth/**"`);
  }
  if (pattern.startsWith('/')) {
    const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`;
    if (!pattern.startsWith(root)) {
      throw new IntercomError(
        'BAD_INPUT',
        `"${input}" is outside your project (${projectRoot}); claim paths relative to it, e.g. "src/auth/**"`,
      );
    }
    pattern = pattern.slice(root.length);
  }
  const folder = pattern.endsWith('/');
  if (pattern.split('/').some((segment) => segment === '..')) {
    throw new IntercomError('BAD_INPUT', `"${input}" climbs out of the project with ".."; claim paths inside it`);
  }
  pattern = normalizePath(pattern);
  if (pattern === '.' || pattern === '') return '**';
  return folder ? `${pattern}/**` : pattern;
}

/** Does `pattern` cover the file at `relativePath` (relative to the same root)? */
export function patternMatches(pattern: string, relativePath: string): boolean {
  if (pattern === relativePath) return true;
  if (!GLOB_CHARS.test(pattern)) return relativePath.startsWith(`${pattern}/`); // a folder path
  return new Bun.Glob(pattern).match(relativePath);
}

/** The part of a pattern before its first glob character: the folder it cannot leave. */
function staticPrefix(pattern: string): string {
  const i = pattern.search(GLOB_CHARS);
  return i < 0 ? pattern : pattern.slice(0, i);
}

/** Could two patterns cover a common file? Exact for plain paths, conservative for two globs. */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const aGlob = GLOB_CHARS.test(a);
  const bGlob = GLOB_CHARS.test(b);
  if (!aGlob) return patternMatches(b, a) || patternMatches(a, b);
  if (!bGlob) return patternMatches(a, b);
  const pa = staticPrefix(a);
  const pb = staticPrefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

/**
 * A pattern split at its last plain folder: "src/auth/**" → { dir: "src/auth", rest: "**" },
 * "src/*.ts" → { dir: "src", rest: "*.ts" }, a plain path "src/billing.ts" → { dir: "src/billing.ts",
 * rest: "" } (that path, or anything under it). The edit guard resolves `dir` to its real path, so
 * a claimed folder reached through a symlink is still recognised.
 */
export function patternBase(pattern: string): { dir: string; rest: string } {
  const i = pattern.search(GLOB_CHARS);
  if (i < 0) return { dir: pattern, rest: '' };
  const slash = pattern.lastIndexOf('/', i);
  return slash < 0 ? { dir: '', rest: pattern } : { dir: pattern.slice(0, slash), rest: pattern.slice(slash + 1) };
}

/** Does a pattern's `rest` (from patternBase) cover `file`, given the real path of its `dir`? */
export function baseMatches(realDir: string, rest: string, file: string): boolean {
  if (rest === '') return file === realDir || file.startsWith(realDir === '/' ? '/' : `${realDir}/`);
  const rel = relativeInside(realDir, file);
  return rel !== undefined && new Bun.Glob(rest).match(rel);
}

/** The file's path relative to `root`, or undefined when it lies outside. */
export function relativeInside(root: string, file: string): string | undefined {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  const normal = normalizePath(file);
  return normal.startsWith(prefix) ? normal.slice(prefix.length) : undefined;
}
