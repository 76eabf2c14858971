// A store folder made by hand (`mkdir`, 0755 under the usual umask) is open to other users, and
// intercom refuses to use it (store/store-dir.ts). That is the one problem `doctor --fix` repairs
// itself: the folder is the user's own, the fix only takes access away, and it is the command
// the user would type anyway. Only the root changes: without search permission on it no other
// user reaches anything inside, whatever the modes below it, and the store creates what it
// writes 0700 / 0600 itself.
import { chmodSync, statSync } from 'node:fs';
import { describeError } from '../../core/errors.ts';
import type { Check } from './checks.ts';

const PRIVATE = 0o700;

/**
 * Undefined when there is nothing doctor may fix here: the folder is private, absent (opening
 * the store creates it 0700), not a folder, or another user's (opening the store says so).
 */
export function checkStoreMode(root: string, fix: boolean, uid = process.getuid?.()): Check | undefined {
  let info;
  try {
    info = statSync(root); // follows a symlinked root, as the store does
  } catch {
    return undefined;
  }
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o077) === 0) return undefined;
  const was = (info.mode & 0o777).toString(8);
  const command = `chmod 700 '${root}'`;
  if (!fix) {
    return {
      level: 'FAIL',
      name: 'store',
      detail: `${root} is open to other users (mode ${was}); messages must stay private: run \`intercom doctor --fix\` (it runs ${command})`,
      fixable: true,
    };
  }
  try {
    chmodSync(root, PRIVATE);
  } catch (error) {
    return {
      level: 'FAIL',
      name: 'store',
      detail: `${root} is open to other users (mode ${was}), and ${command} failed: ${describeError(error)}`,
    };
  }
  return { level: 'fixed', name: 'store', detail: `${command} (it was ${was}): only you can open it now` };
}
