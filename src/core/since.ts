// "Only messages newer than…": a duration back from now ("2h") or a date. Read once where the
// text comes in (a CLI flag, a tool input), turned into a time only when the search runs, with
// the clock the store was given.
import { IntercomError } from './errors.ts';

export type Since = { agoMs: number } | { at: number };

/** The forms a since may take, in words, for the messages that refuse one. */
export const SINCE_FORMS = 'a duration (30m, 2h, 3d) or a date (2026-11-21T09:00)';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** 2026-11-21, 2026-11-21T09:00, …:00.000Z, …+02:00. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** "2h", "3d", "45m" or a date; undefined when it is neither. */
export function readSince(text: string): Since | undefined {
  const m = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (m) return { agoMs: Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] };
  // Only ISO dates: Date.parse alone takes "5" for the year 2001, which no one means.
  if (!ISO_DATE.test(text.trim())) return undefined;
  const at = Date.parse(text.trim());
  return Number.isNaN(at) ? undefined : { at };
}

/** `text` as a Since; BAD_INPUT when it is neither a duration nor a date. */
export function parseSince(text: string): Since {
  const since = readSince(text);
  if (!since) throw new IntercomError('BAD_INPUT', `since "${text}" is neither a duration (30m, 2h, 3d) nor a date (2026-11-21T09:00)`);
  return since;
}

/** The time (ms since epoch) a Since names, at `now`. */
export function sinceTime(since: Since, now: number): number {
  return 'at' in since ? since.at : now - since.agoMs;
}
