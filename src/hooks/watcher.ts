// The watcher: run by SessionStart, Stop and StopFailure as an async hook with asyncRewake. It
// checks the inbox at once, then waits on it (fs watch, no polling). When mail lands while the
// session is idle, it claims the mail, prints it, and exits 2: Claude Code wakes the session with
// that text.
// It stays armed for as long as its Claude process lives; it exits 0, quietly, when that process
// dies, when a newer watcher for the same agent replaces it, or when it is told to stop.
import { describeError } from '../core/errors.ts';
import { holdInotifyPastExit } from '../core/inotify-holder.ts';
import { ancestors, isProcessAlive, lastCreatedPid, procInfo, stopProcess } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import type { Intercom } from '../intercom/index.ts';
import type { FolderWatch } from '../store/watch.ts';
import type { AgentChange } from '../intercom/index.ts';
import { waitFor } from '../core/wait-for.ts';
import type { HookContext, HookHandler } from './context.ts';
import { seenBy, selfOf } from './context.ts';
import { claimedText, claimNewMail, formatDelivery } from './deliver.ts';
import { inForeground, markIdle } from './watcher-foreground.ts';
import { hookAgent, hookClaude } from '../intercom/identity.ts';
import { createWakeCheck, idleOrBusy, mailHandover } from '../intercom/wake.ts';
import type { HookAgent } from '../intercom/identity.ts';

/** How long a SessionStart watcher waits for the session's MCP server to register. */
export const LINK_WAIT_MS = 60_000;

export const WAKE_EXIT_CODE = 2;
/**
 * How long the agent may stay unregistered before the watcher gives up. Claude Code closes the
 * MCP server first when a session ends, then waits up to 30 s for asyncRewake hooks before it
 * runs SessionEnd; leaving then lets it exit at once. The grace covers an MCP reconnect.
 */
export const AGENT_GONE_GRACE_MS = 1_500;

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
  const owner = await ownerProcess(store, code, chain, claude);
  const idle = () => markIdle(ctx, store, code);
  const self = procInfo(ctx.pid);
  if (!self) return 0;
  if (ctx.event === 'stop-failure') {
    // A watcher still armed from the last Stop can wake the session once it reads idle; keep it.
    // Only a turn that a wake started (its watcher has exited) needs this one to take over.
    const armed = await store.watchers.current(code);
    if (armed && armed.pid !== self.pid && isProcessAlive(armed.pid, armed.pid_start)) {
      await idle();
      return 0;
    }
  }
  // Take over from the older watcher first, then mark the session idle: the other order would
  // let the older one (still armed through the turn) see idle and wake the session itself.
  const previous = await store.watchers.arm(code, { pid: self.pid, start: self.start, claudePid: owner?.pid });
  if (previous) stopProcess(previous.pid);
  await idle();
  await store.warm(); // parse schemas now, not on the wake path
  // What start-up left behind goes now: the watcher then idles for hours at its smallest (its
  // hook command turns Bun's once-a-second GC timer off: cli/install/hooks-spec.ts WATCHER_ENV).
  Bun.gc(true);
  await warmWakePath(store, code, idle);
  return waitForMail(ctx, store, code, owner);
};

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
async function ownerProcess(store: Intercom, code: string, chain: ProcInfo[], guess: ProcInfo | undefined): Promise<ProcInfo | undefined> {
  const agent = await store.agents.get(code);
  const registered = chain.find((p) => p.pid === agent?.claude_pid && p.start === agent?.claude_pid_start);
  return registered ?? guess;
}

/** Claim new mail and print it for the model. True when something was delivered. */
async function deliver(ctx: HookContext, store: Intercom, code: string): Promise<boolean> {
  const claimed = await claimNewMail(store, code);
  if (claimed.length === 0) return false;
  // From here the mail is claimed: it must reach the model (exit 2) whatever fails next, or it
  // would sit in delivered/ unseen. What follows is a hint (the count) and a mark (busy).
  // On exit 2 Claude Code hands the hook's stderr (stdout if stderr is empty) to the model.
  ctx.err(await claimedText(store, code, claimed));
  try {
    // The wake's moment, not the hook's start, and the newest pid then (store/activity.ts says why).
    await store.presence.mark(code, 'busy', { ...seenBy(ctx), at: undefined, firstPid: undefined, lastPid: lastCreatedPid() });
  } catch {
    // Without it the session may read idle until this turn's Stop, and another message could
    // wake it sooner: better than mail marked delivered that the model never saw. Whatever broke
    // the store here breaks the next write loudly; nothing for the model to act on.
  }
  return true;
}

