// Did the user interrupt the session's turn? Claude Code runs no Stop hook when the user presses
// Esc (nor any other hook): it only appends a user record "[Request interrupted by user]" (or
// "... for tool use") to the transcript. Without this check a session interrupted once would
// count as busy until its next prompt, and its watcher would never wake it. Only the tail of
// the transcript is read.
import { nodeFs } from '../core/node-fs.ts';
import { recordText } from './transcript-tail.ts';

const TAIL_BYTES = 64 * 1024;
const INTERRUPT_MARK = '[Request interrupted by user';

/** The last `bytes` of a file as whole lines (the first, cut line is dropped); [] when missing. */
function tailLines(path: string, bytes: number): string[] {
  const fs = nodeFs();
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return []; // missing or unreadable: nothing tells that the turn ended
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    const n = fs.readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8', 0, n).split('\n');
    return start > 0 ? lines.slice(1) : lines;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * When the last conversation record (user or assistant) of the transcript is an interrupt
 * written at or after `since` (ISO time: when the session became busy), the interrupt's time
 * (ISO); otherwise undefined. An older interrupt, or a turn whose records do not fit the tail,
 * counts as not interrupted: the session stays busy, which only delays mail until the next hook,
 * never wakes a working session.
 */
export function interruptedAt(transcriptPath: string, since: string | undefined): string | undefined {
  const lines = tailLines(transcriptPath, TAIL_BYTES);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line still being written
    }
    if (record.type !== 'user' && record.type !== 'assistant') continue; // metadata records
    if (record.type !== 'user' || !recordText(record).startsWith(INTERRUPT_MARK)) return undefined;
    const at = typeof record.timestamp === 'string' ? Date.parse(record.timestamp) : Number.NaN;
    if (since !== undefined && !(Number.isFinite(at) && at >= Date.parse(since))) return undefined;
    return Number.isFinite(at) ? new Date(at).toISOString() : (since ?? new Date(0).toISOString());
  }
  return undefined;
}
