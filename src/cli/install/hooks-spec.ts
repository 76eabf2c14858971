// The Claude Code hooks intercom needs, in one place: rendered into the plugin's hooks.json
// (with ${CLAUDE_PLUGIN_ROOT}) and into the user's settings.json by `intercom install` (with
// absolute paths). test/e2e/install.test.ts checks hooks.json against this.

/** asyncRewake hooks are killed at their timeout; a week keeps an idle session reachable. */
export const WATCHER_TIMEOUT_S = 7 * 24 * 60 * 60;
/** Foreground hooks: generous, since a stuck hook would block the session (they fail open on error). */
export const HOOK_TIMEOUT_S = 10;

export interface HookCommand {
  type: 'command';
  command: string;
  timeout: number;
  asyncRewake?: boolean;
  rewakeMessage?: string;
  rewakeSummary?: string;
}

export interface HookGroup {
  matcher?: string;
  hooks: HookCommand[];
}

export type HooksConfig = Record<string, HookGroup[]>;

/** Claude Code event name → `intercom hook <event>` argument. */
export const HOOK_EVENTS = {
  SessionStart: 'session-start',
  Stop: 'stop',
  PreToolUse: 'pre-tool-use',
  UserPromptSubmit: 'user-prompt-submit',
  StopFailure: 'stop-failure',
  SessionEnd: 'session-end',
} as const;

const WATCHERS = new Set(['session-start', 'stop', 'stop-failure']);

/**
 * Every hook's environment (HOOK_ENV: the same as assignments in its command): BUN_JSC_useJIT=0, a JavaScriptCore option that Bun reads from BUN_JSC_* at its
 * start. A hook runs little code, mostly once, which JSC's interpreter serves as well; without the
 * JIT a process starts a little faster and holds less. Measured with Bun 1.4.5 (bench/, n=40
 * interleaved): PreToolUse with an empty inbox 11.0 → 10.2 ms, with 1,000 unread 27.0 → 23.7 ms;
 * an armed watcher holds 34.8 MiB instead of 40.3, starts no JIT threads when its backstop rescans
 * come round, and a wake costs less CPU (p50 6.3 → 5.0 ms from the message to its exit; 50
 * watchers woken by one broadcast: p50 87–109 → 52–87 ms).
 */
export const HOOK_ENV_VARS: Readonly<Record<string, string>> = { BUN_JSC_useJIT: '0' };

/** `vars` as a shell command's leading assignments, e.g. `A=1 B=2`. */
const assignments = (vars: Readonly<Record<string, string>>) =>
  Object.entries(vars)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');

export const HOOK_ENV = assignments(HOOK_ENV_VARS);

/**
 * A watcher waits for days: without this, Bun (1.4.5) wakes every process once a second to weigh
 * a garbage collection (a read of /proc/self/statm, its GC threads woken with it): ~66 wakeups a
 * minute in an idle empty script, ~180 in an armed watcher; with it, none (bench/idle-cost.ts).
 * Collections still run when the heap grows, and the watcher collects once itself when it arms.
 * MIMALLOC_PURGE_DELAY=0: no mi-scavenger thread waking every ~30 s (see SERVER_ENV below).
 * JSC's JIT tiers are off, as every hook's JIT is (above), but the JIT itself is not: bun:ffi
 * refuses to load where BUN_JSC_useJIT=0 ("bun:ffi requires the JIT", Bun 1.4.5), and the watcher
 * needs it once, to set its stop signals to "ignore" before its image becomes the lean wait
 * (bin/lean-wait-handoff.ts: a stop in that exec otherwise killed the hook, exit 143, in 4 of 81
 * moments tried 0.5 ms apart). That exec hands the lean wait HOOK_ENV (no JIT at all), so the
 * process that idles and wakes the session runs as before; the hook's own start pays ~0.2 ms
 * (an empty file: 7.38 → 7.61 ms, n=80) and a watcher that waits in the hook's process (a bun
 * without process.execve, a SessionStart waiting for its server to register) ~0.7 MiB.
 * Hook commands run through a shell (Claude Code's command hooks), so the assignments apply.
 */
