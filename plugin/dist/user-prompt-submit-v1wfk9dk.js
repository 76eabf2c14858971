// @bun
import"./intercom-95dysxpx.js";
import {
  ancestors2
} from "./intercom-g4qpvbj1.js";
import"./intercom-4xx3ma53.js";
import"./intercom-nv9fbcp3.js";
import {
  claimNewMail2,
  formatDelivery2,
  additionalContext2
} from "./intercom-4tymz8gn.js";
import"./intercom-1yfyzd23.js";
import"./intercom-xp5bq3nj.js";
import {
  hookClaude2,
  hookAgent2
} from "./intercom-92qq735e.js";
import {
  selfOf,
  seenBy
} from "./intercom-hyqmsprb.js";

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
