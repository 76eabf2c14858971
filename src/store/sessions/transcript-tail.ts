// Reading what a transcript gained after a given byte offset: whole lines only (a line still
// being written is left for the next read).
import { hasErrno } from '../../core/errors.ts';
import { nodeFs } from '../../core/node-fs.ts';
import { promptText } from './transcript-head.ts';

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
  return (content ?? []).filter((b) => b?.type === 'text' && typeof b.text === 'string').map((b) => b.text!).join('\n');
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
