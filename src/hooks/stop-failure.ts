// StopFailure: an API error (rate limit, overload, auth) ended the turn. Claude Code runs this
// instead of Stop and ignores its output, so no new watcher is armed here; marking the session
// idle lets the watcher that is still armed from the last Stop (or SessionStart) wake it.
import type { HookHandler } from './context.ts';
import { resolveHookAgent } from './resolve-agent.ts';

export const stopFailure: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const agent = await resolveHookAgent(store, ctx);
  if (!agent) return 0;
  await store.agents.setActivity(agent.code, 'idle', { sessionId: ctx.input.sessionId, transcriptPath: ctx.input.transcriptPath });
  return 0;
};
