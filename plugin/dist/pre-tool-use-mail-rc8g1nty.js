// @bun
import"./app-1gchtcgh.js";
import"./app-qm0dvrsc.js";
import"./app-513mj3jz.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-2gew7fg0.js";
import"./app-4xx3ma53.js";
import"./app-rxa1a9cd.js";
import {
  claimNewMail2,
  claimedText2
} from "./app-0q3cw8qf.js";
import {
  mailHandover
} from "./app-nzn767gd.js";
import"./app-pez2kmty.js";

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
