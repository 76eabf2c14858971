// UserPromptSubmit: the session becomes busy; new mail rides along with the user's prompt.
import { sessionMailbox } from '../core/ids.ts';
import type { HookHandler } from './context.ts';
import { additionalContext, claimNewMail, formatDelivery } from './deliver.ts';
import { resolveHookAgent } from './resolve-agent.ts';

export const userPromptSubmit: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const agent = await resolveHookAgent(store, ctx);
  const { sessionId, transcriptPath } = ctx.input;
  // Claude Code may still be connecting the MCP server (anthropics/claude-code#42148): the turn
  // is busy all the same, so it is recorded under the session until its agent adopts it.
  const key = agent?.code ?? (sessionId ? sessionMailbox(sessionId) : undefined);
  if (key) await store.agents.setActivity(key, 'busy', { sessionId, transcriptPath, at: ctx.startedAt });
  if (!agent) return 0;
  if ((await store.mail.countNew(agent.code)) === 0) return 0;
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length) {
    ctx.out(additionalContext('UserPromptSubmit', formatDelivery(agent.code, claimed, await store.mail.countNew(agent.code))));
  }
  return 0;
};
