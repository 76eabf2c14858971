// The live sessions that show how intercom runs, whatever the settings files say. A session
// started with `claude --plugin-dir <repo>` loads intercom's MCP server and hooks without leaving
// a trace in any settings file, so doctor asks the store instead: each MCP server records how it
// was started (agent record `route`, from CLAUDE_PLUGIN_ROOT, which Claude Code 2.1.330 sets only
// for what a plugin starts), and a hook that ran for an agent left a busy/idle event or armed a
// watcher for it (hooks write nothing else).
import type { AgentRecord, Intercom } from '../../intercom/index.ts';

export interface LiveRoute {
  code: string;
  route: AgentRecord['route'];
  pluginRoot?: string | undefined;
  /** The session doctor itself runs in (from a Bash tool call: CLAUDE_CODE_SESSION_ID, CLAUDE_PID). */
  thisSession: boolean;
  /** A hook of this agent has run: it recorded busy or idle, or armed a watcher. */
  hooksRan: boolean;
  /** Another live agent of the same Claude process: that session runs intercom twice. */
  twin?: string | undefined;
}

/** Where doctor runs: inside a Claude session (a Bash tool call) these name it. */
export interface Here {
  sessionId?: string | undefined;
  claudePid?: number | undefined;
}

/** The live agents that tell how intercom runs: those a plugin started, and this session's own. */
export async function liveRoutes(store: Intercom, here: Here): Promise<LiveRoute[]> {
  const live = await store.agents.live();
  const mine = new Set(here.sessionId ? await store.agents.codesForSession(here.sessionId) : []);
  const routes: LiveRoute[] = [];
  for (const agent of live) {
    const thisSession = mine.has(agent.code) || (here.claudePid !== undefined && agent.claude_pid === here.claudePid);
    if (agent.route !== 'plugin' && !thisSession) continue;
    const hooksRan =
      (await store.agents.activity(agent.code)).state !== 'unknown' || (await store.watchers.current(agent.code)) !== undefined;
    const twin = live.find(
      (other) =>
        other.code !== agent.code &&
        other.claude_pid !== undefined &&
        other.claude_pid === agent.claude_pid &&
        other.claude_pid_start === agent.claude_pid_start,
    )?.code;
    routes.push({ code: agent.code, route: agent.route, pluginRoot: agent.plugin_root, thisSession, hooksRan, twin });
  }
  return routes;
}
