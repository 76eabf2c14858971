// Waiting on a folder: the one watch abstraction of the long-lived watchers (the watcher hook,
// ask, tail, the dashboard). A watch says "this folder may have changed"; the caller looks for
// itself. It has two backends, chosen per folder by watch-backend.ts:
// - events: fs.watch on the folder (inotify, FSEvents);
// - poll, where the filesystem raises no events for changes made elsewhere (NFS, SMB, 9p, FUSE…)
//   or CLAUDE_INTERCOM_WATCH=poll says so: chokidar's polling backend (DESIGN.md §6).
// chokidar is imported on the first polled folder only: the PreToolUse fast path, and every
// process on a local disk, never load it.
//
// Why not chokidar's native backend for events too: it is fs.watch per folder as well, plus, on
// every event, a reconcile pass (lstat and readdir of the folder, to tell add from unlink) that
// our callers do not need, since they re-read the folder anyway. On the wake path that pass
// competes with the watcher's own reads, and closing five chokidar watchers costs more than five
// fs.watch handles: measured with the real watcher hook (bench/wake.ts, interleaved, n=60),
// message written → wake text printed p50 5.1 ms with chokidar's native backend against 3.1 ms
// with fs.watch (close alone 0.95 ms against 0.25 ms). So events stay on fs.watch, and chokidar
// gives what fs.watch cannot: polling.
//
// Polling observes the folder alone, not its entries (they are `ignored`): one stat per folder and
// interval, however much it holds, and chokidar's `raw` event (its poll saw the folder's mtime or
// size move) is the trigger; chokidar re-checks a folder 1 s after a change, so an entry added
// within a coarse mtime's granularity is still seen. Observing every entry would stat each on its
// own timer (measured: 5,000 files at 100 ms, 28% of a core, against under 1% for the folder).
// `only` (one file, e.g. an agent's record) is observed as a file: its add, change and unlink.
//
// Events can be lost (inotify's queue overflows), so a slow rescan backs them up: a safety net,
// not the delivery path. When no fs watch can be had, the folder is polled instead and the watch
// retried now and then. The common cause (seen on this kind of machine: doctor's self-test taking
// exactly the 5 s rescan): every user may hold at most fs.inotify.max_user_instances inotify
// instances (128 by default on Linux), each process with an fs.watch holds one, and Claude Code,
// editors and many sessions' watchers add up; fs.watch then throws EMFILE.
import type { WatchMode } from '../core/config.ts';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { joinPath, normalizePath } from '../core/paths.ts';
import { ensureDir } from './files.ts';
import { watchBackendFor } from './watch-backend.ts';

export interface FolderWatch {
  close(): void;
}

/** Why a watch calls back: an event in the folder, or a start/backstop check (anything may have changed). */
export type WatchCause = 'event' | 'check';

/**
 * Polling interval (ms) of a folder a wake depends on (`critical`): the wake latency when polling,
 * 50 ms on average. 100 ms keeps an idle watcher to ten stat calls a second for its inbox, which a
 * network filesystem serves from its attribute cache or in one round trip.
 */
export const POLL_MS = 100;
/** Polling interval (ms) of the other folders (hints that are re-read on every inbox check anyway). */
export const SLOW_POLL_MS = 1_000;
/** How often (ms) a failed fs watch is tried again. */
export const WATCH_RETRY_MS = 5_000;

export interface WatchOptions {
  /** Backstop check every this many ms (default 2,000). */
  rescanMs?: number;
  onError?: (error: unknown) => void;
  /** React to this one file of the folder only (an event that names no file counts too). */
  only?: string;
  /** Check once at start (default true). */
  initial?: boolean;
  /** A wake depends on this folder: poll it every POLL_MS rather than SLOW_POLL_MS. */
  critical?: boolean;
  /** CLAUDE_INTERCOM_WATCH: events, poll, or auto (by the folder's filesystem; the default). */
  mode?: WatchMode;
  /**
   * Hand `onChange` the names the events reported since its last call (fs events name the file;
   * polling does not, and then it gets none): a caller that follows a big folder reads just those
   * instead of listing it all. A backstop check, or an event without a name, gives none.
   */
  names?: boolean;
}

/** One backend's observation of the folder. */
interface Source {
  close(): void;
}

/**
 * Calls `onChange` (serialised, never overlapping) whenever `dir` may have changed: once at
 * start (unless `initial` is false), after every event, and every `rescanMs` as a backstop.
 * Resolves once the watch is in place, so nothing after it goes unseen.
 */