export const WATCHER_ENV_VARS: Readonly<Record<string, string>> = {
  BUN_GC_TIMER_DISABLE: '1',
  MIMALLOC_PURGE_DELAY: '0',
  BUN_JSC_useBaselineJIT: '0',
  BUN_JSC_useDFGJIT: '0',
  BUN_JSC_useFTLJIT: '0',
};
export const WATCHER_ENV = assignments(WATCHER_ENV_VARS);

/** The environment the armed watcher's lean wait runs in: the watcher's, and no JIT at all (bin/lean-wait-handoff.ts sets it at the exec). */
export const LEAN_WAIT_ENV_VARS: Readonly<Record<string, string>> = { ...WATCHER_ENV_VARS, ...HOOK_ENV_VARS };

/**
 * The MCP server's environment, which its config entry's `env` adds to what Claude Code gives it
 * (`intercom install`: plan.ts serverEntry; the plugins' .mcp.json; the npm launcher sets the same).
 * The server lives as long as its session and idles most of it; Bun reads these only at its own
 * start. BUN_GC_TIMER_DISABLE: as for the watchers (above). MIMALLOC_PURGE_DELAY=0: Bun's
 * allocator (mimalloc 3.5) otherwise keeps a thread, mi-scavenger, that wakes every ~30 s to
 * return freed pages to the system; with 0 it returns them at once and has no such thread
 * (an idle bun script: 2 wakeups a minute → 0, measured with bench/idle-cost.ts). Collections
 * still run as the heap grows (JSC collects as it allocates), and the server collects once
 * itself when it has registered. BUN_JSC_useJIT=0: as for every hook (HOOK_ENV, above); a server that
 * has loaded the MCP SDK and zod for a tool call holds 44.8 MiB instead of 53.1 (Bun 1.4.5), and
 * its tool calls stay quick in JSC's interpreter: list_sessions over 1,000 transcripts of 1 MB,
 * the heaviest, 74 ms against 49 with the JIT (bench/sessions.ts; its bar is 300 ms).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = {
  BUN_GC_TIMER_DISABLE: '1',
  MIMALLOC_PURGE_DELAY: '0',
  ...HOOK_ENV_VARS,
};

/** `prefix` runs intercom, e.g. `bun "/abs/src/bin/intercom.ts"`. */
export function hooksConfig(prefix: string): HooksConfig {
  const config: HooksConfig = {};
  for (const [event, arg] of Object.entries(HOOK_EVENTS)) {
    const command: HookCommand = WATCHERS.has(arg)
      ? {
          type: 'command',
          command: `${WATCHER_ENV} ${prefix} hook ${arg}`,
          timeout: WATCHER_TIMEOUT_S,
          asyncRewake: true,
          rewakeMessage: 'New mail from another Claude session, delivered by intercom:',
          rewakeSummary: 'intercom: new message',
        }
      : { type: 'command', command: `${HOOK_ENV} ${prefix} hook ${arg}`, timeout: HOOK_TIMEOUT_S };
    config[event] = [{ ...(event === 'PreToolUse' ? { matcher: '*' } : {}), hooks: [command] }];
  }
  return config;
}

/** True for a hook command that runs `intercom hook <event>` (ours, whatever path it was installed from). */
const OUR_HOOK = new RegExp(`intercom(?:\\.ts)?["']?\\s+hook\\s+(?:${Object.values(HOOK_EVENTS).join('|')})\\b`);

export function isIntercomHookCommand(command: unknown): boolean {
  return typeof command === 'string' && OUR_HOOK.test(command);
}

export const PLUGIN_PREFIX = 'bun "${CLAUDE_PLUGIN_ROOT}/src/bin/intercom.ts"';
