// The sessions side of the store: discovery, liveness, and the mailbox a session's mail goes to.
import { sessionMailbox } from '../core/ids.ts';
import type { Agents } from '../store/agents.ts';
import type { AgentRecord } from '../store/schema.ts';
import type { IntercomContext } from './context.ts';
import type { SessionRecord } from '../claude/discover.ts';
import { findSession, listSessionViews, takeSnapshot, viewOf } from '../claude/session-list.ts';
import type { SessionScope, SessionSnapshot, SessionView } from '../claude/session-list.ts';

export function createSessions(ctx: IntercomContext, agents: Agents) {
  /** `live`: the live agents, when the caller has just read them. */
  async function snapshot(live?: AgentRecord[]): Promise<SessionSnapshot> {
    return takeSnapshot(ctx.reach.configDirs, ctx.reach.tmux, live ?? (await agents.live()));
  }

  async function list(options: { scope?: SessionScope; project?: string; limit?: number; offset?: number }): Promise<SessionView[]> {
    return listSessionViews(await snapshot(), { ...options, now: ctx.clock.now() });
  }

  /**
   * Where mail for a session goes: the mailbox of the agent it once had (so a resume finds it at
   * once), else its own "s-<id>" mailbox (adopted by an agent that registers with that session).
   */
  async function mailboxOf(session: SessionRecord): Promise<string> {
    return (await agents.codeForSession(session.id)) ?? sessionMailbox(session.id);
  }

  return { snapshot, list, mailboxOf, find: findSession, view: viewOf };
}

export type Sessions = ReturnType<typeof createSessions>;
export type { SessionRecord, SessionScope, SessionSnapshot, SessionView };
