// UserPromptSubmit: the session becomes busy; new mail rides along with the user's prompt. Run on
// an Intercom by the full hook, and on store/quick-hooks.ts by the lean route (lifecycle-lean.ts).
import { ancestors } from '../core/proc.ts';
import type { LifecycleHandler } from './context.ts';
import { seenBy, selfOf } from './context.ts';
import { additionalContext, claimedText, claimNewMail } from './deliver.ts';
import { hookAgent, hookClaude } from '../intercom/identity.ts';

export const userPromptSubmit: LifecycleHandler = async (ctx) => {
  const store = await ctx.store();
  const lineage = ancestors(ctx.pid);
  const agent = await hookAgent(store, selfOf(ctx), lineage);
  // Claude Code may still be connecting the MCP server (anthropics/claude-code#42148): the turn
  // is busy all the same, so it is recorded under this Claude process until its agent adopts it.
  const who = agent?.code ?? hookClaude(selfOf(ctx), lineage);
  if (who) await store.presence.mark(who, 'busy', seenBy(ctx));
  if (!agent) return 0;
  if ((await store.mail.countNew(agent.code)) === 0) return 0;
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length) {
    ctx.out(additionalContext('UserPromptSubmit', await claimedText(store, agent.code, claimed)));
  }
  return 0;
};
