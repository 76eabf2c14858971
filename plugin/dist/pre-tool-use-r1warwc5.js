// @bun
import {
  isCode
} from "./app-szk2ejsq.js";
import {
  readTextWithoutNodeFs,
  listNamesWithoutNodeFs,
  createLayout
} from "./app-fg5rg928.js";
import {
  selfOf
} from "./app-vgn7n7d1.js";

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

// src/hooks/pre-tool-use-quick.ts
function isIntercomTool(toolName) {
  return toolName !== undefined && /^mcp__(?:.*_)?intercom__/.test(toolName);
}
var EDIT_TOOLS = { Edit: "file_path", Write: "file_path", MultiEdit: "file_path", NotebookEdit: "notebook_path" };
function editedFile(input, cwd) {
  const field = input.toolName ? EDIT_TOOLS[input.toolName] : undefined;
  const value = field ? input.toolInput?.[field] : undefined;
  if (typeof value !== "string" || value === "")
    return;
  return value.startsWith("/") ? value : `${input.cwd ?? cwd}/${value}`;
}
async function nothingToDo(config, input) {
  if (isIntercomTool(input.toolName))
    return true;
  const file = editedFile(input, config.cwd);
  if (file !== undefined && await quickHasClaims(config.storeDir))
    return false;
  if (input.agentId !== undefined)
    return true;
  if (!input.sessionId || config.identityOverride !== undefined)
    return false;
  return (await quickInbox(config.storeDir, input.sessionId))?.waiting === 0;
}

// src/hooks/pre-tool-use.ts
var preToolUse = async (ctx) => {
  if (await nothingToDo(ctx.config, ctx.input))
    return 0;
  const file = editedFile(ctx.input, ctx.config.cwd);
  const guard = file !== undefined && await quickHasClaims(ctx.config.storeDir);
  const takesMail = ctx.input.agentId === undefined;
  const { hookAgent, hookClaude } = await import("./identity-asrh2g3p.js");
  const { ancestors } = await import("./proc-sc9s64cv.js");
  const { mailHandover } = await import("./wake-1kdhwwaq.js");
  const { additionalContext, claimNewMail, formatDelivery } = await import("./deliver-hepaxh28.js");
  const store = await ctx.store();
  const lineage = ancestors(ctx.pid);
  const agent = await hookAgent(store, selfOf(ctx), lineage);
  const canShow = mailHandover(ctx.event, { subagent: !takesMail, claude: hookClaude(selfOf(ctx), lineage) }) === "context";
  const mail = canShow && agent && await store.mail.countNew(agent.code) > 0 ? await claimNewMail(store, agent.code) : [];
  const context = mail.length && agent ? [formatDelivery(agent.code, mail, await store.mail.countNew(agent.code))] : [];
  let decision;
  let notice;
  if (guard && file) {
    const { claimNotice, claimWarning } = await import("./claim-guard-32zcmb6f.js");
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
