// How far ahead of our clock a stamp may be and still be believed. Its own file so that the busy/
// idle events (activity.ts), which the hooks' lean route writes, need nothing of the log reader
// (log-scan.ts, which loads records.ts and, through it, may load zod).

/**
 * How far ahead of our clock a stamp may be and still be believed (ms). Ids and created_at come
 * from the writer's wall clock; a clock that ran fast and was then set back leaves stamps in the
 * future, and anything that compares them with "now" (rate limits, ages) would misread them.
 * A few seconds covers ordinary drift between processes.
 */
export const MAX_CLOCK_SKEW_MS = 5_000;

/** A stamp (epoch ms) further ahead of `now` than the allowed skew: written by a clock that was wrong. */
export function isFutureStamp(ms: number, now: number): boolean {
  return ms > now + MAX_CLOCK_SKEW_MS;
}
