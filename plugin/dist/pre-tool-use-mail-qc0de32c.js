// @bun
import"./app-jfdnnj6k.js";
import"./app-0mdqzphq.js";
import"./app-p8z4rjgm.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-29bjwweg.js";
import"./app-4xx3ma53.js";
import"./app-wszmtx83.js";
import {
  claimNewMail2,
  formatDelivery2
} from "./app-y0jwhdk0.js";
import {
  mailHandover
} from "./app-sj12dcyk.js";
import"./app-qne7c0ff.js";

// src/hooks/pre-tool-use-mail.ts
async function toolCallMail(store, self, lineage, subagent) {
  const agent = await hookAgent2(store, self, lineage);
  const canShow = mailHandover("pre-tool-use", { subagent, claude: hookClaude2(self, lineage) }) === "context";
  if (!agent || !canShow || await store.mail.countNew(agent.code) === 0)
    return { agent, context: undefined };
  const mail = await claimNewMail2(store, agent.code);
  const context = mail.length ? formatDelivery2(agent.code, mail, await store.mail.countNew(agent.code)) : undefined;
  return { agent, context };
}
export {
  toolCallMail
};
