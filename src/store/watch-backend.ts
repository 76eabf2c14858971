// Which backend a long-lived watch uses: fs events (inotify on Linux) or polling. Events are only
// raised for changes this kernel makes: a store on a network or shared filesystem (NFS, SMB/CIFS,
// 9p as WSL2 mounts Windows drives, FUSE such as sshfs or the virtiofs of Docker Desktop and
// WSL, VirtualBox shares) can change under us, written by the host of a container or VM or by
// another machine, with no event at all. There a watcher must poll, or a wake never comes.
import type { WatchMode } from '../core/config.ts';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';

export type WatchBackend = 'events' | 'poll';

/** The backend, and why (for doctor and for the watcher's own messages). */
export interface WatchChoice {
  backend: WatchBackend;
  why: string;
}

/**
 * statfs(2) f_type of filesystems whose changes may come from outside this kernel. Values from
 * linux/magic.h (and fs/vboxsf/super.c, linux/gfs2_ondisk.h); the set follows systemd's
 * "@network" filesystems, plus 9p, FUSE and vboxsf, which serve another system's files.
 */
export const NO_EVENT_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x01021997, '9p (v9fs)'],
  [0x65735546, 'FUSE (sshfs, virtiofs, Docker Desktop and WSL shares)'],
  [0x00c36400, 'Ceph'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'kAFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP'],
  [0x7461636f, 'OCFS2'],
  [0x01161970, 'GFS2'],
  [0x786f4256, 'VirtualBox shared folder (vboxsf)'],
]);

/**
 * The choice for a folder, from the configured mode and the folder's filesystem type
 * (statfs f_type; undefined when it could not be read). Pure: the table above decides.
 * Only Linux's f_type is a stable magic number; elsewhere (macOS numbers its types per boot)
 * `auto` keeps events, and CLAUDE_INTERCOM_WATCH=poll is the way out.
 */
export function chooseWatchBackend(mode: WatchMode, fsType: number | undefined, platform: string): WatchChoice {
  if (mode !== 'auto') return { backend: mode, why: `CLAUDE_INTERCOM_WATCH=${mode}` };
  if (platform !== 'linux' || fsType === undefined) {
    return {
      backend: 'events',
      why: `filesystem type not known${platform === 'linux' ? '' : ` on ${platform}`}; set CLAUDE_INTERCOM_WATCH=poll if wakes never come`,
    };
  }
  const type = fsType >>> 0; // f_type is a C long; a 32-bit build may hand back the value sign-extended
  const name = NO_EVENT_FILESYSTEMS.get(type);
  const hex = `0x${type.toString(16)}`;
  return name
    ? { backend: 'poll', why: `${name} (statfs type ${hex}) raises no events for changes made elsewhere` }
    : { backend: 'events', why: `local filesystem (statfs type ${hex})` };
}

/** The choice for `dir` (which must exist): one statfs(2) call. */
export function watchBackendFor(dir: string, mode: WatchMode): WatchChoice {
  if (mode !== 'auto') return chooseWatchBackend(mode, undefined, process.platform);
  try {
    return chooseWatchBackend(mode, Number(nodeFs().statfsSync(dir).type), process.platform);
  } catch (error) {
    const choice = chooseWatchBackend(mode, undefined, process.platform);
    return { ...choice, why: `${choice.why} (statfs ${dir}: ${describeError(error)})` };
  }
}
