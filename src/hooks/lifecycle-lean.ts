// The lifecycle hooks' lean route: UserPromptSubmit, SessionEnd, and SessionStart, Stop and
// StopFailure where Claude Code runs them in the foreground (`claude -p`, which waits for every
// hook in series, so each one's start is paid in full). The hooks' routes (bin/hook-routes.ts) hand
// them here instead of to bin/app.ts. The handlers are the very ones the full hook runs
// (user-prompt-submit.ts, session-end.ts, watcher-foreground.ts); only the store differs:
// store/quick-hooks.ts opens just what they read and write (no zod, no MCP SDK, not the ~20
// files of app.js at ~1 ms each). Whatever that store finds unusual (a dead agent, mail or marks
// to adopt, a session to link, an identity override, a corrupt or special file) hands the hook
// to the full route, which does the work and reports what it found; so does a watcher to arm
// (an interactive session's SessionStart or Stop, which runs in the background anyway).
import type { QuickConfig } from '../core/config.ts';
import { ancestors } from '../core/proc.ts';
import { hookClaude } from '../intercom/identity.ts';
import { mailHandover } from '../intercom/wake.ts';
import { openQuickHooks } from '../store/quick-hooks.ts';
import type { QuickHooksStore } from '../store/quick-hooks.ts';
import type { LifecycleContext } from './context.ts';
import { selfOf } from './context.ts';
import { hookLaunch } from './event-time.ts';
import type { HookLaunch } from './event-time.ts';
import type { HookInput } from './input.ts';
import { sessionEnd } from './session-end.ts';
import { userPromptSubmit } from './user-prompt-submit.ts';
import { LIFECYCLE_EVENTS } from './lifecycle-events.ts';
import { inForeground } from './watcher-foreground.ts';

/** What the hook prints: its stdout ('' for nothing) and its stderr lines, joined. Its exit code is 0. */
export interface LeanAnswer {
  out: string;
  err: string;
}

/**
 * The hook's answer for `event` (one of LIFECYCLE_EVENTS), or undefined: "run the full hook".
 * `startedAt`: when this process's JavaScript started (epoch ms), the event time where process
 * starts cannot be read (hooks/event-time.ts).
 */
export async function leanLifecycleHook(
  event: string,
  config: QuickConfig,
  input: HookInput,
  pid: number,
  startedAt: number,
): Promise<LeanAnswer | undefined> {
  if (!LIFECYCLE_EVENTS.has(event) || config.identityOverride !== undefined) return undefined;
  // Inside a subagent these hooks do nothing (hooks/main.ts says why).
  if (input.agentId !== undefined) return { out: '', err: '' };
  const out: string[] = [];
  const err: string[] = [];
  let launch: HookLaunch | undefined;
  let opened: Promise<QuickHooksStore> | undefined;
  const ctx: LifecycleContext = {
    event,
    config,
    input,
    pid,
    launch: () => (launch ??= hookLaunch(pid, config.claudePid, startedAt)),
    store: () => (opened ??= openQuickHooks(config.storeDir, input.sessionId, Date.now())),
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    signal: new AbortController().signal,
  };
  try {
    let code: number;
    if (event === 'user-prompt-submit') code = await userPromptSubmit(ctx);
    else if (event === 'session-end') code = await sessionEnd(ctx);
    else {
      const chain = ancestors(pid);
      const handover = mailHandover(event, { subagent: false, claude: hookClaude(selfOf(ctx), chain) });
      if (handover === 'wake') return undefined; // a watcher to arm: the full hook's (the store is not opened yet)
      code = await inForeground(ctx, chain, handover);
    }
    if (code !== 0) return undefined; // none of these ends otherwise; if one did, the full hook would say why
    return { out: out.map((line) => `${line}\n`).join(''), err: err.map((line) => `${line}\n`).join('') };
  } catch (error) {
    // A QuickHandover (something unusual, left as it was), or any other failure (a store the
    // full open refuses, an unreadable folder): the full hook meets it again and reports it.
    if (error instanceof Error) return undefined;
    throw error;
  }
}
