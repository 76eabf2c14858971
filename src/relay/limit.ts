// At most `max` tasks at once, for the pumps that overlap many publishes or imports. A counter and
// its waiters, not Promise.race over the tasks in flight: racing a set of N promises attaches a
// handler to each of them, N per task started (256 × 8,000 for one burst of mail).

export interface Limiter {
  /** Start `task` once fewer than `max` run; resolves when it has started (not when it ends). */
  start(task: () => Promise<void>): Promise<void>;
  /** Resolves when no task runs. */
  idle(): Promise<void>;
}

/** `onError`: what a task that throws is reported to (the limiter itself goes on). */
export function createLimiter(max: number, onError: (error: unknown) => void): Limiter {
  let active = 0;
  let waiters: (() => void)[] = [];
  // Every waiter looks again (each in its while loop): the first to run takes the free slot.
  const wake = () => {
    const all = waiters;
    waiters = [];
    for (const w of all) w();
  };
  const wait = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    async start(task) {
      while (active >= max) await wait();
      active++;
      void task()
        .catch(onError)
        .finally(() => {
          active--;
          wake();
        });
    },
    async idle() {
      while (active > 0) await wait();
    },
  };
}
