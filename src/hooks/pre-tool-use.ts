// PreToolUse: runs before every tool call of a busy session. Two jobs:
// - new mail is handed to the model once (claimed, so it is never repeated), as context;
// - before an edit (Edit, Write, MultiEdit, NotebookEdit), a file claimed by another agent gets
//   the guard's answer: ask (default), deny, or a warning, with the owner and how to reach them.
// The common path (no mail, not an edit) is pre-tool-use-quick.ts: one small file read and one
// folder listing. Mail waiting, and nothing else, is pre-tool-use-lean.ts (from bin/hook-routes.ts); both
// routes hand mail over through pre-tool-use-mail.ts.
import { quickHasClaims } from '../store/quick.ts';
import type { HookContext, HookHandler } from './context.ts';
import { selfOf } from './context.ts';
import { editedFile, nothingToDo } from './pre-tool-use-quick.ts';

export { isIntercomTool } from './pre-tool-use-quick.ts';

export const preToolUse: HookHandler = async (ctx: HookContext) => {
  // The hooks' routes answer this common case before loading anything (bin/hook-routes.ts); asked
  // again here for the callers that come straight in (tests, the source route's slow path).
  if (await nothingToDo(ctx.config, ctx.input)) return 0;
  const file = editedFile(ctx.input, ctx.config.cwd);
  const guard = file !== undefined && (await quickHasClaims(ctx.config.storeDir));
  // A subagent's tool call: its context is not the main thread's, so mail waits for the main
  // thread (its next tool call, its prompt, or its Stop watcher). The claim guard still applies.
  const takesMail = ctx.input.agentId === undefined;
  // The full path (a claimed edit, a session not linked yet, an identity override, or whatever
  // the lean route handed over) loads the rest.
  const { ancestors } = await import('../core/proc.ts');
  const { toolCallMail } = await import('./pre-tool-use-mail.ts');
  const { additionalContext } = await import('./deliver.ts');
  const store = await ctx.store();
  const { agent, context: delivery } = await toolCallMail(store, selfOf(ctx), ancestors(ctx.pid), !takesMail);
  const context = delivery ? [delivery] : [];
  let decision: { permissionDecision: 'ask' | 'deny'; permissionDecisionReason: string } | undefined;
  // The reason reaches the model; Claude Code shows the person only its plain dialog ("Do you want
  // to make this edit?"), so the same facts go to them too, as the hook's systemMessage.
  let notice: string | undefined;
  if (guard && file) {
    const { claimNotice, claimWarning } = await import('./claim-guard.ts');
    const claims = await store.claims.covering(file, agent?.code);
    const warning = claimWarning(file, claims);
    if (warning && ctx.config.claimMode === 'warn') context.push(warning);
    else if (warning) {
      const permissionDecision = ctx.config.claimMode === 'deny' ? 'deny' : 'ask';
      decision = { permissionDecision, permissionDecisionReason: warning };
      notice = claimNotice(file, claims, permissionDecision);
    }
  }
  if (context.length === 0 && !decision) return 0;
  ctx.out(additionalContext('PreToolUse', context.join('\n\n'), decision, notice));
  return 0;
};
