// One armed watcher per agent. A new watcher (every Stop starts one) records itself and stops
// the one it replaces, so an agent never has two watchers racing to wake it.
import { isProcessAlive } from '../core/proc.ts';
import type { StoreContext } from './context.ts';
import { isoNow } from './context.ts';
import { replaceFile } from './files.ts';
import { readRecord } from './records.ts';
import type { WatcherRecord } from './schema.ts';

export function createWatchers(ctx: StoreContext) {
  const { layout } = ctx;

  async function current(code: string): Promise<WatcherRecord | undefined> {
    return readRecord(layout, 'watcher', layout.watcherFile(code), ctx.report, ctx.clock.now());
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
