// `intercom hook <event>`: reads Claude Code's hook JSON on stdin and runs one handler.
// Hooks fail open: a bug or a broken store never blocks the user's session, but it says so.
import type { Config } from '../core/config.ts';
import { describeError } from '../core/errors.ts';
import type { Intercom } from '../intercom/index.ts';
import type { HookContext, HookHandler } from './context.ts';
import { parseHookInput } from './input.ts';
import { hookLaunch } from './event-time.ts';
import type { HookLaunch } from './event-time.ts';

/** Each hook loads only its own handler: PreToolUse runs on every tool call and must start fast. */
export const HOOK_EVENTS: Record<string, { load: () => Promise<HookHandler>; background: boolean }> = {
  'session-start': { load: async () => (await import('./watcher.ts')).watcher, background: true },
  stop: { load: async () => (await import('./watcher.ts')).watcher, background: true },
  'pre-tool-use': { load: async () => (await import('./pre-tool-use.ts')).preToolUse, background: false },
  'user-prompt-submit': { load: async () => (await import('./user-prompt-submit.ts')).userPromptSubmit, background: false },
  // Claude Code runs StopFailure instead of Stop when an API error ends a turn; it honours
  // asyncRewake there too, so the same watcher re-arms (a woken turn that fails included).
  'stop-failure': { load: async () => (await import('./watcher.ts')).watcher, background: true },
  'session-end': { load: async () => (await import('./session-end.ts')).sessionEnd, background: false },
};

export interface HookDeps {
  /** The settings; throws when the environment holds a bad value (reported like any hook failure). */
  config(): Config;
  pid: number;
  /** When the hook process's JavaScript started (epoch ms): the event time where process starts cannot be read. */
  startedAt: number;
  readStdin(): Promise<string>;
  openIntercom(): Promise<Intercom>;
  out(text: string): void;
  err(text: string): void;
  signal: AbortSignal;
  /** HookContext's waitElsewhere: where an armed watcher's wait may go. */
  waitElsewhere?: HookContext['waitElsewhere'];
}

/** What `intercom hook --help` prints: a person asked, so nothing is read or answered. */
export function hookUsage(): string {
  return [
    'usage: intercom hook <event>   (Claude Code runs this; it reads the hook JSON on stdin)',
    `  <event>   ${Object.keys(HOOK_EVENTS).join(', ')}`,
    '  `intercom install` wires these into Claude Code; `intercom doctor` checks them.',
  ].join('\n');
}

export async function runHook(event: string | undefined, deps: HookDeps): Promise<number> {
  if (event === '--help' || event === '-h' || event === 'help') {
    deps.out(hookUsage());
    return 0;
  }
  const spec = event === undefined ? undefined : HOOK_EVENTS[event];
  const failOpen = (why: string) => {
    // `why` may end in its own punctuation ("…a Claude Code event?"): no full stop after it then.
    const message = `intercom hook ${event ?? '(none)'} failed: ${why}${/[.!?]$/.test(why) ? '' : '.'} Messages are safe on disk; run \`intercom doctor\`.`;
    deps.err(message);
    // A background watcher's output is shown to the model only on exit 2, which we never use
    // for failures; a foreground hook reports through systemMessage, which the user sees.
    if (!spec?.background) deps.out(JSON.stringify({ systemMessage: message }));
    return 0;
  };
  if (!spec) return failOpen(`unknown event "${event ?? ''}"; expected one of ${Object.keys(HOOK_EVENTS).join(', ')}`);
  try {
    const config = deps.config();
    const [input, handler] = await Promise.all([deps.readStdin().then(parseHookInput), spec.load()]);
    // Inside a subagent only the claim guard runs (PreToolUse sees that itself): nothing a
    // subagent's hook prints reaches the main thread's model, so it must not take or mark mail,
    // nor change the session's busy/idle state.
    if (input.agentId !== undefined && event !== 'pre-tool-use') return 0;
    let opened: Promise<Intercom> | undefined;
    const store = () => (opened ??= deps.openIntercom());
    let launch: HookLaunch | undefined;
    return await handler({
      event: event!,
      config,
      input,
      pid: deps.pid,
      launch: () => (launch ??= hookLaunch(deps.pid, config.claudePid, deps.startedAt)),
      store,
      out: deps.out,
      err: deps.err,
      signal: deps.signal,
      waitElsewhere: deps.waitElsewhere,
    });
  } catch (error) {
    return failOpen(describeError(error, 'human')); // systemMessage: the user reads it
  }
}
