// The watcher once it knows its agent (hooks/watcher.ts finds it): arm as the agent's watcher,
// mark the session idle, wait on the inbox while the session is idle; when mail lands, claim it,
// print it and end with exit 2, which wakes the session. Two routes run this same code: the
// watcher hook itself (the full store, when it cannot hand this on), and the lean wait it hands
// on to (hooks/watcher-lean.ts: the store of store/quick-wait.ts, in a process that holds
// nothing else).
import { describeError } from '../core/errors.ts';
import { holdInotifyPastExit } from '../core/inotify-holder.ts';
import { isProcessAlive, lastCreatedPid, procInfo, stopProcess } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import { waitFor } from '../core/wait-for.ts';
import type { AgentChange, Intercom, StoredMessage } from '../intercom/index.ts';
import { createWakeCheck, idleOrBusy } from '../intercom/wake.ts';
import type { WakeCheckStore } from '../intercom/wake.ts';
import type { FolderWatch } from '../store/watch.ts';
import type { HookContext } from './context.ts';
import { seenBy } from './context.ts';
import { claimedText, claimNewMail } from './deliver.ts';
import type { ClaimStore } from './deliver.ts';
import { markIdle } from './watcher-foreground.ts';

export const WAKE_EXIT_CODE = 2;
/**
 * How long the agent may stay unregistered before the watcher gives up. Claude Code closes the
 * MCP server first when a session ends, then waits up to 30 s for asyncRewake hooks before it
 * runs SessionEnd; leaving then lets it exit at once. The grace covers an MCP reconnect.
 */
export const AGENT_GONE_GRACE_MS = 1_500;

/** What arming and the wait read and write: an Intercom, or the lean wait's store (hooks/watcher-lean.ts). */
export interface WaitStore extends WakeCheckStore, ClaimStore {
  watchers: WakeCheckStore['watchers'] & Pick<Intercom['watchers'], 'arm'>;
  mail: ClaimStore['mail'] & Pick<Intercom['mail'], 'countNew'>;
  presence: WakeCheckStore['presence'] & Pick<Intercom['presence'], 'mark'>;
  watchAgent: Intercom['watchAgent'];
}

/** What the wait uses of its hook: the event, input and pid, the launch time, stderr, and the stop signal. */
export type WaitContext = Pick<HookContext, 'event' | 'input' | 'pid' | 'launch' | 'err' | 'signal'>;

/**
 * Arm as agent `code`'s watcher, mark the session idle, then wait (waitForMail, whose arguments
 * these are). `warm`, when given, runs between the two (the full hook readies its wake path).
 * Resolves to the exit code; 0 at once when this process cannot read its own start.
 */
export async function armThenWait(
  ctx: WaitContext,
  store: WaitStore,
  code: string,
  owner: ProcInfo | undefined,
  registrationWaitMs: number | undefined,
  warm?: (idle: () => Promise<void>) => Promise<void>,
): Promise<number> {
  const self = procInfo(ctx.pid);
  if (!self) return 0;
  // Take over from the older watcher first, then mark the session idle: the other order would
  // let the older one (still armed through the turn) see idle and wake the session itself.
  const previous = await store.watchers.arm(code, { pid: self.pid, start: self.start, claudePid: owner?.pid });
  if (previous) stopProcess(previous.pid);
  const idle = () => markIdle(ctx, store, code);
  await idle();
  await warm?.(idle);
  return waitForMail(ctx, store, code, owner, registrationWaitMs);
}

/**
 * Wait for new mail while the session is idle, as agent `code`'s armed watcher, for as long as
 * `owner` (the Claude process) lives. `registrationWaitMs`: the agent was not seen live yet and
 * may still register for this long (intercom/wake.ts WakeCheckOptions). Resolves to the exit code
 * to end with: 2 once mail was claimed and printed (ctx.err), 0 when the watcher must leave.
 * Rejects when the store fails (the full hook reports it; the lean wait hands over).
 */
export async function waitForMail(
  ctx: WaitContext,
  store: WaitStore,
  code: string,
  owner: ProcInfo | undefined,
  registrationWaitMs: number | undefined,
): Promise<number> {
  const check = createWakeCheck(store, code, { pid: ctx.pid, registrationWaitMs, goneGraceMs: AGENT_GONE_GRACE_MS });
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
    // that the exit then pays for, and the exit is what wakes the session (measured with 50
    // watchers, bench/wake-many.ts, alternating the two builds, 6 runs each: claiming with the
    // watches still open, p50 2.3–5.1× the floor; closing them first, 1.2–5.2×, lower in 4 of 6).
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
    const claimed = await claimNewMail(store, code);
    if (claimed.length > 0) {
      await deliver(ctx, store, code, claimed);
      return WAKE_EXIT_CODE;
    }
    // Another hook claimed the mail first (it was shown to the model there), or the store
    // quarantined it: keep waiting, and look at everything again.
    checked = false;
  }
}

/** Print mail just claimed for the model (on stderr) and mark the session busy. */
async function deliver(ctx: WaitContext, store: WaitStore, code: string, claimed: StoredMessage[]): Promise<void> {
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
}

function ownerAlive(owner: ProcInfo | undefined): boolean {
  return owner === undefined || isProcessAlive(owner.pid, owner.start);
}

export const onWatchError = (ctx: Pick<WaitContext, 'err'>) => (error: unknown) => ctx.err(`intercom watcher: ${describeError(error)}`);

/**
 * Wait (see core/wait-for.ts) while the owner process lives: gives up (undefined) when it is
 * found dead (at a probe),
 * when this hook is told to stop, or after `timeoutMs`.
 */
export async function waitUntil<T, H extends string = never>(
  ctx: Pick<WaitContext, 'signal'>,
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
