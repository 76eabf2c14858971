// Waiting on a folder without polling: fs.watch (inotify) wakes us when a file is renamed or
// linked in. inotify can drop events when its queue overflows, so a slow rescan backs it up;
// the rescan is a safety net, not the delivery path.
import type { FSWatcher } from 'node:fs';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { ensureDir, listNames } from './files.ts';

export interface FolderWatch {
  close(): void;
}

/**
 * Calls `onChange` (serialised, never overlapping) whenever `dir` may have changed: once at
 * start, after every fs event, and every `rescanMs` as a backstop.
 */
export async function watchFolder(
  dir: string,
  onChange: () => Promise<void>,
  options: { rescanMs?: number; onError?: (error: unknown) => void } = {},
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
    watcher = nodeFs().watch(dir, { persistent: true }, () => void run());
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(new Error(`cannot watch ${dir}: ${describeError(error)}; falling back to rescans`));
  }
  const timer = setInterval(() => void run(), options.rescanMs ?? 2000);
  await run();
  return {
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}

/** Resolves once `dir` holds at least one `.json` file, or when `signal` aborts. */
export async function waitForFile(dir: string, signal?: AbortSignal, rescanMs = 5000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let handle: FolderWatch | undefined;
    let done = false;
    const finish = (names: string[] | undefined, error?: unknown) => {
      if (done) return;
      done = true;
      handle?.close();
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(names ?? []);
    };
    const onAbort = () => finish([]);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) return finish([]);
    watchFolder(
      dir,
      async () => {
        const names = await listNames(dir);
        if (names.length) finish(names);
      },
      { rescanMs, onError: (error) => finish(undefined, error) },
    ).then(
      (h) => {
        handle = h;
        if (done) h.close();
      },
      (error: unknown) => finish(undefined, error),
    );
  });
}
