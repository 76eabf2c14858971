// Waiting on a folder without polling: fs.watch (inotify) wakes us when a file is renamed or
// linked in. inotify can drop events when its queue overflows, so a slow rescan backs it up;
// the rescan is a safety net, not the delivery path.
import type { FSWatcher } from 'node:fs';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { ensureDir } from './files.ts';

export interface FolderWatch {
  close(): void;
}

/**
 * Calls `onChange` (serialised, never overlapping) whenever `dir` may have changed: once at
 * start (unless `initial` is false), after every fs event, and every `rescanMs` as a backstop.
 * `only`: react to events about this one file (an event without a name, an overflow, counts).
 */
export async function watchFolder(
  dir: string,
  onChange: () => Promise<void>,
  options: { rescanMs?: number; onError?: (error: unknown) => void; only?: string; initial?: boolean } = {},
): Promise<FolderWatch> {
  await ensureDir(dir);
  let running = false;
  let again = false;
  let closed = false;
  const run = async () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await onChange();
      } while (again && !closed);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = nodeFs().watch(dir, { persistent: true }, (_event, name) => {
      if (!options.only || !name || name === options.only) void run();
    });
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(new Error(`cannot watch ${dir}: ${describeError(error)}; falling back to rescans`));
  }
  const timer = setInterval(() => void run(), options.rescanMs ?? 2000);
  if (options.initial !== false) await run();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}
