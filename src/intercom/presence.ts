// Busy or idle, as other sessions should see it. The store keeps what the hooks recorded; a turn
// the user interrupted (Esc) ends without any hook, so a recorded busy whose transcript shows the
// interruption after the busy began is idle since then.
import { interruptedAt } from '../claude/interrupted.ts';
import type { ProcInfo } from '../core/proc.ts';
import { processKey } from '../store/activity.ts';
import type { ActivityView } from '../store/activity.ts';
import type { Agents } from '../store/agents.ts';

/** What a hook saw of its session: ids, and when its event happened (epoch ms; default now). */
export interface SeenBy {
  sessionId?: string | undefined;
  transcriptPath?: string | undefined;
  at?: number | undefined;
  /** The pid the hook's launch began with (see store/activity.ts). */
  firstPid?: number | undefined;
  /** For a wake: the pid most recently created on the machine at the wake (core/proc.ts lastCreatedPid). */
  lastPid?: number | undefined;
}

/** The state a recorded activity means now: busy, idle (since when) or unknown. */
export function presenceOf(recorded: ActivityView): ActivityView {
  if (recorded.state !== 'busy' || recorded.transcriptPath === undefined) return recorded;
  const interrupted = interruptedAt(recorded.transcriptPath, recorded.at);
  return interrupted ? { ...recorded, state: 'idle', since: interrupted } : recorded;
}

export function createPresence(agents: Agents) {
  /** An agent's state now: what its hooks recorded, corrected for an interrupted turn. */
  async function of(code: string): Promise<ActivityView> {
    return presenceOf(await agents.activity(code));
  }
  /**
   * Record a busy or idle event for an agent (its code), or for the Claude process that runs a
   * session whose agent does not exist yet (its MCP server still connecting): the agent adopts
   * those events when it is found (`adopt`).
   */
  async function mark(who: string | ProcInfo, state: 'busy' | 'idle', seen: SeenBy): Promise<void> {
    await agents.setActivity(typeof who === 'string' ? who : processKey(who), state, seen);
  }

  /** The events a Claude process recorded before its agent existed become the agent's. */
  async function adopt(claude: ProcInfo, code: string): Promise<void> {
    await agents.adoptActivity(processKey(claude), code);
  }

  return { of, mark, adopt };
}

export type Presence = ReturnType<typeof createPresence>;
