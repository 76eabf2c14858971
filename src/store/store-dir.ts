// Opening the store: create it private (0700), refuse one that belongs to another user or that
// other users can write to, and stamp it with its format version.
import { nodeFs } from '../core/node-fs.ts';
import { IntercomError, hasErrno } from '../core/errors.ts';
import type { Layout } from './layout.ts';
import { DIR_MODE, folderProblem, publish, readTextIfPresent, removeQuietly, writeTmp } from './files.ts';
import { STORE_FORMAT_VERSION } from './layout.ts';

export async function openStoreDir(layout: Layout, now: number): Promise<void> {
  const { root } = layout;
  let info;
  try {
    info = nodeFs().statSync(root); // sync, like every other store call (files.ts)
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
    nodeFs().mkdirSync(root, { recursive: true, mode: DIR_MODE });
    info = nodeFs().statSync(root); // sync, like every other store call (files.ts)
  }
  if (!info.isDirectory()) {
    throw new IntercomError('STORE', `the store path ${root} is not a folder; remove it or set CLAUDE_INTERCOM_DIR to another path`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new IntercomError(
      'STORE',
      `the store ${root} belongs to uid ${info.uid}, not to you (uid ${uid}); refusing to use it. ` +
        'Set CLAUDE_INTERCOM_DIR to a folder of your own.',
    );
  }
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8);
    throw new IntercomError(
      'STORE',
      `the store ${root} is open to other users (mode ${mode}); messages must stay private. Run: chmod 700 '${root}'`,
    );
  }
  // The root may be a symlink (a store kept on another disk); the folders inside it may not: a
  // linked mail/ or agents/ would have every reader list and read files from somewhere else.
  for (const dir of [
    layout.tmp,
    layout.agents,
    layout.sessions,
    layout.activity,
    layout.procs,
    layout.watchers,
    layout.claims,
    layout.mail,
    layout.log,
    layout.quarantine,
  ]) {
    const what = folderProblem(dir);
    if (what !== undefined) {
      throw new IntercomError(
        'STORE',
        `${dir} is ${what}, not a folder; intercom never follows links inside its store. Remove it (rm '${dir}'); it is recreated as a folder`,
      );
    }
  }
  // A marker that is a symlink, fifo or folder is refused unread (readTextIfPresent never follows one).
  const existing = await readTextIfPresent(layout.marker);
  if (existing !== undefined) {
    checkMarker(layout.marker, existing);
  } else {
    // Written whole, then linked into place: processes opening a new store at the same moment
    // must never read a marker that is created but not yet written.
    const marker = { format: 'claude-intercom', v: STORE_FORMAT_VERSION, created_at: new Date(now).toISOString() };
    const tmp = await writeTmp(layout, `${JSON.stringify(marker)}\n`, now);
    try {
      await publish(tmp, layout.marker, root);
    } catch (error) {
      if (!hasErrno(error, 'EEXIST')) throw error; // another process stamped it first
    } finally {
      await removeQuietly(tmp);
    }
  }
}

function checkMarker(path: string, text: string): void {
  let marker: { format?: unknown; v?: unknown } | undefined;
  try {
    marker = JSON.parse(text) as typeof marker;
  } catch {
    marker = undefined;
  }
  if (marker?.format !== 'claude-intercom') {
    throw new IntercomError('STORE', `${path} is not a claude-intercom store marker; set CLAUDE_INTERCOM_DIR to another folder`);
  }
  if (marker.v !== STORE_FORMAT_VERSION) {
    throw new IntercomError(
      'STORE',
      `the store uses format v${String(marker.v)}, this intercom reads v${STORE_FORMAT_VERSION}; upgrade intercom or use another CLAUDE_INTERCOM_DIR`,
    );
  }
}
