// @bun
import"./app-fgrk1ekz.js";
import"./app-k1kn2ssd.js";
import"./app-shp9afcm.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-2w374fj8.js";
import"./app-4xx3ma53.js";
import"./app-bc83tm8f.js";
import {
  claimNewMail2,
  claimedText2
} from "./app-etk99p42.js";
import {
  mailHandover
} from "./app-fz0d6jr9.js";
import"./app-wjvxasyr.js";

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
