// SessionEnd: the session is closing. Stop its watcher now rather than when it notices Claude is gone.
// Run by the full hook and by the lean route (lifecycle-lean.ts), each on its own store.
import { isProcessAlive, stopProcess } from '../core/proc.ts';
import type { LifecycleHandler } from './context.ts';
import { seenBy, selfOf } from './context.ts';
import { hookAgent } from '../intercom/identity.ts';

export const sessionEnd: LifecycleHandler = async (ctx) => {
  const store = await ctx.store();
  const agent = await hookAgent(store, selfOf(ctx));
  if (!agent) return 0;
  await store.presence.mark(agent.code, 'idle', seenBy(ctx));
  const watcher = await store.watchers.current(agent.code);
  if (watcher && watcher.pid !== ctx.pid && isProcessAlive(watcher.pid, watcher.pid_start)) stopProcess(watcher.pid);
  return 0;
};
