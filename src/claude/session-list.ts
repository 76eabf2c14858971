// list_sessions: every Claude Code session, recent first, with whether it runs now (and where)
// and its intercom code if it has one.
import { IntercomError } from '../core/errors.ts';
import { SESSIONS_LIMIT, inRange, rangeText } from '../core/ranges.ts';
import type { TmuxOptions } from './tmux.ts';
import { discoverTranscripts } from './discover.ts';
import type { SessionRecord } from './discover.ts';
import { findRunningClaudes } from './running.ts';
import type { RunningClaude } from './running.ts';

/** An intercom agent as far as a session list needs it: its code, and the session it runs in. */
export interface SessionAgent {
  code: string;
  session_id?: string | undefined;
}

export type SessionScope = 'recent' | 'live' | 'all';
export const RECENT_MS = 7 * 24 * 60 * 60 * 1000;

export interface SessionView {
  id: string;
  project: string;
  cwd: string | undefined;
  title: string | undefined;
  last_active: string;
  /**
   * live: a claude process runs it in a tmux pane, or its intercom agent is live. unsure: a
   * claude process may be running it (its session file or --resume names one session, but
   * another of its folder was written since), so it is treated as running, never resumed.
   */
  state: 'live' | 'running' | 'unsure' | 'idle';
  tmux: string | undefined;
  code: string | undefined;
  transcript: string;
}

export interface SessionSnapshot {
  sessions: SessionRecord[];
  running: RunningClaude[];
  agents: SessionAgent[];
}

/**
 * `sessions` holds only those a user could resume (what list_sessions shows and send/ask resolve);
 * the running processes are matched against every main transcript, since a claude just started
 * writes one before its first prompt, and its folder's newest transcript may be that one.
 */
export function takeSnapshot(configDirs: string[], tmux: TmuxOptions, agents: SessionAgent[]): SessionSnapshot {
  const transcripts = discoverTranscripts(configDirs);
  const sessions = transcripts.filter((s) => s.listed);
  return { sessions, running: findRunningClaudes(transcripts, tmux, configDirs), agents };
}

export function viewOf(s: SessionRecord, snap: SessionSnapshot): SessionView {
  const procs = snap.running.filter((r) => r.sessionId === s.id);
  const agent = snap.agents.find((a) => a.session_id === s.id);
  const tmux = procs.find((p) => p.tmux)?.tmux;
  return {
    id: s.id,
    project: s.project,
    cwd: s.cwd,
    title: s.title,
    last_active: new Date(s.lastActive).toISOString(),
    state: tmux || agent ? 'live' : procs.length ? 'running' : snap.running.some((r) => r.maybe.includes(s.id)) ? 'unsure' : 'idle',
    tmux,
    code: agent?.code,
    transcript: s.transcript,
  };
}

export function listSessionViews(
  snap: SessionSnapshot,
  /** `offset`: how many of the matching sessions to skip first (paging), default 0. */
  options: { scope?: SessionScope; project?: string; limit?: number; offset?: number; now: number },
): SessionView[] {
  const limit = options.limit ?? SESSIONS_LIMIT.default;
  if (!inRange(limit, SESSIONS_LIMIT)) throw new IntercomError('BAD_INPUT', `a session list's limit must be ${rangeText(SESSIONS_LIMIT)}`);
  const needle = options.project?.trim().toLowerCase();
  const scope = options.scope ?? 'recent';
  return snap.sessions
    .map((s) => viewOf(s, snap))
    .filter((v) => {
      if (scope === 'live' && v.state === 'idle') return false;
      if (scope === 'recent' && v.state === 'idle' && options.now - Date.parse(v.last_active) > RECENT_MS) return false;
      if (needle && !v.project.toLowerCase().includes(needle) && !(v.cwd ?? '').toLowerCase().includes(needle)) return false;
      return true;
    })
    .slice(options.offset ?? 0, (options.offset ?? 0) + limit);
}

/** The one session an id or unique prefix (6+ characters) names, or undefined. Throws when ambiguous. */
export function findSession(sessions: SessionRecord[], token: string): SessionRecord | undefined {
  const exact = sessions.find((s) => s.id === token);
  if (exact) return exact;
  if (token.length < 6) return undefined;
  const matches = sessions.filter((s) => s.id.startsWith(token));
  if (matches.length > 1) {
    const ids = matches.map((s) => s.id);
    throw new IntercomError('AMBIGUOUS', `session prefix "${token}" matches ${ids.slice(0, 5).join(', ')}; give more of the id`);
  }
  return matches[0];
}
