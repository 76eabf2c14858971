// node:fs, loaded on first use. Importing it costs ~4 ms in Bun, and a PreToolUse hook with an
// empty inbox never needs it (its reads use Bun.file and Bun.Glob); only writers pay.
import type * as Fs from 'node:fs';

let fs: typeof Fs | undefined;

export function nodeFs(): typeof Fs {
  fs ??= require('node:fs') as typeof Fs;
  return fs;
}
