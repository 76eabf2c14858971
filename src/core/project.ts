// A session's project is its git root's folder name (else its cwd's), so sessions in
// sub-folders or worktrees of one repo see each other as one project.
import { nodeFs } from './node-fs.ts';
import { baseName as basename, dirName as dirname, normalizePath } from './paths.ts';

export interface Project {
  /** Display name: the git root's (or cwd's) folder name. */
  name: string;
  /** The folder the name came from; claims resolve paths against it. */
  root: string;
}

function hasGitEntry(dir: string): boolean {
  try {
    nodeFs().statSync(`${dir}/.git`); // a folder in a clone, a file in a worktree or submodule
    return true;
  } catch {
    return false;
  }
}

export function detectProject(cwd: string): Project {
  const start = normalizePath(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (hasGitEntry(dir)) return { name: basename(dir) || dir, root: dir };
    if (dirname(dir) === dir) break;
  }
  return { name: basename(start) || start, root: start };
}
