// SessionEnd: the session is closing. Stop its watcher now rather than when it notices Claude is gone.
import { isProcessAlive, stopProcess } from '../core/proc.ts';
import type { HookHandler } from './context.ts';
import { resolveHookAgent } from './resolve-agent.ts';

export const sessionEnd: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const agent = await resolveHookAgent(store, ctx);
  if (!agent) return 0;
  await store.agents.setActivity(agent.code, 'idle', { sessionId: ctx.input.sessionId, transcriptPath: ctx.input.transcriptPath, at: ctx.startedAt });
  const watcher = await store.watchers.current(agent.code);
  if (watcher && watcher.pid !== ctx.pid && isProcessAlive(watcher.pid, watcher.pid_start)) stopProcess(watcher.pid);
  return 0;
};
