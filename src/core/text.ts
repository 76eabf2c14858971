// Text that other sessions control, made safe to cut, to print and to check. JavaScript strings
// count UTF-16 units: a cut between the halves of a surrogate pair (an emoji) leaves a lone half
// that shows as U+FFFD, and a cut inside a grapheme cluster (👨‍👩‍👧, e + U+0301, a flag) leaves
// a broken symbol. Every cut in the project goes through here so none does; limits stay in
// UTF-16 units (what budgets and schemas count), the cut moves back to the nearest cluster boundary.
import { IntercomError } from './errors.ts';

let segmenter: Intl.Segmenter | undefined;
/** Made on first use (about 1 ms): nothing at import time, and the hooks' fast path never cuts. */
const graphemes = () => (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' }));

/** Units looked at around a cut to find its cluster; doubled for the rare longer cluster. */
const WINDOW = 64;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The nearest code-point boundary at or before `i`. */
function codePointBoundary(s: string, i: number): number {
  return i > 0 && i < s.length && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1)) ? i - 1 : i;
}

/**
 * The nearest grapheme-cluster boundary at or before `i`, never before `floor` (taken as a
 * boundary: where the caller's text starts). Only a window around `i` is segmented, so the cost
 * does not grow with the string; the window doubles for the rare cluster longer than it.
 */
export function boundaryAtOrBefore(s: string, i: number, floor = 0): number {
  if (i <= floor) return floor;
  if (i >= s.length) return s.length;
  const code = s.charCodeAt(i);
  const prev = s.charCodeAt(i - 1);
  // Fast path: between two ASCII characters other than CR LF there is always a boundary.
  if (code < 0x80 && prev < 0x80 && !(prev === 0x0d && code === 0x0a)) return i;
  for (let window = WINDOW; ; window *= 2) {
    const start = Math.max(floor, i - window);
    let at = start;
    for (const { index } of graphemes().segment(s.slice(start, Math.min(s.length, i + window)))) {
      if (start + index > i) break;
      at = start + index;
    }
    // The window's own start always counts as a boundary: only one found past it is trusted.
    if (at > start || start === floor) return at;
  }
}

/** The nearest grapheme-cluster boundary after the one at `b` (the end of the cluster that starts there). */
function nextBoundary(s: string, b: number): number {
  for (let window = WINDOW; ; window *= 2) {
    const end = Math.min(s.length, b + window);
    let first = true;
    for (const { index } of graphemes().segment(s.slice(b, end))) {
      if (!first) return b + index;
      first = false;
    }
    if (end === s.length) return s.length;
  }
}

/**
 * At most `n` UTF-16 units of `s` from `from`, ending on a grapheme-cluster boundary. When the
 * first cluster alone is longer than `n` it ends on a code point instead, so a caller that reads
 * on from the end always moves forward.
 */
export function sliceChars(s: string, n: number, from = 0): string {
  const limit = Math.min(s.length, from + Math.max(0, Math.floor(n)));
  if (limit >= s.length) return s.slice(from);
  let end = boundaryAtOrBefore(s, limit, from);
  if (end <= from) end = Math.max(from, codePointBoundary(s, limit));
  return s.slice(from, end);
}

/** At most the last `n` units of `s`, starting on a grapheme-cluster boundary. */
export function sliceTail(s: string, n: number): string {
  const cut = s.length - Math.max(0, Math.floor(n));
  if (cut <= 0) return s;
  const back = boundaryAtOrBefore(s, cut);
  return s.slice(back === cut ? cut : nextBoundary(s, back));
}

/** `s` when it has at most `max` units, else its head and `mark` (default "…") within `max` units. */
export function shorten(s: string, max: number, mark = '…'): string {
  return s.length <= max ? s : `${sliceChars(s, max - mark.length)}${mark}`;
}

// ---------------------------------------------------------------------------------------------
// Control characters: refused where a peer writes free text, stripped where a person reads it.

/** C0 controls except tab and newline, DEL, C1 controls. */
// Bidirectional controls (U+061C, U+200E-F, U+202A-E, U+2066-9) reorder what a reader sees
// ("fine <RLO>evil" shows reversed): as unwelcome in a peer's text as an escape sequence.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The same, with tab and newline: for one-line fields (status, reason, pattern). */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Refuses free text a peer wrote that carries control characters (ESC, BEL, C1, DEL; newlines
 * and tabs too when `oneLine`): such text could rewrite a person's terminal or forge lines.
 * The error names the field, the character and its position, like the message body's check.
 */
export function assertPlainText(field: string, value: string, options: { oneLine?: boolean } = {}): string {
  const bad = (options.oneLine ? CONTROL_ONE_LINE : CONTROL).exec(value);
  if (!bad) return value;
  const hex = bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
  const allowed = options.oneLine ? 'write it on one line, without tabs or newlines' : 'newlines and tabs are fine';
  throw new IntercomError('BAD_INPUT', `the ${field} contains control character U+${hex} at position ${bad.index}; remove it (${allowed})`);
}

// Escape sequences, 7-bit (ESC …) and 8-bit (C1 …): string commands (OSC, DCS, SOS, PM, APC) up
// to their terminator (BEL or ST) or the end of the text; CSI with its parameters; two-character ESC forms.
const STRING_COMMAND = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
const ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const LEFT_OVER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi controls and invisible characters (a zero-width joiner stays: emoji sequences need it). */
const INVISIBLE_OR_BIDI = /[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Text as it may reach a person's terminal: escape sequences (CSI, OSC such as OSC 52 clipboard
 * writes and window titles, DCS, …), every other C0/C1 control but tab and newline, bidi
 * controls and invisible characters removed.
 * The CLI passes all its output through this; `--json` output is escaped by JSON instead.
 */
export function forTerminal(s: string): string {
  const plain = s.replace(INVISIBLE_OR_BIDI, '');
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(plain)) return plain;
  return plain.replace(STRING_COMMAND, '').replace(CSI, '').replace(ESC_OTHER, '').replace(LEFT_OVER, '');
}

/** JSON text whose strings also escape DEL, C1 and the line separators, so it prints inertly and parses to the same value. */
export function jsonForTerminal(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A one-line field (project, status, title) for a table row: newlines and tabs shown as \n and \t, never breaking the row. */
export function oneLineForTerminal(s: string): string {
  return forTerminal(s)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')
    .replace(/\t/g, '\\t');
}

/**
 * A string a peer may control (a planted file's name, say) shown so that it is inert for a
 * terminal and for a model alike: printable ASCII as is, except `<`, `>` and `\`; everything else
 * as `\u{…}` escapes. Nothing in it can move a cursor, open a tag, or start a line.
 */
export function asciiEscaped(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += code >= 0x20 && code < 0x7f && ch !== '<' && ch !== '>' && ch !== '\\' ? ch : `\\u{${code.toString(16)}}`;
  }
  return out;
}
