// @bun
import {
  ancestors2
} from "./app-fgrk1ekz.js";
import"./app-4xx3ma53.js";
import"./app-bc83tm8f.js";
import {
  claimNewMail2,
  claimedText2,
  additionalContext2
} from "./app-etk99p42.js";
import"./app-k1kn2ssd.js";
import"./app-shp9afcm.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-2w374fj8.js";
import"./app-wjvxasyr.js";
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
    ctx.out(additionalContext2("UserPromptSubmit", await claimedText2(store, agent.code, claimed)));
  }
  return 0;
};
export {
  userPromptSubmit
};
