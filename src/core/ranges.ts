// What a number input may be, said once for every surface that checks it: the CLI's flags
// (cli/options.ts), the MCP tools' input schemas (mcp/inputs.ts) and the operations below them,
// so the bounds and the words that state them never drift apart. No imports: anything may load it.

export interface NumberRange {
  min: number;
  max: number;
  /** `min` itself is refused: "more than 0". */
  aboveMin?: true;
  /** Only whole numbers. */
  whole: boolean;
  /** What the number counts, said in the message: "seconds". */
  unit?: string;
  /** The value when none is given. */
  default?: number;
}

/** How long ask waits for an answer. */
export const ASK_TIMEOUT_S = { min: 1, max: 600, whole: true, unit: 'seconds', default: 120 } as const satisfies NumberRange;

/** How long a file claim lasts (a fraction of a minute is fine); claiming again extends it. */
export const CLAIM_TTL_MINUTES = {
  min: 0,
  aboveMin: true,
  max: 24 * 60,
  whole: false,
  unit: 'minutes',
  default: 60,
} as const satisfies NumberRange;

/** Most paths or globs one claim may name. */
export const MAX_CLAIM_PATTERNS = 50;

/** How many sessions one list may hold. */
export const SESSIONS_LIMIT = { min: 1, max: 500, whole: true, default: 20 } as const satisfies NumberRange;

/** How many matches one history search returns. */
export const SEARCH_LIMIT = { min: 1, max: 50, whole: true, default: 20 } as const satisfies NumberRange;

/** Where a page starts: items (or a body's characters) to skip. */
export const OFFSET = { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true, default: 0 } as const satisfies NumberRange;

export function inRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value) || (range.whole && !Number.isInteger(value))) return false;
  return (range.aboveMin ? value > range.min : value >= range.min) && value <= range.max;
}

/** The range in words, to follow "must be": "a whole number of seconds from 1 to 600". */
export function rangeText(range: NumberRange): string {
  const what = `${range.whole ? 'a whole number' : 'a number'}${range.unit ? ` of ${range.unit}` : ''}`;
  if (range.max >= Number.MAX_SAFE_INTEGER) return `${what}, ${range.min} or more`;
  if (range.aboveMin) return `${what} more than ${range.min} and at most ${range.max}`;
  return `${what} from ${range.min} to ${range.max}`;
}
