// Handing an armed watcher's wait on to the lean wait (hooks/watcher-lean.ts): this process's
// image is replaced by `bun lean-wait.js` with process.execve, so the pid Claude Code waits on, its
// pipes and its start time (which the watcher's record holds) stay the same, and the process that
// then idles for hours, and wakes the session, has loaded only what the wait needs. In bin/
// because it reads and passes on process.env.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../core/config.ts';
import type { WatcherHandoff } from '../hooks/context.ts';
import type { LeanWaitState } from '../hooks/watcher-lean.ts';

/** The environment variable that carries the hand-off (JSON) to bin/lean-wait.ts, which removes it at once. */
export const LEAN_WAIT_STATE_VAR = 'CLAUDE_INTERCOM_LEAN_WAIT';

/** The lean wait's file beside `entry` (the source's intercom.ts, or the bundle's intercom). */
export function leanWaitPath(entry: string): string {
  return join(dirname(entry), entry.endsWith('.ts') ? 'lean-wait.ts' : 'lean-wait.js');
}

/**
 * HookContext's waitElsewhere for hook `event` with input `input`, or undefined where bun has no
 * process.execve (before 1.3.14: the wait stays in the hook's process) or the lean wait's file is
 * missing. `flush` settles what the hook wrote so far. The function returns only when the exec
 * failed (the wait then runs in this process, as without it).
 */
export function leanWaitHandoff(options: {
  entry: string;
  event: string;
  input: string;
  config: Config;
  flush: () => Promise<unknown>;
}): ((handoff: WatcherHandoff) => Promise<void>) | undefined {
  if (typeof process.execve !== 'function') return undefined;
  const path = leanWaitPath(options.entry);
  if (!existsSync(path)) return undefined;
  return async ({ code, owner }) => {
    const state: LeanWaitState = {
      v: 1,
      event: options.event,
      input: options.input,
      entry: options.entry,
      storeDir: options.config.storeDir,
      watch: options.config.watch,
      claudePid: options.config.claudePid,
      code,
      owner,
    };
    await options.flush();
    try {
      process.execve!(process.execPath, [process.execPath, path], { ...process.env, [LEAN_WAIT_STATE_VAR]: JSON.stringify(state) });
    } catch {
      // execve(2) failed and this process runs on unchanged: the wait stays here.
    }
  };
}
