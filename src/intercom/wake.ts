// When intercom may hand mail to a session's model, and when a watcher may wake the session: the
// one place for these rules. "Delivered" must mean the main thread's model was shown the mail,
// so each hook event gets mail only where its output surely reaches that model (observed with
// Claude Code 2.1.330; the cases are in the comments below), and a watcher wakes only an idle
// session (a busy one gets its mail on its next tool call or at its Stop).
import type { ProcInfo } from '../core/proc.ts';
import { mayEndAfterAnyTool, runsInBackground } from '../claude/run-mode.ts';
import type { Intercom } from './index.ts';

/**
 * How a hook may hand over mail:
 * - `context`: as additionalContext of its answer (the model reads it in this request);
 * - `wake`: an asyncRewake watcher that exits 2 with the mail (Claude Code wakes the idle session);
 * - `none`: not at all (the mail waits in new/ for a hook that can).
 */
export type MailHandover = 'none' | 'context' | 'wake';

/**
 * The handover for `event` (the `intercom hook` argument). `subagent`: the hook input carries
 * `agent_id` (the hook fired inside a subagent, whose context is not the main thread's).
 * `claude`: the Claude process running the hook, whose argv is read only when the rule needs it.
 */
export function mailHandover(event: string, situation: { subagent: boolean; claude: ProcInfo | undefined }): MailHandover {
  if (situation.subagent) return 'none';
  switch (event) {
    case 'user-prompt-submit':
      return 'context';
    case 'pre-tool-use':
      // A run that may end after this very tool call (--max-turns, --max-budget-usd) might never
      // show the model this context: the mail waits for a prompt, a wake or a later run instead.
      return mayEndAfterAnyTool(situation.claude) ? 'none' : 'context';
    case 'session-start':
      // Under `claude -p` (no streaming input) the watcher runs in the foreground: its exit 2 is
      // only logged, but SessionStart's additionalContext reaches the first request.
      return runsInBackground(situation.claude) ? 'wake' : 'context';
    case 'stop':
    case 'stop-failure':
      // In the foreground, Stop's exit 2 becomes "Stop hook feedback" only when the run may go
      // on, which a hook cannot tell (--max-turns reached, a budget cap): take nothing.
      return runsInBackground(situation.claude) ? 'wake' : 'none';
    default:
      return 'none';
  }
}

/** What a watcher found when it looked: it may wake (idle), must wait (busy), or must leave. */
export type WatcherStanding = 'idle' | 'busy' | 'replaced' | 'gone';

export interface WakeCheckOptions {
  /** The watcher's own pid: it may wake only while it is the agent's current watcher. */
  pid: number;
  /**
   * The agent was not seen live yet and may still register (a resumed session arms its watcher
   * before its new MCP server registers, ~1.7 s later with 2.1.330): wait for it this long (ms).
   */
  registrationWaitMs: number | undefined;
  /** How long an agent that was live may stay unregistered (an MCP reconnect) before the watcher leaves (ms). */
  goneGraceMs: number;
}

/**
 * What the watcher's check reads: an Intercom, or the lean wait's store (hooks/watcher-lean.ts).
 * `agents.getLive` gives the agent's record while its process lives, else undefined.
 */
export interface WakeCheckStore {
  watchers: Pick<Intercom['watchers'], 'isCurrent'>;
  agents: { getLive(code: string): Promise<unknown> };
  presence: Pick<Intercom['presence'], 'of'>;
}

/**
 * The watcher's check, run when it arms and after changes: whether it may wake its session now.
 * A session that is busy gets its mail from PreToolUse or its next Stop, so only an idle one is
 * woken (an interrupted turn counts as idle: intercom/presence.ts).
 */
export function createWakeCheck(intercom: WakeCheckStore, code: string, options: WakeCheckOptions): () => Promise<WatcherStanding> {
  let seenLive = options.registrationWaitMs === undefined;
  const armedAt = Date.now();
  return async () => {
    if (!(await intercom.watchers.isCurrent(code, options.pid))) return 'replaced';
    if (await intercom.agents.getLive(code)) seenLive = true;
    else if (!seenLive) {
      if (Date.now() - armedAt > options.registrationWaitMs!) return 'gone'; // it never registered
    } else {
      await Bun.sleep(options.goneGraceMs);
      if (!(await intercom.agents.getLive(code))) return 'gone'; // the session is ending
    }
    return idleOrBusy(intercom, code);
  };
}

/**
 * The session's busy/idle part of the check alone: read afresh on every inbox event, never
 * taken from an earlier check. The busy mark a prompt writes and the mail a peer sends land in
 * different folders, whose watches report in no set order (separate inotify instances; polled
 * folders seen up to a poll interval late), so "mail arrived" says nothing about whether the
 * session is still idle. One folder listing and one small read.
 */
export async function idleOrBusy(intercom: Pick<WakeCheckStore, 'presence'>, code: string): Promise<'idle' | 'busy'> {
  return (await intercom.presence.of(code)).state === 'busy' ? 'busy' : 'idle';
}
