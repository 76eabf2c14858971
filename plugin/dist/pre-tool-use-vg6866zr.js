// @bun
import {
  isCode
} from "./app-jcmt5trc.js";
import {
  readTextWithoutNodeFs,
  listNamesWithoutNodeFs,
  hasNamesWithoutNodeFs,
  createLayout
} from "./app-shp9afcm.js";
import {
  selfOf
} from "./app-vgn7n7d1.js";

// src/store/quick.ts
async function quickHasClaims(root) {
  const layout = createLayout(root);
  return (await listNamesWithoutNodeFs(layout.claims)).length > 0 || (await listNamesWithoutNodeFs(layout.remoteClaims)).length > 0;
}
async function quickInbox(root, sessionId) {
  const layout = createLayout(root);
  const code = (await readLinkQuickly(layout.sessionFile(sessionId)))?.trim();
  if (!code || !isCode(code))
    return;
  return { code, hasMail: hasNamesWithoutNodeFs(layout.messageDir(code, "new")) };
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
var NOTHING = { kind: "nothing" };
var FULL = { kind: "full" };
async function quickVerdict(config, input) {
  if (isIntercomTool(input.toolName))
    return NOTHING;
  const file = editedFile(input, config.cwd);
  if (file !== undefined && await quickHasClaims(config.storeDir))
    return FULL;
  if (input.agentId !== undefined)
    return NOTHING;
  if (!input.sessionId || config.identityOverride !== undefined)
    return FULL;
  const inbox = await quickInbox(config.storeDir, input.sessionId);
  if (inbox === undefined)
    return FULL;
  return inbox.hasMail ? { kind: "mail", inbox } : NOTHING;
}
async function nothingToDo(config, input) {
  return (await quickVerdict(config, input)).kind === "nothing";
}

// src/hooks/pre-tool-use.ts
var preToolUse = async (ctx) => {
  if (await nothingToDo(ctx.config, ctx.input))
    return 0;
  const file = editedFile(ctx.input, ctx.config.cwd);
  const guard = file !== undefined && await quickHasClaims(ctx.config.storeDir);
  const takesMail = ctx.input.agentId === undefined;
  const { ancestors } = await import("./proc-5fdjjq14.js");
  const { toolCallMail } = await import("./pre-tool-use-mail-5h5mz13m.js");
  const { additionalContext } = await import("./deliver-b78a0394.js");
  const store = await ctx.store();
  const { agent, context: delivery } = await toolCallMail(store, selfOf(ctx), ancestors(ctx.pid), !takesMail);
  const context = delivery ? [delivery] : [];
  let decision;
  let notice;
  if (guard && file) {
    const { claimNotice, claimWarning } = await import("./claim-guard-f7ct9v3z.js");
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
