// Handing an armed watcher's wait on to the lean wait (hooks/watcher-lean.ts): this process's
// image is replaced by `bun lean-wait.js` with process.execve, so the pid Claude Code waits on, its
// pipes and its start time (which the watcher's record holds) stay the same, and the process that
// then idles for hours, and wakes the session, has loaded only what the wait needs. In bin/
// because it reads and passes on process.env.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { LEAN_WAIT_ENV_VARS } from '../cli/install/hooks-spec.ts';
import type { Config } from '../core/config.ts';
import type { WatcherHandoff } from '../hooks/context.ts';
import { hookInputText, parseHookInput } from '../hooks/input.ts';
import type { LeanWaitState } from '../hooks/watcher-lean.ts';

/** The environment variable that carries the hand-off (JSON) to bin/lean-wait.ts, which removes it at once. */
export const LEAN_WAIT_STATE_VAR = 'CLAUDE_INTERCOM_LEAN_WAIT';

/**
 * The most characters a hand-off may take. Linux refuses an environment string over 128 KiB
 * (MAX_ARG_STRLEN: execve fails with E2BIG, which Bun 1.3.14 does not even let a catch see: the
 * process aborts). A hand-off holds the hook's input without what intercom does not read (a
 * Stop's last_assistant_message can be any size): paths and ids, well under this. Over it, the
 * wait stays in the hook's process.
 */
export const MAX_HANDOFF_CHARS = 64 * 1024;

/** The shell the exec goes through (see SHIELD). */
const SHELL = '/bin/sh';
/**
 * Run by SHELL: the stop signals stay ignored through its exec of bun, until lean-wait.ts has its
 * handlers (an ignored signal stays ignored across execve, and bun keeps it so until a handler
 * is set); without it, a stop in bun's start-up (~10 ms) killed the hook: exit 143, and
 * "Terminated" on its stderr. Where ignoreStopSignals could not ignore them before the exec, the
 * shell's own start (~1–2 ms, before its trap) is the one window left: a watcher hook registered
 * before JSC's JIT was allowed it (`intercom install` again fixes that), musl, macOS.
 * A stop ignored there is no loss: none comes from a newer watcher (this process is not armed
 * yet: a newer one does not know it, and this one takes over when it arms, as a later Stop's
 * watcher would), and a session that ends unregisters its agent, which the wait sees.
 */
const SHIELD = 'trap "" TERM INT HUP; exec "$0" "$@"';
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** The lean wait's file beside `entry` (the source's intercom.ts, or the bundle's intercom). */
export function leanWaitPath(entry: string): string {
  return join(dirname(entry), entry.endsWith('.ts') ? 'lean-wait.ts' : 'lean-wait.js');
}

/**
 * HookContext's waitElsewhere for hook `event` with input `input`, or undefined where bun has no
 * process.execve (before 1.3.14: the wait stays in the hook's process) or the lean wait's file is
 * missing. `flush` settles what the hook wrote so far; `signal` is the hook's stop signal: once
 * it is aborted, nothing is exec'd (the hook ends as told). The function returns only when the
 * exec could not be done (the wait then runs in this process, as without it).
 */
export function leanWaitHandoff(options: {
  entry: string;
  event: string;
  input: string;
  config: Config;
  flush: () => Promise<unknown>;
  signal: AbortSignal;
}): ((handoff: WatcherHandoff) => Promise<void>) | undefined {
  if (typeof process.execve !== 'function') return undefined;
  const path = leanWaitPath(options.entry);
  if (!existsSync(path)) return undefined;
  return async ({ code, owner }) => {
    const state: LeanWaitState = {
      v: 1,
      event: options.event,
      input: hookInputText(parseHookInput(options.input)),
      entry: options.entry,
      storeDir: options.config.storeDir,
      watch: options.config.watch,
      claudePid: options.config.claudePid,
      code,
      owner,
    };
    await options.flush();
    await execLeanWait(path, state, options.signal);
  };
}

/**
 * Replace this process's image with the lean wait at `path`, handed `state`. Resolves only when
 * that was not done: `signal` aborted (checked last, with the stop signals ignored), a hand-off
 * too big, no SHELL, no process.execve, or execve(2) failed (this process then runs on
 * unchanged, its signal handlers as they were).
 */
async function execLeanWait(path: string, state: LeanWaitState, signal: AbortSignal): Promise<void> {
  const handoff = JSON.stringify(state);
  if (handoff.length > MAX_HANDOFF_CHARS || typeof process.execve !== 'function' || !existsSync(SHELL) || signal.aborted) return;
  const restore = await ignoreStopSignals();
  // A stop that came before the signals were ignored has run its listener by now (bun runs it
  // on its event loop, not in the signal handler): one turn of the loop, then look.
  await Bun.sleep(1);
  if (!signal.aborted) {
    try {
      // The lean wait without the JIT (the hook itself kept it for bun:ffi: hooks-spec.ts WATCHER_ENV_VARS).
      process.execve(SHELL, [SHELL, '-c', SHIELD, process.execPath, path], {
        ...process.env,
        ...LEAN_WAIT_ENV_VARS,
        [LEAN_WAIT_STATE_VAR]: handoff,
      });
    } catch {
      // execve(2) failed and this process runs on unchanged: the wait stays here.
    }
  }
  restore?.();
}

/**
 * Set the stop signals to "ignore" (libc's signal(), through bun:ffi: neither bun nor Node can),
 * so that none lands between the exec and the handlers of the image that follows. Returns what
 * puts this process's own handlers back, or undefined where it could not be done (not Linux, no
 * glibc, no FFI: bun:ffi refuses to load where BUN_JSC_useJIT=0, which is why the watcher hooks'
 * command keeps the JIT, its tiers off: cli/install/hooks-spec.ts WATCHER_ENV_VARS): SHIELD then
 * covers all but the shell's own start.
 */
async function ignoreStopSignals(): Promise<(() => void) | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const { dlopen, FFIType } = await import('bun:ffi');
    const libc = dlopen('libc.so.6', { signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr } });
    const SIG_IGN = 1;
    const numbers = STOP_SIGNALS.map((name) => os.constants.signals[name]);
    const previous = numbers.map((n) => libc.symbols.signal(n, SIG_IGN as never));
    return () => {
      for (const [i, n] of numbers.entries()) libc.symbols.signal(n, previous[i] as never);
      libc.close();
    };
  } catch {
    return undefined;
  }
}
