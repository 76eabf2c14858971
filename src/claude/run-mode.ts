// How the Claude Code process that runs a hook was started, as far as its argv tells (Linux:
// /proc/<pid>/cmdline; elsewhere one `ps`). Read only on slow paths, never on PreToolUse's fast one.
import { commandLine } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';

const hasFlag = (argv: string[], flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));

/**
 * False for `claude -p` without streaming input: Claude Code (2.1.330, observed) then runs an
 * asyncRewake hook in the foreground and waits for it.
 */
export function runsInBackground(claude: ProcInfo | undefined): boolean {
  if (!claude) return true;
  const argv = commandLine(claude.pid);
  const print = argv.some((a) => a === '-p' || a === '--print');
  const streaming = argv.some((a, i) => a === '--input-format=stream-json' || (a === '--input-format' && argv[i + 1] === 'stream-json'));
  return !print || streaming;
}

/**
 * True when the run may end after any tool call without another model request: `--max-turns` or
 * `--max-budget-usd` (2.1.330, observed: with --max-turns 2, the second tool call's PreToolUse
 * context reached no request). Mail handed to such a tool call could be marked delivered unseen.
 */
export function mayEndAfterAnyTool(claude: ProcInfo | undefined): boolean {
  if (!claude) return false;
  const argv = commandLine(claude.pid);
  return hasFlag(argv, '--max-turns') || hasFlag(argv, '--max-budget-usd');
}
