// Which Claude Code sessions are running right now, and where. One `ps` snapshot and one
// `tmux list-panes` per call: every claude process is found, mapped to its session, and to the
// tmux pane it runs in, if any. The session comes from the file Claude Code keeps while it runs
// (<config>/sessions/<pid>.json), else `--resume <id>` in its argv, else (a guess, marked as
// such) the newest transcript of its cwd. A file or argv id can be stale too: Claude Code keeps
// the old id in both after /clear (anthropics/claude-code#53037), so a mapping that a newer
// transcript of the same folder contradicts is marked as doubtful (see contradiction below).
import { join } from 'node:path';
import { isSessionId } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { descendants, isClaudeArgv, procInfo, processCwd, processSnapshot } from '../core/proc.ts';
import type { ProcessEntry } from '../core/proc.ts';
import { listPanes } from './tmux.ts';
import type { TmuxOptions } from './tmux.ts';
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
  /**
   * Why the session it runs is not known for sure, when it is not: a cwd guess, or an id that a
   * newer transcript of its folder contradicts. No session of its folder is resumed headlessly.
   */
  doubt: string | undefined;
  /**
   * When the id is contradicted: every session it may be running (the one named, and those of
   * its folder written since). sessionId is then undefined: it maps no session for sure.
   */
  maybe: string[];
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
  const mapped = claudes.map((p): RunningClaude => {
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
      doubt: fromCwd ? 'its session could only be guessed: no session file from Claude Code, no --resume in its arguments' : undefined,
      maybe: [],
    };
  });
  return mapped.map((r) => contradiction(r, mapped, sessions, r.via === 'session-file' ? startedAt(files.get(r.pid)) : undefined));
}

/** The process start a session file records (ms since epoch), when it does. */
function startedAt(file: SessionFile | undefined): number | undefined {
  return typeof file?.startedAt === 'number' && Number.isFinite(file.startedAt) ? file.startedAt : undefined;
}

/**
 * A named session (session file or argv) is contradicted when another transcript of the same
 * folder was written after it, and after the process started, and no other claude process
 * names that transcript: most likely this process wrote it after /clear, with the old id kept.
 * It can also be a session of that folder that ran elsewhere and ended since (a false alarm
 * that clears once the named session is written again): either way refusing is the safe side.
 */
function contradiction(
  running: RunningClaude,
  all: RunningClaude[],
  sessions: SessionRecord[],
  started: number | undefined,
): RunningClaude {
  if (running.via !== 'session-file' && running.via !== 'argv') return running;
  const named = sessions.find((s) => s.id === running.sessionId);
  const cwd = running.cwd ?? named?.cwd;
  const since = Math.max(named?.lastActive ?? 0, started ?? 0);
  // Neither the named transcript nor the start time is known: nothing to compare against.
  if (!cwd || since === 0) return running;
  const namedByOthers = new Set(all.filter((o) => o.pid !== running.pid && o.via !== 'cwd').map((o) => o.sessionId));
  const newer = sessions.filter((s) => s.cwd === cwd && s.id !== running.sessionId && s.lastActive > since && !namedByOthers.has(s.id));
  if (!newer.length) return running;
  const source = running.via === 'session-file' ? "Claude Code's session file" : 'its --resume argument';
  return {
    ...running,
    sessionId: undefined,
    doubt: `${source} names ${running.sessionId}, but ${newer.map((s) => s.id).join(', ')} of the same folder was written after it (Claude Code keeps the old id after /clear)`,
    maybe: [running.sessionId!, ...newer.map((s) => s.id)],
  };
}

interface SessionFile {
  sessionId?: unknown;
  procStart?: unknown;
  /** When the process started, ms since epoch (updatedAt is a heartbeat: no use for ordering). */
  startedAt?: unknown;
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
