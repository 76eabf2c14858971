// @bun
import"./app-27evxs6m.js";
import"./app-sm3h99hn.js";
import"./app-0cmfr3r1.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-awdkydgj.js";
import"./app-4xx3ma53.js";
import"./app-x0v5adt4.js";
import {
  claimNewMail2,
  claimedText2
} from "./app-2y601mgb.js";
import {
  mailHandover
} from "./app-4ngmczx8.js";
import"./app-8gsdsb4d.js";

// src/hooks/pre-tool-use-mail.ts
async function toolCallMail(store, self, lineage, subagent) {
  const agent = await hookAgent2(store, self, lineage);
  const canShow = mailHandover("pre-tool-use", { subagent, claude: hookClaude2(self, lineage) }) === "context";
  if (!agent || !canShow || await store.mail.countNew(agent.code) === 0)
    return { agent, context: undefined };
  const mail = await claimNewMail2(store, agent.code);
  const context = mail.length ? await claimedText2(store, agent.code, mail) : undefined;
  return { agent, context };
}
export {
  toolCallMail
};
