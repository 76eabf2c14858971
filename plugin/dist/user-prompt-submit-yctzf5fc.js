// @bun
import {
  ancestors2
} from "./app-cv8ntm86.js";
import"./app-4xx3ma53.js";
import"./app-rxa1a9cd.js";
import {
  claimNewMail2,
  formatDelivery2,
  additionalContext2
} from "./app-0df747rp.js";
import"./app-fyj47tfj.js";
import"./app-zs7p7tnf.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-dx1k9e0h.js";
import"./app-7hxry1f2.js";
import {
  selfOf,
  seenBy
} from "./app-vgn7n7d1.js";

// src/hooks/user-prompt-submit.ts
var userPromptSubmit = async (ctx) => {
  const store = await ctx.store();
  const lineage = ancestors2(ctx.pid);
  const agent = await hookAgent2(store, selfOf(ctx), lineage);
  const who = agent?.code ?? hookClaude2(selfOf(ctx), lineage);
  if (who)
    await store.presence.mark(who, "busy", seenBy(ctx));
  if (!agent)
    return 0;
  if (await store.mail.countNew(agent.code) === 0)
    return 0;
  const claimed = await claimNewMail2(store, agent.code);
  if (claimed.length) {
    ctx.out(additionalContext2("UserPromptSubmit", formatDelivery2(agent.code, claimed, await store.mail.countNew(agent.code))));
  }
  return 0;
};
export {
  userPromptSubmit
};
