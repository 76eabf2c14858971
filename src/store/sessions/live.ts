// Which Claude Code sessions are running right now, and where. One `ps` snapshot and one
// `tmux list-panes` per call: every claude process is found, mapped to its session (from
// `--resume <id>` in its argv, else the newest transcript of its cwd), and to the tmux pane it
// runs in, if any.
import { descendants, isClaudeArgv, processCwd, processSnapshot } from '../../core/proc.ts';
import type { ProcessEntry } from '../../core/proc.ts';
import { listPanes } from '../../core/tmux.ts';
import type { TmuxOptions } from '../../core/tmux.ts';
import type { SessionRecord } from './discover.ts';

export interface RunningClaude {
  pid: number;
  sessionId: string | undefined;
  /** How the session id was found: the process's own argv, or its cwd's newest transcript. */
  via: 'argv' | 'cwd' | undefined;
  cwd: string | undefined;
  /** session:window.pane when it runs inside tmux. */
  tmux: string | undefined;
}

const SESSION_FLAGS = new Set(['--resume', '-r', '--session-id']);

/** `--resume <id>`, `-r <id>`, `--session-id <id>` or `--resume=<id>` in an argv. */
export function sessionIdFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (SESSION_FLAGS.has(arg) && argv[i + 1] && !argv[i + 1]!.startsWith('-')) return argv[i + 1];
    const eq = /^(?:--resume|--session-id)=(.+)$/.exec(arg);
    if (eq) return eq[1];
  }
  return undefined;
}

export function findRunningClaudes(sessions: SessionRecord[], tmux: TmuxOptions): RunningClaude[] {
  const table = processSnapshot();
  const paneOf = new Map<number, string>();
  for (const pane of listPanes(tmux)) {
    for (const p of [table.get(pane.pid), ...descendants(table, pane.pid)]) if (p) paneOf.set(p.pid, pane.target);
  }
  const newestByCwd = new Map<string, SessionRecord>();
  for (const s of sessions) if (s.cwd && !newestByCwd.has(s.cwd)) newestByCwd.set(s.cwd, s); // sessions come newest first
  const claudes = [...table.values()].filter((p) => isClaudeArgv(p.argv) && !isClaudeChild(p, table));
  return claudes.map((p) => {
    const fromArgv = sessionIdFromArgv(p.argv);
    const cwd = processCwd(p.pid);
    const fromCwd = fromArgv ? undefined : cwd ? newestByCwd.get(cwd)?.id : undefined;
    return {
      pid: p.pid,
      sessionId: fromArgv ?? fromCwd,
      via: fromArgv ? 'argv' : fromCwd ? 'cwd' : undefined,
      cwd,
      tmux: paneOf.get(p.pid),
    };
  });
}

/** A claude process whose parent is the same claude (a launcher re-exec): count the session once. */
function isClaudeChild(p: ProcessEntry, table: Map<number, ProcessEntry>): boolean {
  const parent = table.get(p.ppid);
  return parent !== undefined && isClaudeArgv(parent.argv) && sessionIdFromArgv(parent.argv) === sessionIdFromArgv(p.argv);
}
