// Low-level file primitives that make the store safe across processes by construction:
// content is written to tmp/, fsynced, and only then published with link() (no clobber) or
// rename() (replace). A reader can never see a partial file.
//
// The store's API is async, but writes make their syscalls synchronously: each is a few
// microseconds of kernel work, and the thread-pool round trip of the promise versions cost more
// than the calls themselves (measured: 1,027 vs 1,911 publishes/s in one process). The hooks'
// fast path lists with Bun.Glob and reads with Bun.file, so a hook with an empty inbox never
// loads node:fs at all. Everything else reads store files with readStoreFile: no symlink is
// followed and no fifo opened inside the store.
import { IntercomError, hasErrno } from '../core/errors.ts';
import { randomToken } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { baseName, dirName, joinPath as join, normalizePath } from '../core/paths.ts';
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

/**
 * Run `step`; when it fails with ENOENT because `dir` does not exist yet (its first use), create
 * `dir` (0700) and run it once more. Folders are made on demand, not up front: most never are.
 */
function inFolder<T>(dir: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
    nodeFs().mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    return step();
  }
}

function openNew(path: string, dir: string): number {
  return inFolder(dir, () => nodeFs().openSync(path, 'wx', FILE_MODE));
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
  inFolder(destDir, () => nodeFs().linkSync(src, dest));
}

/** Atomically replace `dest` with new content (owner-only files: presence, activity, links). */
export async function replaceFile(
  layout: Layout,
  dest: string,
  destDir: string,
  content: string,
  now: number,
  durable = true,
): Promise<void> {
  const tmp = await writeTmp(layout, content, now, durable);
  try {
    inFolder(destDir, () => nodeFs().renameSync(tmp, dest));
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
  // ENOENT is either the source (lost the race) or the destination folder (first use). lstat,
  // not exists: a dangling symlink (being quarantined) is still there to move.
  if (!lexists(from)) return false;
  fs.mkdirSync(toDir, { recursive: true, mode: DIR_MODE });
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

function lexists(path: string): boolean {
  try {
    nodeFs().lstatSync(path);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return false;
    throw error;
  }
}

/** Bigger than any record intercom writes (bodies are capped at 64 KiB by default): refused unread. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** What is at a store path: a regular file's text, nothing, or something that is never read. */
export type StoreFileRead = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'special'; what: string };

function describeSpecial(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (fifo)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Read a store file the only safe way: never through a symbolic link (O_NOFOLLOW: a link
 * planted in the store could point at any file of the user), never blocking (O_NONBLOCK: a fifo
 * would hang the reader), and only if the opened file is a regular file (fstat), so a fifo, a
 * folder or a device is reported, never read. The caller quarantines what is not `text`.
 */
export function readStoreFile(path: string): StoreFileRead {
  const fs = nodeFs();
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_NOCTTY } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return { kind: 'missing' };
    if (hasErrno(error, 'ELOOP', 'EMLINK')) return { kind: 'special', what: 'a symbolic link' }; // EMLINK: FreeBSD's O_NOFOLLOW
    if (hasErrno(error, 'ENXIO', 'EOPNOTSUPP')) return { kind: 'special', what: 'a socket' };
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'special', what: describeSpecial(stat) };
    if (stat.size > MAX_RECORD_BYTES)
      return { kind: 'special', what: `a file of ${stat.size} bytes, over the ${MAX_RECORD_BYTES}-byte limit for a record` };
    return { kind: 'text', text: fs.readFileSync(fd, 'utf8') };
  } finally {
    fs.closeSync(fd);
  }
}

/** What is wrong with a folder of the store: undefined when it is a real folder or missing; never followed. */
export function folderProblem(dir: string): string | undefined {
  let stat;
  try {
    // throwIfNoEntry: a missing folder is common (most are made on first use), and a thrown
    // error costs ~40 µs, which opening the store paid for each missing one on every hook.
    stat = nodeFs().lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    if (hasErrno(error, 'ENOTDIR')) return undefined;
    throw error;
  }
  return stat === undefined || stat.isDirectory() ? undefined : describeSpecial(stat);
}

/**
 * A store file's text; undefined when it does not exist. Never follows a symlink nor opens a
 * fifo: anything but a regular file throws (readers of records use readStoreFile and quarantine it).
 */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  const read = readStoreFile(path);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'missing') return undefined;
  throw new IntercomError('STORE', `${path} is ${read.what}, not a regular file; intercom never reads it. Remove it: rm '${path}'`);
}

/**
 * `path` (absolute) with every symbolic link resolved. A path that does not exist yet resolves
 * through its deepest existing ancestor (its real path, then the remaining components), and a
 * dangling link through where it points: a file about to be created under a symlinked folder
 * gets the real path it will have. Case is left as the filesystem has it.
 */
export function realPathOf(path: string, depth = 0): string {
  const fs = nodeFs();
  const p = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const resolved = attempt(() => fs.realpathSync.native(p));
  if (resolved !== undefined) return resolved;
  if (depth > 40 || !p.startsWith('/')) return normalizePath(p); // a link loop, or nothing to anchor it
  const link = attempt(() => fs.readlinkSync(p));
  if (link !== undefined) return realPathOf(link.startsWith('/') ? link : `${dirName(p)}/${link}`, depth + 1);
  const parent = dirName(p);
  if (parent === p) return p;
  const realParent = realPathOf(parent, depth + 1);
  const base = baseName(p);
  if (base === '.') return realParent;
  if (base === '..') return dirName(realParent);
  return realParent === '/' ? `/${base}` : `${realParent}/${base}`;
}

/** The result, or undefined when the call throws (used where a failure means "resolve another way"). */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error) return undefined; // ENOENT, EINVAL (not a link), EACCES…: the caller falls back
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

/**
 * Names in `dir` ending in `suffix` (not starting with "."), sorted; [] when the folder does not
 * exist yet. Every kind of entry is listed, fifos and sockets included, so whoever reads them
 * finds what does not belong and quarantines it (Bun.Glob leaves those out: they would sit
 * there unreported).
 */
export async function listNames(dir: string, suffix = '.json'): Promise<string[]> {
  let names: string[];
  try {
    names = nodeFs().readdirSync(dir);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
  return names.filter((name) => name.endsWith(suffix) && !name.startsWith('.')).sort();
}

/**
 * The same through Bun.Glob, for the hooks' fast path (no node:fs). It leaves fifos, sockets
 * and devices out; the fast path only counts, and the slow path (listNames) reports them.
 */
export async function listNamesWithoutNodeFs(dir: string, suffix = '.json'): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false })) names.push(name);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
  return names.sort();
}

/**
 * Whether listNamesWithoutNodeFs would list anything: the scan stops at the first name, which
 * saves building the whole list (~1.3 ms for 1,000 names with Bun 1.4.5).
 */
export function hasNamesWithoutNodeFs(dir: string, suffix = '.json'): boolean {
  try {
    for (const _name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false })) return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return false;
    throw error;
  }
  return false;
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