function ownerAlive(owner: ProcInfo | undefined): boolean {
  return owner === undefined || isProcessAlive(owner.pid, owner.start);
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

/** Wait for new mail while the session is idle; the exit code to end with (2 = woke it). */
async function waitForMail(ctx: HookContext, store: Intercom, code: string, owner: ProcInfo | undefined): Promise<number> {
  // An agent that is not live means the session is ending, except at SessionStart: a resumed
  // session arms its watcher before its new MCP server registers (~1.7 s later with 2.1.330), and
  // the agent it finds is the old, dead one. Its mail is waited on, and woken for, all the same,
  // for as long as a SessionStart watcher waits for a registration. A Stop watcher's session had
  // its server through the turn: if it is gone now, the session is closing (Claude Code closes
  // the server first), and so is a registration of our own Claude process that has gone.
  const record = await store.agents.get(code);
  const ours = owner !== undefined && record?.claude_pid === owner.pid && record.claude_pid_start === owner.start;
  const check = createWakeCheck(store, code, {
    pid: ctx.pid,
    registrationWaitMs: ctx.event !== 'session-start' || ours ? undefined : LINK_WAIT_MS,
    goneGraceMs: AGENT_GONE_GRACE_MS,
  });
  // Whether this watcher may still wake the session, as of the last full check: the armed one,
  // its agent there. Only a change outside the inbox (another watch's event, or a backstop
  // check) can change that, so an inbox event reuses it; busy/idle is read afresh on every
  // event all the same (intercom/wake.ts idleOrBusy says why).
  let checked = false;
  const ready = async (change?: AgentChange): Promise<'ready' | 'replaced' | 'gone' | undefined> => {
    let standing: 'idle' | 'busy';
    if (change !== 'mail' || !checked) {
      const now = await check();
      if (now === 'replaced' || now === 'gone') return now;
      standing = now;
      checked = true;
    } else standing = await idleOrBusy(store, code);
    if (standing === 'busy' || (await store.mail.countNew(code)) === 0) return undefined;
    return 'ready';
  };
  // The transcript is watched too: an interrupted turn shows only there.
  const transcript = ctx.input.transcriptPath;
  for (;;) {
    // The watches are closed before we claim: renames and writes in watched folders queue events
    // that make Bun's exit ~15 ms slower, and the exit is what wakes the session.
    const outcome = await waitUntil<'ready' | 'replaced' | 'gone', AgentChange>(
      ctx,
      owner,
      async (onChange) => {
        const watch = await store.watchAgent(code, onChange, onWatchError(ctx), transcript);
        // Our exit is what wakes the session (or lets a closing one end): once the watches
        // exist, the kernel's teardown of them is handed to a holder process that no one waits
        // for (core/inotify-holder.ts says why; measured there).
        void holdInotifyPastExit();
        return watch;
      },
      ready,
    );
    if (outcome !== 'ready') return 0;
    if (await deliver(ctx, store, code)) return WAKE_EXIT_CODE;
    // Another hook claimed the mail first (it was shown to the model there): keep waiting, and
    // look at everything again.
    checked = false;
  }
}

const onWatchError = (ctx: HookContext) => (error: unknown) => ctx.err(`intercom watcher: ${describeError(error)}`);

/**
 * Wait (see core/wait-for.ts) while the owner process lives: gives up (undefined) when it is
 * found dead (at a probe),
 * when this hook is told to stop, or after `timeoutMs`.
 */
async function waitUntil<T, H extends string = never>(
  ctx: HookContext,
  owner: ProcInfo | undefined,
  watch: (onChange: (hint?: H) => Promise<void>) => Promise<FolderWatch>,
  probe: (hint?: H) => Promise<T | undefined>,
  timeoutMs?: number,
): Promise<T | undefined> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort);
  if (ctx.signal.aborted) stop.abort();
  // No timer of its own: whether the owner lives is asked on every probe, which the watches run
  // on each change and at their backstop rescans (store/agent-watch.ts INBOX_RESCAN_MS). A session
  // that ends closes its MCP server first, whose record going away is a change; an idle watcher
  // wakes up once every few minutes.
  try {
    const probeWhileOwned = async (hint?: H) => {
      if (ownerAlive(owner)) return probe(hint);
      stop.abort();
      return undefined;
    };
    return await waitFor<T, H>(watch, probeWhileOwned, { timeoutMs, signal: stop.signal });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
