// POSIX path helpers. node:path would do, but importing it costs a hook ~4 ms of start-up in Bun
// (it pulls in Node's argument validators), and a PreToolUse hook has ~10 ms in all. intercom
// runs on Linux and macOS, so "/" is the only separator.

/** Join with "/". Cheap on purpose (it runs for every message); only `normalizePath` resolves "..". */
export function joinPath(...parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    if (out === '') {
      out = part;
      continue;
    }
    // Leading "/"s dropped by hand: a regular expression here costs a hook's start-up (a store
    // layout joins ~30 paths), run as it is without the JIT (hooks-spec.ts HOOK_ENV).
    let start = 0;
    while (part.charCodeAt(start) === 47) start++;
    const rest = start === 0 ? part : part.slice(start);
    out = out.endsWith('/') ? `${out}${rest}` : `${out}/${rest}`;
  }
  return out;
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}

/** Collapse "//", "." and ".." segments. Keeps a leading "/". */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : trimmed.slice(0, i);
}

/** `path` relative to `base` when it lies inside it, else `path` unchanged. */
export function relativeTo(base: string, path: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
