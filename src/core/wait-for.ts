// Waiting for something without polling: `probe` runs at start and whenever the watched folders
// change (one probe at a time); resolves with the first value it returns, or undefined at the
// deadline (if any) or on abort. The watches are closed the moment it settles: an open fs.watch
// makes Bun's exit ~15 ms slower, and a watcher's exit is what wakes a session.
/** Anything that watches and can be closed (store/watch.ts's FolderWatch is one). */
export interface Closable {
  close(): void;
}

/**
 * `hint`, passed through from the watch to the probe: what changed, when the watch knows (e.g.
 * "mail": only the inbox), so a probe can skip re-reading what cannot have changed.
 */
export function waitFor<T, H extends string = never>(
  watch: (onChange: (hint?: H) => Promise<void>) => Promise<Closable>,
  probe: (hint?: H) => Promise<T | undefined>,
  options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let handle: Closable | undefined;
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
    const onChange = (hint?: H) =>
      (queue = queue.then(async () => {
        if (settled) return;
        try {
          const value = await probe(hint);
          if (value !== undefined) finish(value);
        } catch (error) {
          finish(undefined, error);
        }
      }));
    watch(onChange).then(
      (h) => {
        if (settled) h.close();
        else handle = h;
      },
      (error: unknown) => finish(undefined, error),
    );
    if (options.signal?.aborted) finish(undefined);
  });
}
