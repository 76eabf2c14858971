// SessionStart, Stop and StopFailure where Claude Code runs them in the foreground and waits for
// them (`claude -p` without streaming input; intercom/wake.ts mailHandover says when): no watcher
// is armed, the session goes idle, and SessionStart alone hands mail over, as additionalContext
// (what is left stays in new/ for the next prompt's UserPromptSubmit or a later session). Run by
// the full hook (watcher.ts) and by the lifecycle hooks' lean route (lifecycle-lean.ts).
import type { ProcInfo } from '../core/proc.ts';
import { hookAgent } from '../intercom/identity.ts';
import type { MailHandover } from '../intercom/wake.ts';
import type { LifecycleContext, LifecycleStore } from './context.ts';
import { seenBy, selfOf } from './context.ts';
import { additionalContext, claimedText, claimNewMail } from './deliver.ts';

/**
 * The foreground hook: `chain` is its ancestors (core/proc.ts `ancestors`), `handover` what
 * mailHandover allows it (`context` at SessionStart, `none` at Stop). Returns the exit code (0).
 */
export async function inForeground(ctx: LifecycleContext, chain: ProcInfo[], handover: Exclude<MailHandover, 'wake'>): Promise<number> {
  const store = await ctx.store();
  const agent = await hookAgent(store, selfOf(ctx), chain);
  if (!agent) return 0;
  await markIdle(ctx, store, agent.code);
  if (handover !== 'context' || (await store.mail.countNew(agent.code)) === 0) return 0;
  const claimed = await claimNewMail(store, agent.code);
  if (claimed.length) ctx.out(additionalContext('SessionStart', await claimedText(store, agent.code, claimed)));
  return 0;
}

/**
 * The session is idle as of this hook's start: a prompt or a wake after it (even one written
 * before this runs) is newer and wins (store/activity.ts). A SessionStart for compaction can run
 * in the middle of a turn, so it says nothing about busy or idle.
 */
export async function markIdle(
  ctx: Pick<LifecycleContext, 'event' | 'input' | 'launch'>,
  store: { presence: Pick<LifecycleStore['presence'], 'mark'> },
  code: string,
): Promise<void> {
  if (ctx.event === 'session-start' && ctx.input.source === 'compact') return;
  await store.presence.mark(code, 'idle', seenBy(ctx));
}
