// Which agent does this hook belong to? The hook and the MCP server of one Claude session share
// its Claude process (an ancestor of both) and usually its session id (hook stdin /
// CLAUDE_CODE_SESSION_ID). The process is asked first: a session id can be run by two live
// Claude processes at once (two terminals resuming it, `--fork-session`), and then only the
// process tells whose hook this is. The session id decides when the process links to no agent
// (the MCP server has not registered yet, or runs under another parent), and a hit through the
// process links a session id that has no agent yet, so a session renamed by /clear keeps its agent.
import { sessionMailbox } from '../core/ids.ts';
import { ancestors, claudeCandidates } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import type { Store } from '../store/index.ts';
import type { HookContext } from './context.ts';

export interface HookAgent {
  code: string;
  via: 'override' | 'session' | 'process';
}

/**
 * `chain`: this hook's ancestors, when the caller has read them already. Once found, mail that
 * was sent to the bare session (before its agent registered, or while a send was resolving)
 * moves into the agent's inbox, so it is never stranded, and so do busy/idle events recorded
 * under the session before the agent existed.
 */
export async function resolveHookAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const agent = await findAgent(store, ctx, chain);
  if (agent && ctx.input.sessionId) {
    await store.mail.adopt(sessionMailbox(ctx.input.sessionId), agent.code);
    await store.agents.adoptActivity(sessionMailbox(ctx.input.sessionId), agent.code);
  }
  return agent;
}

async function findAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const { input, config } = ctx;
  if (config.identityOverride !== undefined) {
    const code = await store.agents.codeForOverride(config.identityOverride);
    if (code) return { code, via: 'override' };
  }
  const linked = input.sessionId ? await store.agents.codesForSession(input.sessionId) : [];
  const byProcess = await store.agents.codeForAnyProcess(claudeCandidates(chain ?? ancestors(ctx.pid), config.claudePid));
  if (byProcess) {
    // Link a session id that names no agent yet (a new id after /clear); never overwrite a link
    // to another agent, nor the list of a session that several processes run.
    if (input.sessionId && linked.length === 0) await store.agents.linkSession(input.sessionId, byProcess);
    return { code: byProcess, via: 'process' };
  }
  // Several live agents share this session id and none is this hook's: the mail is not ours.
  return linked.length === 1 ? { code: linked[0]!, via: 'session' } : undefined;
}
