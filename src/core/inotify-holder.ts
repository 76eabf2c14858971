// A process that watches folders with fs.watch (inotify on Linux) pays, when it exits, for the
// kernel tearing its inotify instance down: closing the last reference to it destroys the
// fsnotify group, which waits for the marks it held to be reaped (an SRCU grace period, run by a
// kernel worker), and the parent hears of the exit only after that. On a quiet machine that is
// ~1–3 ms; with every core busy it is most of the time a watcher takes to wake a session.
// Measured on Linux 6.18, Bun 1.4.5, 2 cores both spinning, a bare fs.watch script with five
// watches that closes them and exits 2 on the first event (n=40, interleaved): reaped 21.4 ms
// after the event (p50), against 3.5 ms when another process still held the inotify instance.
//
// So a watcher whose exit is what wakes a session hands the teardown to a tiny holder: a shell
// that inherits a duplicate of the inotify descriptor and waits on a pipe from this process. It
// sleeps (no wakeups), holds none of Claude Code's pipes (its stdout and stderr are /dev/null),
// and ends at this process's exit, however it happens (SIGKILL included): the pipe closes, its
// `read` returns, and its own exit does the teardown, which no one waits for.
import { nodeFs } from './node-fs.ts';

/** What `ps` shows for the holder, so that a person who finds it knows whose it is. */
export const HOLDER_SCRIPT = ': intercom watcher, holding its inotify instance until it exits; read _';

let held: number | undefined;

/**
 * Start the holder once this process has an inotify instance (after its first fs.watch); a
 * later call does nothing. Returns the holder's pid, or undefined where there is nothing to
 * hold (no /proc, as on macOS; no inotify instance yet, as when every watch polls) or the holder
 * could not start: the process then exits as it would have, only slower under load. Never throws.
 */
export function holdInotifyPastExit(): number | undefined {
  if (held !== undefined) return held;
  const fd = inotifyDescriptor();
  if (fd === undefined) return undefined;
  try {
    const holder = Bun.spawn(['/bin/sh', '-c', HOLDER_SCRIPT], { stdio: ['pipe', 'ignore', 'ignore', fd] });
    holder.unref(); // it never keeps this process alive
    held = holder.pid;
  } catch {
    held = 0; // no shell to be had: not tried again; exits stay as they were
  }
  return held || undefined;
}

/** This process's inotify descriptor (Bun keeps one for all its fs.watch handles), if it has one. */
function inotifyDescriptor(): number | undefined {
  const fs = nodeFs();
  let names: string[];
  try {
    names = fs.readdirSync('/proc/self/fd');
  } catch {
    return undefined; // no /proc
  }
  for (const name of names) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${name}`) === 'anon_inode:inotify') return Number(name);
    } catch {
      // closed since the listing (the listing's own descriptor among them)
    }
  }
  return undefined;
}
