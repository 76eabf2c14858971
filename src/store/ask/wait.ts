// Waiting for something with fs events and a deadline, without polling: resolves with the first
// value `probe` returns, or undefined at the deadline or on abort.
import type { FolderWatch } from '../watch.ts';

export function waitFor<T>(
  watch: (onChange: () => Promise<void>) => Promise<FolderWatch>,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let handle: FolderWatch | undefined;
    const finish = (value: T | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      handle?.close();
      if (error) reject(error);
      else resolve(value);
    };
    const onAbort = () => finish(undefined);
    const timer = setTimeout(() => finish(undefined), options.timeoutMs);
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
