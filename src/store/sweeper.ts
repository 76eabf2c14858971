// Writers killed mid-write (SIGKILL, power loss) leave files in tmp/. They were never published,
// so nobody saw them; this collects them once their writer is gone. Senders killed mid-send also
// leave staged copies in inboxes, which recoverSends finishes or withdraws (send-commit.ts), and
// Claude processes that never got an agent leave busy marks under their key (activity.ts).
import { joinPath as join } from '../core/paths.ts';
import { hasErrno } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { isProcessAlive } from '../core/proc.ts';
import type { StoreContext } from './context.ts';
import { listNames, parseTmpName, removeIfPresent } from './files.ts';
import { recoverSends } from './send-commit.ts';
import { createActivity } from './activity.ts';
import { readRecord } from './records.ts';

/** A tmp file older than this is garbage even if its pid is alive again (pid reuse). */
export const TMP_MAX_AGE_MS = 60 * 60 * 1000;

export async function collectTmp(ctx: StoreContext): Promise<number> {
  const names = await listNames(ctx.layout.tmp, '');
  const now = ctx.clock.now();
  let removed = 0;
  for (const name of names) {
    const parsed = parseTmpName(name);
    const path = join(ctx.layout.tmp, name);
    if (parsed) {
      if (parsed.pid === process.pid && now - parsed.at < TMP_MAX_AGE_MS) continue; // ours, maybe in use
      if (isProcessAlive(parsed.pid) && now - parsed.at < TMP_MAX_AGE_MS) continue;
    } else {
      // Not one of ours by name: only collect it when it is old.
      try {
        if (now - nodeFs().statSync(path).mtimeMs < TMP_MAX_AGE_MS) continue;
      } catch (error) {
        if (hasErrno(error, 'ENOENT')) continue;
        throw error;
      }
    }
    if (await removeIfPresent(path)) removed++;
  }
  const activity = createActivity({ ...ctx, readEvent: (path, now) => readRecord(ctx.layout, 'activity', path, ctx.report, now) });
  return removed + (await recoverSends(ctx)) + (await activity.collectOrphans());
}
