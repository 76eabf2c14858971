// Reading the message log (log/<id>.json, one entry per message ever sent, names sorted by time).
// The time is in the name, so a window of time is chosen before any file is parsed.
import type { StoreContext } from './context.ts';
import { listMessageNames, readRecord } from './records.ts';
import type { Message } from './schema.ts';

/** ms since epoch from a message id (its first 13 digits). */
export function idTime(id: string): number {
  return Number(id.slice(0, 13));
}

/**
 * How far ahead of our clock a stamp may be and still be believed. Ids and created_at come from
 * the writer's wall clock; a clock that ran fast and was then set back leaves stamps in the
 * future, and anything that compares them with "now" (rate limits, ages) would misread them.
 * A few seconds covers ordinary drift between processes.
 */
export const MAX_CLOCK_SKEW_MS = 5_000;

/** A stamp further ahead of `now` than the allowed skew: written by a clock that was wrong. */
export function isFutureStamp(ms: number, now: number): boolean {
  return ms > now + MAX_CLOCK_SKEW_MS;
}

/** Log entries newest first, parsed lazily: stops as soon as `take` says it has enough. */
export async function scanLogNewestFirst(ctx: StoreContext, take: (message: Message) => boolean): Promise<void> {
  const names = await listMessageNames(ctx.layout, ctx.layout.log, ctx.report, ctx.clock.now());
  for (let i = names.length - 1; i >= 0; i--) {
    const message = await readRecord(ctx.layout, 'message', `${ctx.layout.log}/${names[i]}`, ctx.report, ctx.clock.now());
    if (message && take(message)) return;
  }
}
