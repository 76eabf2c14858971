// PreToolUse: runs before every tool call of a busy session. New mail is handed to the model
// once (claimed, so it is never repeated), then the call proceeds. The empty-inbox path is one
// small file read and one readdir: no zod, no MCP SDK.
import { quickInbox } from '../store/quick.ts';
import type { HookHandler } from './context.ts';

/** intercom's own tools (`mcp__intercom__send`, or `mcp__plugin_intercom_intercom__send` as a plugin). */
export function isIntercomTool(toolName: string | undefined): boolean {
  return toolName !== undefined && /^mcp__(?:.*_)?intercom__/.test(toolName);
}

export const preToolUse: HookHandler = async (ctx) => {
  if (isIntercomTool(ctx.input.toolName)) return 0; // it is already talking to intercom
  if (ctx.input.sessionId && ctx.config.identityOverride === undefined) {
    const quick = await quickInbox(ctx.config.storeDir, ctx.input.sessionId);
    if (quick?.waiting === 0) return 0; // the common case: a linked session with nothing new
  }
  // The slow path (mail waiting, or the session is not linked yet) loads the rest on demand.
  const { resolveHookAgent } = await import('./resolve-agent.ts');
  const store = await ctx.store();
  const agent = await resolveHookAgent(store, ctx.input, { pid: ctx.pid, override: ctx.config.identityOverride });
  if (!agent) return 0; // this session does not run intercom
  if ((await store.mail.countNew(agent.code)) === 0) return 0;
  // Only now load the delivery code (and, through parsing, zod): the empty path stays lean.
  const { additionalContext, claimNewMail, formatDelivery } = await import('./deliver.ts');
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length === 0) return 0;
  const rest = await store.mail.countNew(agent.code);
  ctx.out(additionalContext('PreToolUse', formatDelivery(agent.code, claimed, rest)));
  return 0;
};
