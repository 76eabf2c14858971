// Which agent does this hook belong to? The hook and the MCP server of one Claude session share
// its session id (hook stdin / CLAUDE_CODE_SESSION_ID) and its Claude process (an ancestor of
// both). Whichever is found first wins; a hit through the process also links the session id, so
// a session renamed by /clear keeps its agent.
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
 * moves into the agent's inbox, so it is never stranded.
 */
export async function resolveHookAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const agent = await findAgent(store, ctx, chain);
  if (agent && ctx.input.sessionId) await store.mail.adopt(sessionMailbox(ctx.input.sessionId), agent.code);
  return agent;
}

async function findAgent(store: Store, ctx: HookContext, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const { input, config } = ctx;
  if (config.identityOverride !== undefined) {
    const code = await store.agents.codeForOverride(config.identityOverride);
    if (code) return { code, via: 'override' };
  }
  if (input.sessionId) {
    const code = await store.agents.codeForSession(input.sessionId);
    if (code) return { code, via: 'session' };
  }
  const code = await store.agents.codeForAnyProcess(claudeCandidates(chain ?? ancestors(ctx.pid), config.claudePid));
  if (!code) return undefined;
  if (input.sessionId) await store.agents.linkSession(input.sessionId, code);
  return { code, via: 'process' };
}
