// Reading the message log (log/<id>.json, one entry per message ever sent, names sorted by time).
// The time is in the name, so a window of time is chosen before any file is parsed.
import type { StoreContext } from './context.ts';
import { listMessageNames, readRecord } from './records.ts';
import type { Message } from './schema.ts';

/** ms since epoch from a message id (its first 13 digits). */
export function idTime(id: string): number {
  return Number(id.slice(0, 13));
}

// The clock-skew rule is shared with the busy/idle events, which must not load this file's readers.
export { MAX_CLOCK_SKEW_MS, isFutureStamp } from './clock-skew.ts';

/** Log entries newest first, parsed lazily: stops as soon as `take` says it has enough. */
export async function scanLogNewestFirst(ctx: StoreContext, take: (message: Message) => boolean): Promise<void> {
  const names = await listMessageNames(ctx.layout, ctx.layout.log, ctx.report, ctx.clock.now());
  for (let i = names.length - 1; i >= 0; i--) {
    const message = await readRecord(ctx.layout, 'message', `${ctx.layout.log}/${names[i]}`, ctx.report, ctx.clock.now());
    if (message && take(message)) return;
  }
}
