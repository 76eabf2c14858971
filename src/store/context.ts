import type { Clock } from '../core/clock.ts';
import type { Layout } from './layout.ts';
import type { ProblemSink } from './records.ts';

/** What every store module needs: where the files are, what time it is, where to report corrupt files. */
export interface StoreContext {
  layout: Layout;
  clock: Clock;
  report: ProblemSink;
  maxBodyBytes: number;
}

export function isoNow(ctx: Pick<StoreContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString();
}
