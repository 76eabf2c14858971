// Low-level file primitives that make the store safe across processes by construction:
// content is written to tmp/, fsynced, and only then published with link() (no clobber) or
// rename() (replace). A reader can never see a partial file.
//
// The store's API is async, but writes make their syscalls synchronously: each is a few
// microseconds of kernel work, and the thread-pool round trip of the promise versions cost more
// than the calls themselves (measured: 1,027 vs 1,911 publishes/s in one process). Folder
// listings use Bun.Glob and the hooks' fast path reads with Bun.file, so a hook with an empty
// inbox never loads node:fs at all.
import { hasErrno } from '../core/errors.ts';
import { randomToken } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { joinPath as join } from '../core/paths.ts';
import type { Layout } from './layout.ts';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** tmp file names carry the writer's pid so leftovers of dead writers can be collected. */
export function tmpName(pid: number, now: number): string {
  return `${pid}.${now}.${randomToken(8)}.tmp`;
}

export function parseTmpName(name: string): { pid: number; at: number } | undefined {
  const m = /^(\d+)\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
  return m ? { pid: Number(m[1]), at: Number(m[2]) } : undefined;
}

export async function ensureDir(dir: string): Promise<void> {
  nodeFs().mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

function openNew(path: string, dir: string): number {
  const fs = nodeFs();
  try {
    return fs.openSync(path, 'wx', FILE_MODE);
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    return fs.openSync(path, 'wx', FILE_MODE);
  }
}

/**
 * Write `content` to a fresh file in tmp/ and (unless `durable` is false) fsync it. Returns its
 * path. Messages and presence are durable; hints that are rewritten all the time (busy/idle,
 * the armed watcher) skip the fsync, which is most of a write's cost.
 */
export async function writeTmp(layout: Layout, content: string, now: number, durable = true): Promise<string> {
  const fs = nodeFs();
  const path = join(layout.tmp, tmpName(process.pid, now));
  const fd = openNew(path, layout.tmp);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
    if (durable) fs.fdatasyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    await removeQuietly(path);
    throw error;
  }
  fs.closeSync(fd);
  return path;
}

/**
 * Make `src` also visible at `dest` without ever overwriting: link() fails with EEXIST.
 * Creates the destination folder on first use.
 */
export async function publish(src: string, dest: string, destDir: string): Promise<void> {
  const fs = nodeFs();
  try {
    fs.linkSync(src, dest);
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
    fs.mkdirSync(destDir, { recursive: true, mode: DIR_MODE });
    fs.linkSync(src, dest);
  }
}

/** Atomically replace `dest` with new content (owner-only files: presence, activity, links). */
export async function replaceFile(layout: Layout, dest: string, destDir: string, content: string, now: number, durable = true): Promise<void> {
  const fs = nodeFs();
  const tmp = await writeTmp(layout, content, now, durable);
  try {
    try {
      fs.renameSync(tmp, dest);
    } catch (error) {
      if (!hasErrno(error, 'ENOENT')) throw error;
      fs.mkdirSync(destDir, { recursive: true, mode: DIR_MODE });
      fs.renameSync(tmp, dest);
    }
  } catch (error) {
    await removeQuietly(tmp);
    throw error;
  }
}

/** Rename; false when the source is gone (another process moved it first). */
export async function moveIfPresent(from: string, to: string, toDir: string): Promise<boolean> {
  const fs = nodeFs();
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
  }
  // ENOENT is either the source (lost the race) or the destination folder (first use).
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(toDir, { recursive: true, mode: DIR_MODE });
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return nodeFs().readFileSync(path, 'utf8');
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}

/**
 * The same, through Bun.file: slower per call (a thread-pool round trip), but it does not load
 * node:fs, which the hooks' fast path avoids (see quick.ts).
 */
export async function readTextWithoutNodeFs(path: string): Promise<string | undefined> {
  try {
    return await Bun.file(path).text();
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    throw error;
  }
}

/** File names in `dir` ending in `suffix`, sorted; [] when the folder does not exist yet. */
export async function listNames(dir: string, suffix = '.json'): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false })) names.push(name);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
  return names.sort();
}

export async function removeIfPresent(path: string): Promise<boolean> {
  try {
    nodeFs().unlinkSync(path);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** Best-effort cleanup of our own temp file; a failure here changes nothing visible. */
export async function removeQuietly(path: string): Promise<void> {
  try {
    nodeFs().unlinkSync(path);
  } catch {
    // our own tmp file: collected later by the tmp sweeper if this fails
  }
}
