// Waiting on a folder without polling: fs.watch (inotify) wakes us when a file is renamed or
// linked in. inotify can drop events when its queue overflows, so a slow rescan backs it up;
// the rescan is a safety net, not the delivery path.
//
// When no watch can be had, the folder is polled fast instead, and the watch retried now and
// then. The common cause (seen on this kind of machine: doctor's self-test taking exactly the
// 5 s rescan): every user may hold at most fs.inotify.max_user_instances inotify instances
// (128 by default on Linux), each process with an fs.watch holds one, and Claude Code, editors
// and many sessions' watchers add up; fs.watch then throws EMFILE.
import type { FSWatcher } from 'node:fs';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { ensureDir } from './files.ts';

export interface FolderWatch {
  close(): void;
}

/** Why a watch calls back: an fs event in the folder, or a start/backstop check (anything may have changed). */
export type WatchCause = 'event' | 'check';

/** Polling interval while no fs watch can be had: the wake latency in that state. */
export const FALLBACK_POLL_MS = 100;
/** How often a failed watch is tried again. */
export const WATCH_RETRY_MS = 5_000;

/**
 * Calls `onChange` (serialised, never overlapping) whenever `dir` may have changed: once at
 * start (unless `initial` is false), after every fs event, and every `rescanMs` as a backstop.
 * `only`: react to events about this one file (an event without a name, an overflow, counts).
 * `critical`: when no fs watch can be had, poll every FALLBACK_POLL_MS (the folder a wake
 * depends on); other folders keep their slow rescan.
 */
export async function watchFolder(
  dir: string,
  onChange: (cause: WatchCause) => Promise<void>,
  options: { rescanMs?: number; onError?: (error: unknown) => void; only?: string; initial?: boolean; critical?: boolean } = {},
): Promise<FolderWatch> {
  await ensureDir(dir);
  let running = false;
  let again: WatchCause | undefined;
  let closed = false;
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
        await onChange(next);
        next = again;
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const rescanMs = options.rescanMs ?? 2000;
  let watcher: FSWatcher | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastTry = 0;
  let reported = false;
  const schedule = (ms: number) => {
    if (timer) clearInterval(timer);
    timer = setInterval(tick, ms);
  };
  const tryWatch = (): boolean => {
    lastTry = Date.now();
    try {
      watcher = nodeFs().watch(dir, { persistent: true }, (_event, name) => {
        if (!options.only || !name || name === options.only) void run('event');
      });
      watcher.on('error', (error) => options.onError?.(error));
      return true;
    } catch (error) {
      // Said once: a retry that fails again is no news (and a watcher's stderr reaches the model).
      if (!reported) options.onError?.(new Error(`cannot watch ${dir}: ${describeError(error)}; polling it instead${hint(error)}`));
      reported = true;
      return false;
    }
  };
  function tick() {
    if (!watcher && Date.now() - lastTry >= WATCH_RETRY_MS && tryWatch()) {
      schedule(rescanMs); // watching again: back to the slow backstop
      void run('check'); // anything that landed while the watch was being set up
      return;
    }
    // Polling (no watch) stands in for events; otherwise this is the backstop check.
    void run(watcher ? 'check' : 'event');
  }
  schedule(tryWatch() || !options.critical ? rescanMs : FALLBACK_POLL_MS);
  if (options.initial !== false) await run('check');
  return {
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      watcher?.close();
    },
  };
}

function hint(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'EMFILE') {
    return ' (too many inotify instances: raise fs.inotify.max_user_instances, e.g. sudo sysctl fs.inotify.max_user_instances=1024; intercom doctor counts them)';
  }
  if (code === 'ENOSPC') return ' (too many inotify watches: raise fs.inotify.max_user_watches)';
  return '';
}
