// @bun
import"./app-ebq5vndk.js";
import"./app-3at5djgh.js";
import"./app-famjcds9.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-6zgnmxzh.js";
import"./app-4xx3ma53.js";
import"./app-y5nxmz2s.js";
import {
  claimNewMail2,
  claimedText2
} from "./app-k1bxee7x.js";
import {
  mailHandover
} from "./app-h2myg8r1.js";
import"./app-kmk9t817.js";

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
