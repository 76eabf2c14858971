// A session's project is its git root's folder name (else its cwd's), so sessions in
// sub-folders or worktrees of one repo see each other as one project.
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface Project {
  /** Display name: the git root's (or cwd's) folder name. */
  name: string;
  /** The folder the name came from; claims resolve paths against it. */
  root: string;
}

function hasGitEntry(dir: string): boolean {
  try {
    statSync(`${dir}/.git`); // a folder in a clone, a file in a worktree or submodule
    return true;
  } catch {
    return false;
  }
}

export function detectProject(cwd: string): Project {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (hasGitEntry(dir)) return { name: basename(dir) || dir, root: dir };
    if (dirname(dir) === dir) break;
  }
  return { name: basename(start) || start, root: start };
}
