// The watcher: run by SessionStart, Stop and StopFailure as an async hook with asyncRewake. It
// checks the inbox at once, then waits on it (fs watch, no polling). When mail lands while the
// session is idle, it claims the mail, prints it, and exits 2: Claude Code wakes the session with
// that text.
// It stays armed for as long as its Claude process lives; it exits 0, quietly, when that process
// dies, when a newer watcher for the same agent replaces it, or when it is told to stop.
import { ancestors, isProcessAlive, lastCreatedPid } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import type { AgentRecord, Intercom } from '../intercom/index.ts';
import type { HookContext, HookHandler } from './context.ts';
import { selfOf } from './context.ts';
import { formatDelivery } from './deliver.ts';
import { inForeground, markIdle } from './watcher-foreground.ts';
import { hookAgent, hookClaude } from '../intercom/identity.ts';
import { idleOrBusy, mailHandover } from '../intercom/wake.ts';
import type { HookAgent } from '../intercom/identity.ts';
import { armThenWait, onWatchError, waitUntil } from './watcher-wait.ts';

export { AGENT_GONE_GRACE_MS, WAKE_EXIT_CODE } from './watcher-wait.ts';

/** How long a SessionStart watcher waits for the session's MCP server to register. */
export const LINK_WAIT_MS = 60_000;

export const watcher: HookHandler = async (ctx) => {
  const store = await ctx.store();
  const chain = ancestors(ctx.pid);
  const claude = hookClaude(selfOf(ctx), chain);
  // Claude Code backgrounds an asyncRewake hook only when more input can arrive (interactive, or
  // streaming input). Under plain `claude -p` it waits for the hook: then check once, never wait.
  const handover = mailHandover(ctx.event, { subagent: false, claude });
  if (handover !== 'wake') return inForeground(ctx, chain, handover);
  const agent = await waitForAgent(ctx, store, chain, claude);
  if (!agent) return 0;
  const { code } = agent;
  const record = await store.agents.get(code);
  const owner = ownerProcess(record, chain, claude);
  const registrationWaitMs = registrationWait(ctx.event, record, owner);
  if (ctx.event === 'stop-failure') {
    // A watcher still armed from the last Stop can wake the session once it reads idle; keep it.
    // Only a turn that a wake started (its watcher has exited) needs this one to take over.
    const armed = await store.watchers.current(code);
    if (armed && armed.pid !== ctx.pid && isProcessAlive(armed.pid, armed.pid_start)) {
      await markIdle(ctx, store, code);
      return 0;
    }
  }
  // The common case waits in a process that holds nothing else (hooks/watcher-lean.ts), which
  // arms there: smaller while it idles, quicker to wake and to exit. Where that cannot be (or the
  // hook was told to stop meanwhile), the watcher arms and waits here.
  if (registrationWaitMs === undefined && ctx.waitElsewhere && !ctx.signal.aborted) await ctx.waitElsewhere({ code, owner });
  if (ctx.signal.aborted) return 0; // told to stop before it armed: nothing to undo
  return armThenWait(ctx, store, code, owner, registrationWaitMs, async (idle) => {
    await store.warm(); // parse schemas now, not on the wake path
    // What start-up left behind goes now: the watcher then idles for hours at its smallest (its
    // hook command turns Bun's once-a-second GC timer off: cli/install/hooks-spec.ts WATCHER_ENV).
    Bun.gc(true);
    await warmWakePath(store, code, idle);
  });
};

/**
 * How long the agent may still take to register (ms), or undefined: it is live, or was.
 * An agent that is not live means the session is ending, except at SessionStart: a resumed
 * session arms its watcher before its new MCP server registers (~1.7 s later with 2.1.330), and
 * the agent it finds is the old, dead one. Its mail is waited on, and woken for, all the same,
 * for as long as a SessionStart watcher waits for a registration. A Stop watcher's session had
 * its server through the turn: if it is gone now, the session is closing (Claude Code closes
 * the server first), and so is a registration of our own Claude process that has gone.
 */
function registrationWait(event: string, record: AgentRecord | undefined, owner: ProcInfo | undefined): number | undefined {
  if (event !== 'session-start') return undefined;
  const ours = owner !== undefined && record?.claude_pid === owner.pid && record.claude_pid_start === owner.start;
  return ours ? undefined : LINK_WAIT_MS;
}

/**
 * Run the wake path's code once, to no effect, after the collection above: a function's first
 * call pays for its parse and compile, which the wake would otherwise pay, twice over on a loaded
 * machine (measured in one process, Bun 1.4.5: claiming a message 2.5 ms cold, 0.3 ms warm; the
 * busy mark 1.1 ms cold, 0.2 ms warm). Nothing here moves mail: the listing, read and rename are
 * of an id that does not exist, and the idle mark is the one this hook wrote already (same event
 * time, so a prompt's busy written since still wins).
 */
async function warmWakePath(store: Intercom, code: string, idle: () => Promise<void>): Promise<void> {
  const id = '0000000000000-0000000000';
  const at = new Date(0).toISOString();
  const sample = {
    v: 1 as const,
    id,
    from: { code: 'human' },
    to: [code],
    scope: 'direct' as const,
    thread: id,
    created_at: at,
    body: 'a <b> ＜c＞',
  };
  formatDelivery(code, [{ message: sample, state: 'delivered' }], 1);
  await store.mail.entries(code, ['new']);
  await store.mail.load(code, { id, state: 'new' });
  await store.mail.markDelivered(code, [id]);
  await store.mail.countNew(code);
  await idleOrBusy(store, code);
  lastCreatedPid();
  await idle();
}

/** The Claude process whose life bounds the watcher: the agent's registered Claude process if it is one of our ancestors. */
function ownerProcess(agent: AgentRecord | undefined, chain: ProcInfo[], guess: ProcInfo | undefined): ProcInfo | undefined {
  const registered = chain.find((p) => p.pid === agent?.claude_pid && p.start === agent?.claude_pid_start);
  return registered ?? guess;
}

/** Resolve the agent; at SessionStart the MCP server may not have registered yet, so wait for it. */
async function waitForAgent(
  ctx: HookContext,
  store: Intercom,
  chain: ProcInfo[],
  owner: ProcInfo | undefined,
): Promise<HookAgent | undefined> {
  const resolve = () => hookAgent(store, selfOf(ctx), chain);
  return (await resolve()) ?? waitUntil(ctx, owner, (onChange) => store.watchRegistry(onChange, onWatchError(ctx)), resolve, LINK_WAIT_MS);
}
