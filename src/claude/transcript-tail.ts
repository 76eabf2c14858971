// Reading what a transcript gained after a given byte offset: whole lines only (a line still
// being written is left for the next read). And the titles a transcript records late (a
// `/rename` name, Claude Code's generated title), read from its two ends only.
import { hasErrno } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { oneLine, parseLine, promptText, titleOf } from './transcript-head.ts';

export function transcriptSize(path: string): number {
  try {
    return nodeFs().statSync(path).size;
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return 0;
    throw error;
  }
}

export function readRecordsFrom(path: string, offset: number): { records: Record<string, unknown>[]; next: number } {
  const size = transcriptSize(path);
  if (size <= offset) return { records: [], next: offset };
  const fs = nodeFs();
  const fd = fs.openSync(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(size - offset);
    const n = fs.readSync(fd, buffer, 0, buffer.length, offset);
    text = buffer.toString('utf8', 0, n);
  } finally {
    fs.closeSync(fd);
  }
  const end = text.lastIndexOf('\n');
  if (end < 0) return { records: [], next: offset };
  const records: Record<string, unknown>[] = [];
  for (const line of text.slice(0, end).split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a JSON line: skip it, the transcript is Claude Code's, not ours to repair
    }
  }
  return { records, next: offset + Buffer.byteLength(text.slice(0, end + 1), 'utf8') };
}

type Block = { type?: string; text?: string };

/** All text a record's message carries (its text blocks, joined), or '' for none. */
export function recordText(record: Record<string, unknown>): string {
  const content = (record.message as { content?: string | Block[] } | undefined)?.content;
  if (typeof content === 'string') return content;
  return (content ?? [])
    .filter((b) => b?.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text!)
    .join('\n');
}

/** The text an assistant record carries (its text blocks), or undefined for other records. */
export function assistantText(record: Record<string, unknown>): string | undefined {
  if (record.type !== 'assistant') return undefined;
  return recordText(record) || undefined;
}

/** The prompt text of a user record (not a tool result), or undefined. */
export function userPromptText(record: Record<string, unknown>): string | undefined {
  if (record.type !== 'user') return undefined;
  return promptText((record.message as { content?: Parameters<typeof promptText>[0] } | undefined)?.content);
}

/**
 * How far from each end of a transcript titles are looked for: the window Claude Code's own
 * session list reads (agent SDK `LITE_READ_BUF_SIZE`, head and tail), so a name it shows is found
 * here too, and listing 1,000 large transcripts stays a matter of milliseconds.
 */
export const TITLE_WINDOW = 64 * 1024;

/** Titles a transcript carries as records of their own. Shape: `{ custom?, generated?, prompt? }`. */
export interface RecordedTitles {
  /** The last name given with `/rename` (`{"type":"custom-title","customTitle":…}`). */
  custom?: string;
  /** Claude Code's own title: the last `ai-title` record's `aiTitle` (2.1.2xx), else the last `summary` record's `summary` (older versions). */
  generated?: string;
  /** Whether a real prompt is in the windows read (asked for with `wantPrompt` only). */
  prompt?: boolean;
}

/** Record types searched for, as Claude Code writes them (JSON.stringify: no spaces), and the field that holds the title. */
const CUSTOM = { type: 'custom-title', field: 'customTitle' };
const GENERATED = [
  { type: 'ai-title', field: 'aiTitle' },
  { type: 'summary', field: 'summary' },
];

/**
 * The title records in the first and last TITLE_WINDOW bytes of a transcript of `size` bytes;
 * the latest of each kind wins (a session renamed twice is known by its second name). Claude Code
 * appends these records late, past the head that holds the first prompt. `wantPrompt` also looks
 * for a real prompt in those windows, for a transcript whose head had none within its limit.
 */
export function readRecordedTitles(path: string, size: number, wantPrompt = false): RecordedTitles {
  const windows = readWindows(path, size); // the tail first: later records win
  const titles: RecordedTitles = {};
  const custom = firstFound(windows, CUSTOM);
  if (custom) titles.custom = custom;
  for (const kind of GENERATED) {
    titles.generated ??= firstFound(windows, kind);
  }
  if (wantPrompt) titles.prompt = windows.some(hasPrompt);
  return titles;
}

/**
 * Reused by every call (reads are synchronous and only strings leave readRecordedTitles): a fresh
 * 128 KB per transcript cost a third of the time of listing 1,000 of them.
 */
const scratch = Buffer.allocUnsafe(2 * TITLE_WINDOW);

/**
 * The last TITLE_WINDOW bytes, then the first TITLE_WINDOW bytes when they do not overlap; [] when
 * unreadable. Views of `scratch`: valid until the next call.
 */
function readWindows(path: string, size: number): Buffer[] {
  const fs = nodeFs();
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'EACCES', 'EISDIR')) return [];
    throw error;
  }
  try {
    // Only the bytes read are used, so the scratch space needs no zeroing; a file that grew since
    // its stat is read up to the size stated.
    const read = (at: number, start: number, length: number) => scratch.subarray(at, at + fs.readSync(fd, scratch, at, length, start));
    if (size <= 2 * TITLE_WINDOW) return [read(0, 0, size)];
    return [read(0, size - TITLE_WINDOW, TITLE_WINDOW), read(TITLE_WINDOW, 0, TITLE_WINDOW)];
  } finally {
    fs.closeSync(fd);
  }
}

/** The `field` of the last record of `type` in the first window that has one (non-empty string). */
function firstFound(windows: Buffer[], kind: { type: string; field: string }): string | undefined {
  for (const window of windows) {
    const value = lastValue(window, kind);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Searches the bytes for the record type instead of parsing every line (a window is 64 KB of
 * JSON; a byte search takes ~2 µs): only lines that mention the type are parsed, and the parsed
 * record must really be of that type (a tool's input inside a message can hold the same text).
 */
function lastValue(window: Buffer, kind: { type: string; field: string }): string | undefined {
  const needle = `"type":"${kind.type}"`;
  for (let at = window.lastIndexOf(needle); at >= 0; at = at > 0 ? window.lastIndexOf(needle, at - 1) : -1) {
    const record = parseLine(lineAround(window, at));
    const value = record?.type === kind.type ? record[kind.field] : undefined;
    if (typeof value === 'string' && value.trim()) return oneLine(value);
  }
  return undefined;
}

/** The whole line holding byte `at` (a cut first or last line fails to parse and is skipped). */
function lineAround(window: Buffer, at: number): string {
  const start = window.lastIndexOf(0x0a, at) + 1;
  const end = window.indexOf(0x0a, at);
  return window.toString('utf8', start, end < 0 ? window.length : end);
}

/** Whether any user record in the window is a real prompt (see titleOf). */
function hasPrompt(window: Buffer): boolean {
  const needle = '"type":"user"';
  for (let at = window.indexOf(needle); at >= 0; ) {
    const record = parseLine(lineAround(window, at));
    if (record && titleOf(record)) return true;
    const next = window.indexOf(0x0a, at);
    at = next < 0 ? -1 : window.indexOf(needle, next);
  }
  return false;
}
