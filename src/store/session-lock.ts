// One ask at a time per Claude session. Checking that a session is not running and then resuming
// it (`claude -p --resume`) must be one step across processes: two asks that both passed the
// check would both resume it and fork its transcript. The same claim keeps two questions from
// being typed into one tmux pane at once (each would cut the other's answer short).
// proper-lockfile makes a lock folder per session (<store>/asks/<session id>.lock), keeps its
// mtime fresh while the ask runs, and takes over a stale one (its holder died) after STALE_MS.
import { IntercomError, hasErrno } from '../core/errors.ts';
import { assertSessionId } from '../core/ids.ts';
import { joinPath } from '../core/paths.ts';
import { ensureDir } from './files.ts';
import type { Layout } from './layout.ts';

/** A holder that died (SIGKILL, power loss) leaves its lock; after this long it is taken over. */
const STALE_MS = 10_000;
/** How often a waiting ask tries again. */
const RETRY_MS = 150;

export interface ClaimOptions {
  /** Give up waiting for the claim at this time (ms since epoch): the ask's own deadline. */
  deadline: number;
  signal?: AbortSignal | undefined;
}

export function sessionLockPath(layout: Layout, sessionId: string): string {
  return joinPath(layout.asks, `${assertSessionId(sessionId)}.lock`);
}

/**
 * Runs `work` while holding the session's claim. A second ask to the same session waits here
 * until the first is done (or its own deadline passes), then does its checks afresh.
 */
export async function withSessionClaim<T>(layout: Layout, sessionId: string, options: ClaimOptions, work: () => Promise<T>): Promise<T> {
  const lockPath = sessionLockPath(layout, sessionId);
  await ensureDir(layout.asks);
  // Loaded here, not at import: the hooks load the store and never ask.
  const { default: lockfile } = await import('proper-lockfile');
  let compromised: Error | undefined;
  const onCompromised = (error: Error) => {
    // The default throws from a timer, which would kill the process; the ask goes on and reports it.
    compromised = error;
  };
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      // lockfilePath with realpath off: the locked "file" need not exist, only its lock folder.
      release = await lockfile.lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: STALE_MS / 4,
        retries: 0,
        onCompromised,
      });
    } catch (error) {
      if (!hasErrno(error, 'ELOCKED')) throw error;
      if (options.signal?.aborted)
        throw new IntercomError(
          'TIMEOUT',
          `the question to session ${sessionId} was cancelled while it waited for another ask to that session; nothing was sent`,
        );
      if (Date.now() + RETRY_MS > options.deadline) throw busy(sessionId, lockPath, error);
      await Bun.sleep(RETRY_MS);
    }
  }
  // try/finally: under Bun, proper-lockfile's exit hook misses some exits, so the lock must not
  // outlive this call on any path (a crash leaves it stale, and it is taken over).
  try {
    return await work();
  } finally {
    if (compromised)
      process.stderr.write(`intercom: the ask claim on session ${sessionId} was taken over while held (${compromised.message})\n`);
    await release().catch((error: unknown) => {
      // A compromised lock is no longer ours to release; anything else is a real failure.
      if (!compromised && !hasErrno(error, 'ERELEASED', 'ENOTACQUIRED')) throw error;
    });
  }
}

function busy(sessionId: string, lockPath: string, cause: unknown): IntercomError {
  return new IntercomError(
    'TIMEOUT',
    `another ask to session ${sessionId} is still running (it holds ${lockPath}); this one waited for it until its timeout and sent nothing. ` +
      'Asks to one session take turns: ask again with a longer timeout, or send a message instead (it waits in its mailbox)',
    { cause },
  );
}
