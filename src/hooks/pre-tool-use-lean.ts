// PreToolUse when mail waits and that is all (no claimed edit, no identity override, a linked
// session): the hooks' routes (bin/hook-routes.ts) hand it here instead of to bin/app.ts. Its cost
// hardly grows with the inbox: one listing of new/ (names only), then the messages of one
// delivery read, checked and moved. The handover itself is pre-tool-use-mail.ts, the very code
// the full hook runs; only the store differs: store/quick-mail.ts opens just what it needs (no
// zod, no MCP SDK, no watches, not the ~20 files of app.js; ~1 ms each). When that store meets
// anything unusual it hands the call over, before anything has moved, to the full hook, which
// does the work and reports what it found.
import type { QuickConfig } from '../core/config.ts';
import { ancestors } from '../core/proc.ts';
import { openQuickMail } from '../store/quick-mail.ts';
import type { QuickInbox } from '../store/quick.ts';
import { additionalContext } from './deliver.ts';
import type { HookInput } from './input.ts';
import { toolCallMail } from './pre-tool-use-mail.ts';

/**
 * The hook's stdout for this tool call ('' when there is nothing to say, e.g. a run that may
 * end after any tool call takes no mail), or undefined: "run the full hook". `inbox`: the
 * entry's glance at the session's agent and its new/ folder (pre-tool-use-quick.ts).
 */
export async function leanPreToolUse(config: QuickConfig, input: HookInput, inbox: QuickInbox, pid: number): Promise<string | undefined> {
  try {
    const store = await openQuickMail(config.storeDir, inbox.code, Date.now());
    const self = { sessionId: input.sessionId, pid, claudePid: config.claudePid, identityOverride: undefined };
    const { context } = await toolCallMail(store, self, ancestors(pid), false);
    return context ? additionalContext('PreToolUse', context) : '';
  } catch (error) {
    // A QuickHandover (something unusual, left as it was), or any other failure (a store the
    // full open refuses, an unreadable folder): the full hook meets it again and reports it.
    if (error instanceof Error) return undefined;
    throw error;
  }
}
