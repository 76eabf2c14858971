// UserPromptSubmit: the session becomes busy; new mail rides along with the user's prompt.
import { ancestors, claudeCandidates } from '../core/proc.ts';
import { processKey } from '../store/activity.ts';
import type { HookHandler } from './context.ts';
import { additionalContext, claimNewMail, formatDelivery } from './deliver.ts';
import { resolveHookAgent } from './resolve-agent.ts';

export const userPromptSubmit: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const lineage = ancestors(ctx.pid);
  const agent = await resolveHookAgent(store, ctx, lineage);
  const { sessionId, transcriptPath } = ctx.input;
  // Claude Code may still be connecting the MCP server (anthropics/claude-code#42148): the turn
  // is busy all the same, so it is recorded under this Claude process until its agent adopts it.
  const claude = claudeCandidates(lineage, ctx.config.claudePid)[0];
  const key = agent?.code ?? (claude ? processKey(claude) : undefined);
  if (key) await store.agents.setActivity(key, 'busy', { sessionId, transcriptPath, at: ctx.startedAt });
  if (!agent) return 0;
  if ((await store.mail.countNew(agent.code)) === 0) return 0;
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length) {
    ctx.out(additionalContext('UserPromptSubmit', formatDelivery(agent.code, claimed, await store.mail.countNew(agent.code))));
  }
  return 0;
};