export async function watchFolder(
  dir: string,
  onChange: (cause: WatchCause, names?: string[]) => Promise<void>,
  options: WatchOptions = {},
): Promise<FolderWatch> {
  await ensureDir(dir);
  let running = false;
  let again: WatchCause | undefined;
  let closed = false;
  // Names reported since the last call (with `names`); 'all' once an event came without one.
  let reported: Set<string> | 'all' = new Set();
  const takeNames = (cause: WatchCause): string[] | undefined => {
    const taken = reported;
    reported = new Set();
    return options.names && cause === 'event' && taken !== 'all' ? [...taken] : undefined;
  };
  // Calls that come while one runs are folded into one more; a check outranks an event.
  const run = async (cause: WatchCause) => {
    if (closed) return;
    if (running) {
      again = again === 'check' || cause === 'check' ? 'check' : 'event';
      return;
    }
    running = true;
    try {
      let next: WatchCause | undefined = cause;
      while (next && !closed) {
        again = undefined;
        await onChange(next, takeNames(next));
        next = again;
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const onEvent = (name?: string) => {
    if (options.names) {
      if (name === undefined || reported === 'all') reported = 'all';
      else reported.add(name);
    }
    void run('event');
  };
  const onError = (error: unknown) => options.onError?.(error);
  const poll = () => openPolling(dir, options.critical ? POLL_MS : SLOW_POLL_MS, options.only, onEvent, onError);
  let source: Source;
  let retry: ReturnType<typeof setInterval> | undefined;
  if (watchBackendFor(dir, options.mode ?? 'auto').backend === 'poll') source = await poll();
  else {
    try {
      source = openFsWatch(dir, options.only, onEvent, onError);
    } catch (error) {
      // Said once per folder: a retry that fails again is no news (and a watcher's stderr reaches the model).
      onError(new Error(`cannot watch ${dir}: ${describeError(error)}; polling it instead${hint(error)}`));
      source = await poll();
      retry = setInterval(() => {
        let watched: Source;
        try {
          watched = openFsWatch(dir, options.only, onEvent, onError);
        } catch {
          return; // still none to be had
        }
        clearInterval(retry);
        source.close();
        source = watched;
        void run('check'); // anything that landed while the watch was being set up
      }, WATCH_RETRY_MS);
    }
  }
  const backstop = setInterval(() => void run('check'), options.rescanMs ?? 2_000);
  if (options.initial !== false) await run('check');
  return {
    close() {
      closed = true;
      clearInterval(backstop);
      clearInterval(retry);
      source.close();
    },
  };
}

/** fs.watch on `dir`; throws when no watch can be had (EMFILE, ENOSPC, …). */
function openFsWatch(dir: string, only: string | undefined, onEvent: (name?: string) => void, onError: (error: unknown) => void): Source {
  const watcher = nodeFs().watch(dir, { persistent: true }, (_event, name) => {
    if (!only || !name || name === only) onEvent(typeof name === 'string' && name !== '' ? name : undefined);
  });
  watcher.on('error', onError);
  return watcher;
}

/** chokidar's polling backend on `dir` alone (or on its file `only`), ready when this resolves. */
async function openPolling(
  dir: string,
  pollMs: number,
  only: string | undefined,
  onEvent: () => void,
  onError: (error: unknown) => void,
): Promise<Source> {
  const { watch } = await import('chokidar');
  const root = normalizePath(dir); // chokidar reports paths normalised; ours must compare equal
  const file = only === undefined ? undefined : joinPath(root, only);
  const watcher = watch(root, {
    backend: 'polling',
    pollingInterval: pollMs,
    depth: 0,
    ignoreInitial: true,
    // Our writers rename or link whole files in: no temp-file pairing, no waiting for sizes to settle.
    atomic: false,
    awaitWriteFinish: false,
    persistent: true,
    ignored: (path: string) => path !== root && path !== file,
  });
  watcher.on('error', onError);
  if (file === undefined)
    watcher.on('raw', () => onEvent()); // no names: whoever wants them lists the folder
  else watcher.on('all', (_event, path) => path === file && onEvent());
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    // Its timers stop here; the promise only settles chokidar's bookkeeping.
    close: () => void watcher.close().catch(onError),
  };
}

function hint(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'EMFILE') {
    return ' (too many inotify instances: raise fs.inotify.max_user_instances, e.g. sudo sysctl fs.inotify.max_user_instances=1024)';
  }
  if (code === 'ENOSPC') return ' (too many inotify watches: raise fs.inotify.max_user_watches)';
  return '';
}
