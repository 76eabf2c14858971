// The armed watcher's lean wait. The watcher hook (watcher.ts) resolves its agent with the full
// store, then, in the common case, hands the rest on: its process image is replaced by
// bin/lean-wait.ts (same pid, same pipes to Claude Code), which runs this: arm, mark the session
// idle, wait, wake. It is the very code the full hook runs (watcher-wait.ts); only the store differs:
// store/quick-wait.ts, which loads no zod, no MCP SDK and not the rest of the store. So the
// process that idles for hours holds less memory, and the one that wakes the session has less to
// run and less to tear down at its exit (bench/wake-many.ts, bench/idle-cost.ts). Anything
// unusual makes it reject; bin/lean-wait.ts then runs the full hook again, in the same process, with
// the wait kept there.
import type { WatchMode } from '../core/config.ts';
import type { ProcInfo } from '../core/proc.ts';
import { presenceOf } from '../intercom/presence.ts';
import { openQuickWait } from '../store/quick-wait.ts';
import { hookLaunch } from './event-time.ts';
import type { HookLaunch } from './event-time.ts';
import { parseHookInput } from './input.ts';
import type { WaitContext, WaitStore } from './watcher-wait.ts';
import { armThenWait } from './watcher-wait.ts';

/** What the watcher hook hands on to its lean wait (JSON, through bin/lean-wait.ts). */
export interface LeanWaitState {
  v: 1;
  /** The `intercom hook <event>` argument: session-start, stop or stop-failure. */
  event: string;
  /** The hook's input, the fields intercom reads (hooks/input.ts hookInputText): the full hook reads it again if handed back. */
  input: string;
  /** The entry point's path (bin/app.ts EntryHandoff `entry`). */
  entry: string;
  /** The store folder and how to watch it, as the full hook resolved them (core/config.ts). */
  storeDir: string;
  watch: WatchMode;
  /** CLAUDE_PID as the full hook read it (hooks/event-time.ts). */
  claudePid: number | undefined;
  /** The agent whose watcher this process becomes (it arms). */
  code: string;
  /** The Claude process that bounds the watcher's life. */
  owner: ProcInfo | undefined;
}

/** Checks `value` (parsed JSON) is a LeanWaitState, field by field; throws a plain Error when it is not. */
export function checkLeanWaitState(value: unknown): LeanWaitState {
  const s = value as Partial<LeanWaitState> | null;
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  const owner = s?.owner as Partial<ProcInfo> | undefined;
  if (
    s === null ||
    typeof s !== 'object' ||
    s.v !== 1 ||
    !text(s.event) ||
    typeof s.input !== 'string' ||
    !text(s.entry) ||
    !text(s.storeDir) ||
    !text(s.watch) ||
    !text(s.code) ||
    (s.claudePid !== undefined && !Number.isInteger(s.claudePid)) ||
    (owner !== undefined && (!Number.isInteger(owner.pid) || !text(owner.start)))
  )
    throw new Error('not a watcher hand-off');
  return s as LeanWaitState;
}

/**
 * The wait of `state`'s watcher: resolves to its exit code (2: it printed the wake text through
 * `err`; 0: it must leave), rejects (QuickHandover, or any failure) when the full hook must take
 * over. `pid`: this process (the watcher's, kept through the exec); `startedAt`: when its
 * JavaScript started (epoch ms).
 */
export async function leanWait(
  state: LeanWaitState,
  host: { pid: number; startedAt: number; err(text: string): void; signal: AbortSignal },
): Promise<number> {
  const input = parseHookInput(state.input);
  const quick = await openQuickWait(state.storeDir, state.code, state.watch, Date.now());
  const store: WaitStore = {
    watchers: quick.watchers,
    agents: quick.agents,
    presence: { of: async (code) => presenceOf(await quick.activity(code)), mark: quick.presence.mark },
    mail: quick.mail,
    watchAgent: quick.watchAgent,
  };
  let launch: HookLaunch | undefined;
  const ctx: WaitContext = {
    event: state.event,
    input,
    pid: host.pid,
    launch: () => (launch ??= hookLaunch(host.pid, state.claudePid, host.startedAt)),
    err: host.err,
    signal: host.signal,
  };
  // What start-up left behind goes before the wait, as in the full hook (its GC timer is off).
  return armThenWait(ctx, store, state.code, state.owner, undefined, async () => Bun.gc(true));
}
