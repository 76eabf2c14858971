// Durable writes that wait on their fsync without blocking the event loop: the relay writes many
// messages at once (store/import.ts), and each one's fdatasync, run in the thread pool, overlaps
// the others' instead of queueing behind them on the main thread. Same rules as files.ts:
// written to tmp/, synced, then linked or renamed into place.
import { nodeFs } from '../core/node-fs.ts';
import { joinPath as join } from '../core/paths.ts';
import { FILE_MODE, DIR_MODE, removeQuietly, tmpName } from './files.ts';
import { hasErrno } from '../core/errors.ts';
import type { Layout } from './layout.ts';

function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => nodeFs().fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/** A new tmp/ file holding `content`, synced to disk. Returns its path. */
export async function writeTmpOverlapped(layout: Layout, content: string, now: number): Promise<string> {
  const fs = nodeFs();
  const path = join(layout.tmp, tmpName(process.pid, now));
  let fd: number;
  try {
    fd = fs.openSync(path, 'wx', FILE_MODE);
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
    fs.mkdirSync(layout.tmp, { recursive: true, mode: DIR_MODE });
    fd = fs.openSync(path, 'wx', FILE_MODE);
  }
  try {
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
    await fdatasync(fd);
  } catch (error) {
    fs.closeSync(fd);
    await removeQuietly(path);
    throw error;
  }
  fs.closeSync(fd);
  return path;
}
