// Keeping every tool result within MAX_RESULT_CHARS (src/core/limits.ts). A result is sent twice:
// as text (for clients that show content) and as structuredContent (what Claude Code hands the
// model), so both are measured. Lists are cut at the first item that does not fit, never by
// skipping to smaller ones, so "the rest" is always a clean cursor (an offset, an id) to continue from.
import { MAX_RESULT_CHARS } from '../core/limits.ts';
import { sliceChars } from '../core/text.ts';

export { sliceChars };

/** Room for the items of a list once the fixed parts (notice, head line, next step) are written. */
export const ITEMS_BUDGET = MAX_RESULT_CHARS - 2_000;

export interface Budget {
  /** Counts an item in if its text and data both still fit; otherwise counts nothing and says no. */
  take(text: string, data: unknown): boolean;
  /** Characters left, in each of the two renderings. */
  room(): { text: number; json: number };
}

export function createBudget(max = ITEMS_BUDGET): Budget {
  let text = 0;
  let json = 0;
  return {
    take(itemText, itemData) {
      // +2 and +1: the blank line and the comma that join items.
      const t = itemText.length + 2;
      const j = JSON.stringify(itemData).length + 1;
      if (text + t > max || json + j > max) return false;
      text += t;
      json += j;
      return true;
    },
    room: () => ({ text: max - text - 2, json: max - json - 1 }),
  };
}

/** The leading items of a list whose text and data fit the budget; `left` counts the rest. */
export function fitList<T, D>(items: readonly T[], textOf: (item: T) => string, dataOf: (item: T) => D, max = ITEMS_BUDGET) {
  const budget = createBudget(max);
  const rows: string[] = [];
  const data: D[] = [];
  for (const item of items) {
    const row = textOf(item);
    const d = dataOf(item);
    if (!budget.take(row, d)) break;
    rows.push(row);
    data.push(d);
  }
  return { rows, data, left: items.length - rows.length };
}

/** What to tell the model about the items a list left out, or '' when nothing was. */
export function moreNote(left: number, what: string, how: string): string {
  return left > 0 ? `${left} more ${what}: ${how} (each result is kept under ${MAX_RESULT_CHARS.toLocaleString('en-US')} characters).` : '';
}

const CAP_NOTE = `[intercom cut this result to stay under ${MAX_RESULT_CHARS.toLocaleString('en-US')} characters; ask for less: a filter, a limit, or the paging input the tool offers]`;

/**
 * Last line of defence, for a result that a tool's own paging let grow too big (a huge warning,
 * one enormous item): cut the text, and replace data that is too big by that cut text, so the
 * model still gets a bounded answer that says what happened instead of one Claude Code drops.
 */
export function capResult(text: string, data: Record<string, unknown>): { text: string; data: Record<string, unknown>; capped: boolean } {
  const textFits = text.length <= MAX_RESULT_CHARS;
  const dataFits = JSON.stringify(data).length <= MAX_RESULT_CHARS;
  if (textFits && dataFits) return { text, data, capped: false };
  const cut = textFits ? text : `${sliceChars(text, MAX_RESULT_CHARS - CAP_NOTE.length - 2)}\n\n${CAP_NOTE}`;
  return {
    text: cut,
    data: dataFits ? data : { cut: true, note: CAP_NOTE, text: fitJsonString(cut, MAX_RESULT_CHARS - CAP_NOTE.length - 100) },
    capped: true,
  };
}

/** The longest head of `s` whose JSON string form is at most `max` characters (escapes count). */
export function fitJsonString(s: string, max: number, from = 0): string {
  let n = Math.min(s.length - from, max);
  let part = sliceChars(s, n, from);
  for (let over = JSON.stringify(part).length - max; over > 0 && n > 0; over = JSON.stringify(part).length - max) {
    n -= Math.max(1, Math.ceil(over / 2));
    part = sliceChars(s, n, from);
  }
  return part;
}
