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
//
// The holder outlives its watcher, so it ends as an orphan, for PID 1 (or a subreaper) to reap.
// Where PID 1 reaps no orphans (a container whose first process is Claude Code, bun, node or
// `sleep infinity`, with no init), each would stay a zombie, one per wake. So no holder is
// started where PID 1 is seen leaving orphans unreaped: UNREAPED_LIMIT zombies whose parent is
// PID 1, started at least ORPHAN_AGE_MS ago (as a holder is: its watcher armed at least that
// long before the wake or the replacement that ended it, in all but a short turn), and still
// there UNREAPED_AFTER_MS later. An init reaps at once, or within about a second (this machine's
// PID 1: zombies it adopts are gone within 1 s; the wake benches, whose watchers live well under
// a second, leave only young zombies); one that never reaps is found out after that many
// zombies, and no more are left.
import { nodeFs } from './node-fs.ts';
import { inotifyDescriptors, procInfo } from './proc.ts';

/** Zombies whose parent is PID 1 at which orphans may not be reaped here. */
export const UNREAPED_LIMIT = 3;
/** How long ago (ms) a zombie must have started to count. */
export const ORPHAN_AGE_MS = 10_000;
/** How long (ms) those zombies must stay to count as never reaped. */
export const UNREAPED_AFTER_MS = 3_000;

/** What `ps` shows for the holder, so that a person who finds it knows whose it is. */
export const HOLDER_SCRIPT = ': intercom watcher, holding its inotify instance until it exits; read _';

/**
 * The holders this process started, by the inotify descriptor each holds. Process-wide, not
 * module-wide: the lean wait (bin/lean-wait.js) and the full hook it hands back to (app.js) each
 * bundle a copy of this file and may run in one process, which needs one holder per instance.
 */
const HOLDING = Symbol.for('claude-intercom.inotify-holders');
const holding: Map<number, Promise<number | undefined>> = ((globalThis as Record<symbol, unknown>)[HOLDING] as
  | Map<number, Promise<number | undefined>>
  | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[HOLDING] = holding;

/**
 * Start the holder once this process has an inotify instance (after its first fs.watch); later
 * calls for the same instance get the same answer. Resolves to the holder's pid, or undefined
 * where there is nothing to hold (no /proc, as on macOS; no inotify instance yet, as when every
 * watch polls: a later call looks again), where orphans are not reaped (above), or where the
 * holder could not start: the process then exits as it would have, only slower under load.
 * Never rejects.
 */
export function holdInotifyPastExit(): Promise<number | undefined> {
  const [fd] = inotifyDescriptors('self');
  if (fd === undefined) return Promise.resolve(undefined);
  let held = holding.get(fd);
  if (!held) {
    held = startHolder(fd);
    holding.set(fd, held);
  }
  return held;
}

async function startHolder(fd: number): Promise<number | undefined> {
  try {
    if (await orphansGoUnreaped()) return undefined; // this process's exit pays the teardown, as before holders
    // No environment: the script needs none (`:` and `read` are the shell's own), and takes none of ours.
    const holder = Bun.spawn(['/bin/sh', '-c', HOLDER_SCRIPT], { stdio: ['pipe', 'ignore', 'ignore', fd], env: {} });
    holder.unref(); // it never keeps this process alive
    return holder.pid;
  } catch {
    return undefined; // no shell to be had (or no /proc to read): exits stay as they were
  }
}

/** True when UNREAPED_LIMIT zombies of PID 1, each started ORPHAN_AGE_MS ago or more, are still there UNREAPED_AFTER_MS later. */
export async function orphansGoUnreaped(waitMs = UNREAPED_AFTER_MS): Promise<boolean> {
  const first = zombiesOfInit(ORPHAN_AGE_MS);
  if (first.length < UNREAPED_LIMIT) return false;
  await Bun.sleep(waitMs);
  const still = new Set(zombiesOfInit(0));
  return first.filter((pid) => still.has(pid)).length >= UNREAPED_LIMIT;
}

/** Pids of the zombies whose parent is PID 1 and that started at least `minAgeMs` ago. */
function zombiesOfInit(minAgeMs: number): number[] {
  const fs = nodeFs();
  // /proc/<pid>/stat gives a start in clock ticks since boot: 100 a second (USER_HZ, fixed on Linux).
  const bornBefore = (Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1_000 - minAgeMs) / 10;
  const zombies: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const info = procInfo(pid); // undefined once it has gone
    if (info?.zombie && info.ppid === 1 && Number(info.start) <= bornBefore) zombies.push(pid);
  }
  return zombies;
}
