// @bun
import {
  isCode
} from "./intercom-1yfyzd23.js";
import {
  readTextWithoutNodeFs,
  listNamesWithoutNodeFs,
  createLayout
} from "./intercom-95dysxpx.js";
import {
  selfOf
} from "./intercom-hyqmsprb.js";

// src/store/quick.ts
async function quickHasClaims(root) {
  return (await listNamesWithoutNodeFs(createLayout(root).claims)).length > 0;
}
async function quickInbox(root, sessionId) {
  const layout = createLayout(root);
  const code = (await readLinkQuickly(layout.sessionFile(sessionId)))?.trim();
  if (!code || !isCode(code))
    return;
  return { code, waiting: (await listNamesWithoutNodeFs(layout.messageDir(code, "new"))).length };
}
async function readLinkQuickly(path) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, 100);
  });
  try {
    return await Promise.race([readTextWithoutNodeFs(path), late]);
  } catch (error) {
    if (error instanceof Error)
      return;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// src/hooks/pre-tool-use.ts
function isIntercomTool(toolName) {
  return toolName !== undefined && /^mcp__(?:.*_)?intercom__/.test(toolName);
}
var EDIT_TOOLS = { Edit: "file_path", Write: "file_path", MultiEdit: "file_path", NotebookEdit: "notebook_path" };
function editedFile(ctx) {
  const field = ctx.input.toolName ? EDIT_TOOLS[ctx.input.toolName] : undefined;
  const value = field ? ctx.input.toolInput?.[field] : undefined;
  if (typeof value !== "string" || value === "")
    return;
  return value.startsWith("/") ? value : `${ctx.input.cwd ?? ctx.config.cwd}/${value}`;
}
var preToolUse = async (ctx) => {
  if (isIntercomTool(ctx.input.toolName))
    return 0;
  const file = editedFile(ctx);
  const guard = file !== undefined && await quickHasClaims(ctx.config.storeDir);
  const takesMail = ctx.input.agentId === undefined;
  if (!guard && !takesMail)
    return 0;
  if (!guard && ctx.input.sessionId && ctx.config.identityOverride === undefined) {
    const quick = await quickInbox(ctx.config.storeDir, ctx.input.sessionId);
    if (quick?.waiting === 0)
      return 0;
  }
  const { hookAgent, hookClaude } = await import("./identity-et438je1.js");
  const { ancestors } = await import("./proc-0m57enzz.js");
  const { mailHandover } = await import("./wake-nmjx2wpf.js");
  const { additionalContext, claimNewMail, formatDelivery } = await import("./deliver-fpgrq21j.js");
  const store = await ctx.store();
  const lineage = ancestors(ctx.pid);
  const agent = await hookAgent(store, selfOf(ctx), lineage);
  const canShow = mailHandover(ctx.event, { subagent: !takesMail, claude: hookClaude(selfOf(ctx), lineage) }) === "context";
  const mail = canShow && agent && await store.mail.countNew(agent.code) > 0 ? await claimNewMail(store, agent.code) : [];
  const context = mail.length && agent ? [formatDelivery(agent.code, mail, await store.mail.countNew(agent.code))] : [];
  let decision;
  let notice;
  if (guard && file) {
    const { claimNotice, claimWarning } = await import("./claim-guard-wy94881s.js");
    const claims = await store.claims.covering(file, agent?.code);
    const warning = claimWarning(file, claims);
    if (warning && ctx.config.claimMode === "warn")
      context.push(warning);
    else if (warning) {
      const permissionDecision = ctx.config.claimMode === "deny" ? "deny" : "ask";
      decision = { permissionDecision, permissionDecisionReason: warning };
      notice = claimNotice(file, claims, permissionDecision);
    }
  }
  if (context.length === 0 && !decision)
    return 0;
  ctx.out(additionalContext("PreToolUse", context.join(`

`), decision, notice));
  return 0;
};
export {
  preToolUse
};
