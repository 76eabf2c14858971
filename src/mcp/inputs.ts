// Tool inputs with their bounds in the schema: the model reads them in tools/list, and a value
// outside them is refused before a tool runs, in the same words on every tool ("offset must be a
// whole number, 0 or more"). The ranges are the ones the operations hold (core/ranges.ts).
// Refusals are rendered here too (inputError), not by the SDK, whose text is
// "MCP error -32602: Input validation error: …" with zod's wording.
import { z } from 'zod';
import type { NumberRange } from '../core/ranges.ts';
import { OFFSET, rangeText } from '../core/ranges.ts';
import { readSince, SINCE_FORMS } from '../core/since.ts';

/** A number input within `range`, its default the range's. `hint`: what to do instead, after the bounds. */
export function numberIn(range: NumberRange & { default: number }, hint?: string) {
  const message = `must be ${rangeText(range)}${hint ? `; ${hint}` : ''}`;
  const base = range.whole ? z.number({ error: message }).int(message) : z.number({ error: message });
  const low = range.aboveMin ? base.gt(range.min, message) : base.min(range.min, message);
  // Past MAX_SAFE_INTEGER, int() already holds the top (a second maximum would only lengthen the schema).
  const bounded = range.max >= Number.MAX_SAFE_INTEGER ? low : low.max(range.max, message);
  return bounded.default(range.default);
}

/** Where a page starts: `what` to skip. */
export const offsetInput = (what = 'skip this many (to page on)') => numberIn(OFFSET).describe(what);

/** "2h", "3d" or a date, checked here (the schema shows it as a string). */
export const sinceInput = () =>
  z
    .string()
    .refine((text) => readSince(text) !== undefined, `must be ${SINCE_FORMS}`)
    .optional();

/**
 * What the model reads for input a tool refused: each field and what it must be, in the schema's
 * own words where a field declares them, else zod's issue said plainly.
 */
export function inputError(tool: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : 'the input';
    return `${field} ${issue.message}`;
  });
  return `${tool} was not run: ${problems.join('; ')}.`;
}

/** Words for the issues a field declares none for (a wrong type, a missing field). */
export const issueWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `must list at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `must list at most ${issue.maximum}`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
  return undefined; // zod's own words
};

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
