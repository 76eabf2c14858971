import type { Clock } from '../core/clock.ts';
import type { WatchMode } from '../core/config.ts';
import type { Layout } from './layout.ts';
import type { ProblemSink } from './records.ts';

/** What every store module needs: where the files are, what time it is, where to report corrupt files. */
export interface StoreContext {
  layout: Layout;
  clock: Clock;
  report: ProblemSink;
  maxBodyBytes: number;
  /** How long-lived watches watch (CLAUDE_INTERCOM_WATCH; see watch-backend.ts). */
  watch: WatchMode;
}

export function isoNow(ctx: Pick<StoreContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString();
}
