import type { Config } from '../core/config.ts';
import type { Store } from '../store/index.ts';
import type { HookInput } from './input.ts';

export interface HookContext {
  /** The `intercom hook <event>` argument, e.g. "stop-failure". */
  event: string;
  config: Config;
  input: HookInput;
  pid: number;
  /**
   * When this hook process started (epoch ms): the time of the event it reports. Busy/idle
   * marks carry it, so a hook that finishes late cannot override a newer event.
   */
  startedAt: number;
  /** The store, opened on first call (a hook's fast path may never need it). */
  store(): Promise<Store>;
  /** stdout: the hook's answer to Claude Code. */
  out(text: string): void;
  /** stderr: diagnostics (and, for an exit-2 wake, the text the model receives). */
  err(text: string): void;
  /** Aborted when the hook process is told to stop (SIGTERM/SIGINT/SIGHUP). */
  signal: AbortSignal;
}

/** A hook's result: the process exit code. 0 = carry on; 2 = (watcher) wake the session. */
export type HookHandler = (ctx: HookContext) => Promise<number>;
