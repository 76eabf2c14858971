// Which agent does this hook belong to? The hook and the MCP server of one Claude session share
// its session id (hook stdin / CLAUDE_CODE_SESSION_ID) and its Claude process (an ancestor of
// both). Whichever is found first wins; a hit through the process also links the session id, so
// a session renamed by /clear keeps its agent.
import { ancestors, claudeCandidates } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import type { Store } from '../store/index.ts';
import { parseIdentityOverride } from '../core/ids.ts';
import type { HookInput } from './input.ts';

export interface HookAgent {
  code: string;
  via: 'override' | 'session' | 'process';
}

export async function resolveHookAgent(
  store: Store,
  input: HookInput,
  options: { pid: number; override: string | undefined; chain?: ProcInfo[] },
): Promise<HookAgent | undefined> {
  if (options.override !== undefined) {
    const wanted = parseIdentityOverride(options.override);
    const code = wanted.code ?? (wanted.sessionId ? await store.agents.codeForSession(wanted.sessionId) : undefined);
    if (code) return { code, via: 'override' };
    if (wanted.name) {
      const agent = (await store.agents.live()).find((a) => a.name?.toLowerCase() === wanted.name!.toLowerCase());
      if (agent) return { code: agent.code, via: 'override' };
    }
  }
  if (input.sessionId) {
    const code = await store.agents.codeForSession(input.sessionId);
    if (code) return { code, via: 'session' };
  }
  const code = await store.agents.codeForAnyProcess(claudeCandidates(options.chain ?? ancestors(options.pid)));
  if (!code) return undefined;
  if (input.sessionId) await store.agents.linkSession(input.sessionId, code);
  return { code, via: 'process' };
}
