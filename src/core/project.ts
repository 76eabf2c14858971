// A session's project is its git root's folder name (else its cwd's), so sessions in
// sub-folders or worktrees of one repo see each other as one project. Across machines the folder
// name is not enough (two clones may be named differently, two repos alike), so a project also
// has a key: its git remote's URL, normalised (docs/relay.md).
import { nodeFs } from './node-fs.ts';
import { baseName as basename, dirName as dirname, isAbsolutePath, joinPath as join, normalizePath } from './paths.ts';

export interface Project {
  /** Display name: the git root's (or cwd's) folder name. */
  name: string;
  /** The folder the name came from; claims resolve paths against it. */
  root: string;
}

function gitEntry(dir: string): 'dir' | 'file' | undefined {
  try {
    // A folder in a clone, a file in a worktree or submodule.
    return nodeFs().statSync(`${dir}/.git`).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

export function detectProject(cwd: string): Project {
  const start = normalizePath(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (gitEntry(dir)) return { name: basename(dir) || dir, root: dir };
    if (dirname(dir) === dir) break;
  }
  return { name: basename(start) || start, root: start };
}

/**
 * The project on every machine (docs/relay.md): `host/owner/repo` from the git remote of its
 * root, else `dir:<name>`. A few file reads: done once, when an agent registers.
 */
export function projectKey(project: Project): string {
  const entry = gitEntry(project.root);
  return (entry && remoteKey(project.root, entry)) ?? `dir:${project.name}`;
}

function readText(path: string): string | undefined {
  try {
    return nodeFs().readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The folder holding the repository's config: `.git` itself in a clone; in a worktree, `.git` is
 * a file "gitdir: <dir>" and that dir's `commondir` names the main repository's folder.
 */
function configDir(root: string, entry: 'dir' | 'file'): string | undefined {
  if (entry === 'dir') return join(root, '.git');
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(join(root, '.git')) ?? '')?.[1];
  if (!pointer) return undefined;
  const gitDir = isAbsolutePath(pointer) ? pointer : normalizePath(join(root, pointer));
  const common = readText(join(gitDir, 'commondir'))?.trim();
  if (!common) return gitDir;
  return isAbsolutePath(common) ? common : normalizePath(join(gitDir, common));
}

/**
 * The normalised URL of the `origin` remote (else the first remote), from the repository's config
 * file. Only plain `[remote "x"]` sections and `url = …` lines are read: include files and URL
 * rewrites (`insteadOf`) are not followed, so two clones of one repo whose configs spell the URL
 * in those ways may get different keys (then `all` and claims do not join them).
 */
function remoteKey(root: string, entry: 'dir' | 'file'): string | undefined {
  const dir = configDir(root, entry);
  const text = dir ? readText(join(dir, 'config')) : undefined;
  if (!text) return undefined;
  const urls = new Map<string, string>();
  let remote: string | undefined;
  for (const line of text.split('\n')) {
    const section = /^\s*\[\s*remote\s+"([^"]*)"\s*\]/.exec(line);
    if (section) {
      remote = section[1];
      continue;
    }
    if (/^\s*\[/.test(line)) remote = undefined;
    const url = remote !== undefined && !urls.has(remote) ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    if (url) urls.set(remote!, url.replace(/^"(.*)"$/, '$1'));
  }
  const url = urls.get('origin') ?? urls.values().next().value;
  return url === undefined ? undefined : normalizeRemoteUrl(url);
}

/**
 * One spelling per repository: `git@github.com:Acme/shop.git`, `ssh://git@github.com:22/Acme/shop`,
 * `https://user:token@GitHub.com/Acme/shop.git/` → `github.com/Acme/shop`. Credentials, ports,
 * the scheme and a trailing `.git` or `/` are dropped; the host is lower-cased (paths keep their
 * case: some hosts tell them apart). A local path stays a path: `path:/srv/git/shop`.
 */
export function normalizeRemoteUrl(url: string): string {
  const trimmed = url.trim();
  const strip = (path: string) =>
    path
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .replace(/\/+$/, '');
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?(\/.*)?$/i.exec(trimmed);
  if (withScheme) {
    if (withScheme[1]!.toLowerCase() === 'file') return `path:${strip(withScheme[3] ?? '/')}`;
    return `${withScheme[2]!.toLowerCase()}${strip((withScheme[3] ?? '').replace(/\/{2,}/g, '/'))}`;
  }
  const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(trimmed); // git@host:owner/repo
  if (scp && !trimmed.startsWith('/')) return `${scp[1]!.toLowerCase()}/${strip(scp[2]!.replace(/^\/+/, ''))}`;
  return `path:${strip(normalizePath(trimmed))}`;
}

/** A project key as a file name and a bucket key: `p` + 24 hex digits of its SHA-256. */
export function projectKeyHash(key: string): string {
  return `p${new Bun.CryptoHasher('sha256').update(key).digest('hex').slice(0, 24)}`;
}
