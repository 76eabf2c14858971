// Which agent does this hook belong to? The hook and the MCP server of one Claude session share
// its session id (hook stdin / CLAUDE_CODE_SESSION_ID) and its Claude process (an ancestor of
// both). The session id decides, unless it belongs to an agent of another live Claude process:
// one session id can be run by two at once (two terminals resuming it; `--fork-session`, whose
// hooks carry the parent's id), and then only the process tells whose hook this is. A hit
// through the process also links a session id that has no agent yet, so a session renamed by
// /clear keeps its agent.
import { sessionMailbox } from '../core/ids.ts';
import { ancestors, claudeCandidates } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import { processKey } from '../store/activity.ts';
import type { Store } from '../store/index.ts';
import type { HookContext } from './context.ts';

export interface HookAgent {
  code: string;
  via: 'override' | 'session' | 'process';
}

/**
 * `chain`: this hook's ancestors, when the caller has read them already. Once found, mail that
 * was sent to the bare session (before its agent registered, or while a send was resolving)
 * moves into the agent's inbox, so it is never stranded, and the busy/idle events this hook's
 * Claude process recorded before the agent existed become the agent's.
 */
export async function resolveHookAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const lineage = chain ?? ancestors(ctx.pid);
  const agent = await findAgent(store, ctx, lineage);
  if (!agent) return undefined;
  if (ctx.input.sessionId) await store.mail.adopt(sessionMailbox(ctx.input.sessionId), agent.code);
  const claude = claudeCandidates(lineage, ctx.config.claudePid)[0];
  if (claude) await store.agents.adoptActivity(processKey(claude), agent.code);
  return agent;
}

async function findAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const { input, config } = ctx;
  if (config.identityOverride !== undefined) {
    const code = await store.agents.codeForOverride(config.identityOverride);
    if (code) return { code, via: 'override' };
  }
  const lineage = chain ?? ancestors(ctx.pid);
  const linked = input.sessionId ? await store.agents.codesForSession(input.sessionId) : [];
  if (linked.length === 1 && !(await runByAnotherClaude(store, linked[0]!, lineage))) return { code: linked[0]!, via: 'session' };
  const byProcess = await store.agents.codeForAnyProcess(claudeCandidates(lineage, config.claudePid));
  if (!byProcess) return undefined; // the mail of a session several processes run is not ours to take
  // Link a session id that names no agent yet (a new id after /clear); never overwrite a link to
  // another agent, nor the list of a session that several processes run.
  if (input.sessionId && linked.length === 0) await store.agents.linkSession(input.sessionId, byProcess);
  return { code: byProcess, via: 'process' };
}

/** A live agent registered by a Claude process that is not among this hook's ancestors. */
async function runByAnotherClaude(store: Store, code: string, lineage: ProcInfo[]): Promise<boolean> {
  const agent = await store.agents.getLive(code);
  if (!agent?.claude_pid) return false; // gone (a resume re-registers it), or no Claude process on record
  return !lineage.some((p) => p.pid === agent.claude_pid && p.start === agent.claude_pid_start);
}
