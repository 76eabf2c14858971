// The one place the store takes a lock: checking for overlapping claims and writing ours must be
// one step across processes, which a rename alone cannot give. proper-lockfile makes a lock
// folder next to the claims folder and takes over a stale one (holder died) after a few seconds.
import { IntercomError, hasErrno } from '../core/errors.ts';
import { ensureDir } from './files.ts';
import type { Layout } from './layout.ts';

/** A holder that died leaves its lock; after this long it is taken over. */
const STALE_MS = 5_000;

export async function withLock<T>(layout: Layout, work: () => Promise<T>): Promise<T> {
  await ensureDir(layout.claims);
  // Loaded here, not at import: the hooks load the store and most of them never take the lock.
  const { default: lockfile } = await import('proper-lockfile');
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(layout.claims, {
      lockfilePath: layout.claimsLock,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 2,
      retries: { retries: 60, minTimeout: 20, maxTimeout: 200 },
      // The default throws from a timer, which would kill the process; report it instead.
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    if (hasErrno(error, 'ELOCKED')) {
      throw new IntercomError('CONFLICT', `the claims are locked by another process (${layout.claimsLock}); try again in a few seconds`, {
        cause: error,
      });
    }
    throw error;
  }
  // try/finally: under Bun, proper-lockfile's exit hook misses some exits (deps research), so the
  // lock must not outlive this call on any path.
  try {
    const result = await work();
    if (compromised) {
      throw new IntercomError('CONFLICT', `the claims lock was taken over while this update ran (${compromised.message})`, {
        cause: compromised,
        next: { op: 'claims', why: 'to see what holds, then try again' },
      });
    }
    return result;
  } finally {
    await release().catch((error: unknown) => {
      // A compromised lock is no longer ours to release; anything else is a real failure.
      if (!compromised && !hasErrno(error, 'ERELEASED', 'ENOTACQUIRED')) throw error;
    });
  }
}
