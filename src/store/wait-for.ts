// Waiting for something without polling: `probe` runs at start and whenever the watched folders
// change (one probe at a time); resolves with the first value it returns, or undefined at the
// deadline (if any) or on abort. The watches are closed the moment it settles: an open fs.watch
// makes Bun's exit ~15 ms slower, and a watcher's exit is what wakes a session.
import type { FolderWatch } from './watch.ts';

export function waitFor<T>(
  watch: (onChange: () => Promise<void>) => Promise<FolderWatch>,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let handle: FolderWatch | undefined;
    const finish = (value: T | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      handle?.close();
      if (error) reject(error);
      else resolve(value);
    };
    const onAbort = () => finish(undefined);
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => finish(undefined), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort);
    let queue = Promise.resolve();
    const onChange = () =>
      (queue = queue.then(async () => {
        if (settled) return;
        try {
          const value = await probe();
          if (value !== undefined) finish(value);
        } catch (error) {
          finish(undefined, error);
        }
      }));
    watch(onChange).then(
      (h) => (settled ? h.close() : (handle = h)),
      (error: unknown) => finish(undefined, error),
    );
    if (options.signal?.aborted) finish(undefined);
  });
}
