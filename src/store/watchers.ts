// One armed watcher per agent. A new watcher (every Stop starts one) records itself and stops
// the one it replaces, so an agent never has two watchers racing to wake it.
import type { Clock } from '../core/clock.ts';
import { isProcessAlive } from '../core/proc.ts';
import { isoNow } from './context.ts';
import { replaceFile } from './files.ts';
import type { Layout } from './layout.ts';
import type { WatcherRecord } from './schema.ts';

/**
 * What the watchers need of a store. `readWatcher`: the record at `path`, undefined when it is
 * missing; the full store quarantines a bad one (records.ts readRecord), the lean routes hand the
 * hook to the full one instead (store/quick-hooks.ts). As activity.ts's readEvent.
 */
export interface WatchersContext {
  layout: Layout;
  clock: Clock;
  readWatcher(path: string): Promise<WatcherRecord | undefined>;
}

export function createWatchers(ctx: WatchersContext) {
  const { layout } = ctx;

  async function current(code: string): Promise<WatcherRecord | undefined> {
    return ctx.readWatcher(layout.watcherFile(code));
  }

  /**
   * Record `self` as the agent's watcher. Returns the previous watcher if it is still running
   * (the caller stops it).
   */
  async function arm(
    code: string,
    self: { pid: number; start: string; claudePid?: number | undefined },
  ): Promise<WatcherRecord | undefined> {
    const previous = await current(code);
    const record: WatcherRecord = {
      v: 1,
      pid: self.pid,
      pid_start: self.start,
      ...(self.claudePid ? { claude_pid: self.claudePid } : {}),
      armed_at: isoNow(ctx),
    };
    await replaceFile(layout, layout.watcherFile(code), layout.watchers, `${JSON.stringify(record)}\n`, ctx.clock.now(), false);
    if (previous && previous.pid !== self.pid && isProcessAlive(previous.pid, previous.pid_start)) return previous;
    return undefined;
  }

  async function isCurrent(code: string, pid: number): Promise<boolean> {
    return (await current(code))?.pid === pid;
  }

  return { current, arm, isCurrent };
}

export type Watchers = ReturnType<typeof createWatchers>;
