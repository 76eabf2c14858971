// UserPromptSubmit: the session becomes busy; new mail rides along with the user's prompt.
import type { HookHandler } from './context.ts';
import { additionalContext, claimNewMail, formatDelivery } from './deliver.ts';
import { resolveHookAgent } from './resolve-agent.ts';

export const userPromptSubmit: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const agent = await resolveHookAgent(store, ctx);
  if (!agent) return 0;
  await store.agents.setActivity(agent.code, 'busy', { sessionId: ctx.input.sessionId, transcriptPath: ctx.input.transcriptPath });
  if ((await store.mail.countNew(agent.code)) === 0) return 0;
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length) {
    ctx.out(additionalContext('UserPromptSubmit', formatDelivery(agent.code, claimed, await store.mail.countNew(agent.code))));
  }
  return 0;
};
