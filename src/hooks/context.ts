import type { Config, QuickConfig } from '../core/config.ts';
import type { ProcInfo } from '../core/proc.ts';
import type { Intercom } from '../intercom/index.ts';
import type { HookAgentStore, HookSelf } from '../intercom/identity.ts';
import type { SeenBy } from '../intercom/presence.ts';
import type { HookLaunch } from './event-time.ts';
import type { HookInput } from './input.ts';
import type { ClaimStore } from './deliver.ts';

export interface HookContext {
  /** The `intercom hook <event>` argument, e.g. "stop-failure". */
  event: string;
  config: Config;
  input: HookInput;
  pid: number;
  /**
   * When Claude Code fired this hook's event (epoch ms) and the pid its launch began with
   * (hooks/event-time.ts), read on first call. Busy/idle marks carry them, so a hook that
   * finishes late cannot override a newer event.
   */
  launch(): HookLaunch;
  /** The store, opened on first call (a hook's fast path may never need it). */
  store(): Promise<Intercom>;
  /** stdout: the hook's answer to Claude Code. */
  out(text: string): void;
  /** stderr: diagnostics (and, for an exit-2 wake, the text the model receives). */
  err(text: string): void;
  /** Aborted when the hook process is told to stop (SIGTERM/SIGINT/SIGHUP). */
  signal: AbortSignal;
  /**
   * Hand an armed watcher's wait on to a process that holds nothing else (bin/lean-wait.ts):
   * this process's image is replaced, keeping its pid and its pipes to Claude Code, so the call
   * returns only when that could not be done; the wait then runs here. Absent where it cannot
   * be (a bun without process.execve, or the lean wait handed the hook back).
   */
  waitElsewhere?: ((handoff: WatcherHandoff) => Promise<void>) | undefined;
}

/** What an armed watcher hands on to its lean wait: its agent, and the Claude process that bounds its life. */
export interface WatcherHandoff {
  code: string;
  owner: ProcInfo | undefined;
}

/** A hook's result: the process exit code. 0 = carry on; 2 = (watcher) wake the session. */
export type HookHandler = (ctx: HookContext) => Promise<number>;

/**
 * What UserPromptSubmit, SessionEnd, and SessionStart, Stop and StopFailure in the foreground
 * use of the store: an Intercom, or the lifecycle hooks' lean store (store/quick-hooks.ts), so
 * that both routes run the same handler code.
 */
export interface LifecycleStore extends HookAgentStore, ClaimStore {
  mail: HookAgentStore['mail'] & ClaimStore['mail'] & Pick<Intercom['mail'], 'countNew'>;
  presence: HookAgentStore['presence'] & Pick<Intercom['presence'], 'mark'>;
  watchers: Pick<Intercom['watchers'], 'current'>;
}

/** A HookContext as those handlers need it: the entry's quick settings, and the store above. */
export interface LifecycleContext extends Omit<HookContext, 'config' | 'store'> {
  config: QuickConfig;
  store(): Promise<LifecycleStore>;
}

/** A handler both routes run (the full hook passes its HookContext). */
export type LifecycleHandler = (ctx: LifecycleContext) => Promise<number>;

/** The hook as intercom's identity rules see it: session id, pid, CLAUDE_PID, CLAUDE_INTERCOM_SESSION. */
export function selfOf(ctx: LifecycleContext): HookSelf {
  return { sessionId: ctx.input.sessionId, pid: ctx.pid, claudePid: ctx.config.claudePid, identityOverride: ctx.config.identityOverride };
}

/** This hook's event for busy/idle: its session and transcript, at the hook's start (a late finish cannot override a newer event). */
export function seenBy(ctx: Pick<LifecycleContext, 'input' | 'launch'>): SeenBy {
  const { at, firstPid } = ctx.launch();
  return { sessionId: ctx.input.sessionId, transcriptPath: ctx.input.transcriptPath, at, firstPid };
}
