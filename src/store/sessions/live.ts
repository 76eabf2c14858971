// Which Claude Code sessions are running right now, and where. One `ps` snapshot and one
// `tmux list-panes` per call: every claude process is found, mapped to its session, and to the
// tmux pane it runs in, if any. The session comes from the file Claude Code keeps while it runs
// (<config>/sessions/<pid>.json), else `--resume <id>` in its argv, else (a guess, marked as
// such) the newest transcript of its cwd.
import { join } from 'node:path';
import { isSessionId } from '../../core/ids.ts';
import { nodeFs } from '../../core/node-fs.ts';
import { descendants, isClaudeArgv, procInfo, processCwd, processSnapshot } from '../../core/proc.ts';
import type { ProcessEntry } from '../../core/proc.ts';
import { listPanes } from '../../core/tmux.ts';
import type { TmuxOptions } from '../../core/tmux.ts';
import type { SessionRecord } from './discover.ts';

export interface RunningClaude {
  pid: number;
  sessionId: string | undefined;
  /**
   * How the session id was found: Claude Code's own session file, the process's argv, or (a
   * guess that can be wrong when several sessions share a folder) its cwd's newest transcript.
   */
  via: 'session-file' | 'argv' | 'cwd' | undefined;
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

export function findRunningClaudes(sessions: SessionRecord[], tmux: TmuxOptions, configDirs: string[] = []): RunningClaude[] {
  const table = processSnapshot();
  const paneOf = new Map<number, string>();
  for (const pane of listPanes(tmux)) {
    for (const p of [table.get(pane.pid), ...descendants(table, pane.pid)]) if (p) paneOf.set(p.pid, pane.target);
  }
  const files = readSessionFiles(configDirs);
  const newestByCwd = new Map<string, SessionRecord>();
  for (const s of sessions) if (s.cwd && !newestByCwd.has(s.cwd)) newestByCwd.set(s.cwd, s); // sessions come newest first
  const claudes = [...table.values()].filter((p) => isClaudeArgv(p.argv) && !isClaudeChild(p, table));
  return claudes.map((p) => {
    const cwd = processCwd(p.pid);
    const fromFile = sessionFromFile(files.get(p.pid), p.pid);
    const fromArgv = fromFile ? undefined : sessionIdFromArgv(p.argv);
    const fromCwd = fromFile || fromArgv ? undefined : cwd ? newestByCwd.get(cwd)?.id : undefined;
    return {
      pid: p.pid,
      sessionId: fromFile ?? fromArgv ?? fromCwd,
      via: fromFile ? 'session-file' : fromArgv ? 'argv' : fromCwd ? 'cwd' : undefined,
      cwd,
      tmux: paneOf.get(p.pid),
    };
  });
}

interface SessionFile {
  sessionId?: unknown;
  procStart?: unknown;
}

/** Claude Code's <config>/sessions/<pid>.json files (2.1 and later), by pid; unreadable ones are skipped. */
function readSessionFiles(configDirs: string[]): Map<number, SessionFile> {
  const fs = nodeFs();
  const files = new Map<number, SessionFile>();
  for (const dir of configDirs) {
    let names: string[];
    try {
      names = fs.readdirSync(join(dir, 'sessions'));
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = /^(\d+)\.json$/.exec(name)?.[1];
      if (!pid) continue;
      try {
        files.set(Number(pid), JSON.parse(fs.readFileSync(join(dir, 'sessions', name), 'utf8')) as SessionFile);
      } catch {
        // being rewritten, or not JSON: the argv and cwd rules still apply
      }
    }
  }
  return files;
}

/** The session id a session file names, if it belongs to this very process (not a reused pid). */
function sessionFromFile(file: SessionFile | undefined, pid: number): string | undefined {
  if (!file || typeof file.sessionId !== 'string' || !isSessionId(file.sessionId)) return undefined;
  const start = procInfo(pid)?.start;
  // procStart is the kernel start time on Linux, as our token is; elsewhere the tokens differ in kind.
  const comparable = typeof file.procStart === 'string' && start !== undefined && /^\d+$/.test(start);
  if (comparable && file.procStart !== start) return undefined;
  return file.sessionId;
}

/** A claude process whose parent is the same claude (a launcher re-exec): count the session once. */
function isClaudeChild(p: ProcessEntry, table: Map<number, ProcessEntry>): boolean {
  const parent = table.get(p.ppid);
  return parent !== undefined && isClaudeArgv(parent.argv) && sessionIdFromArgv(parent.argv) === sessionIdFromArgv(p.argv);
}
