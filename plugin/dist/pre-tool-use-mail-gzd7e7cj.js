// @bun
import"./app-cv8ntm86.js";
import"./app-fyj47tfj.js";
import"./app-zs7p7tnf.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-dx1k9e0h.js";
import"./app-4xx3ma53.js";
import"./app-rxa1a9cd.js";
import {
  claimNewMail2,
  formatDelivery2
} from "./app-0df747rp.js";
import {
  mailHandover
} from "./app-9jzq8mqc.js";
import"./app-7hxry1f2.js";

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
