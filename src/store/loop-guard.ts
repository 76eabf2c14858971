// Loop safety: two agents that answer every message can keep each other busy forever. Each
// sender gets a rate limit, and the exact same text to the same recipients is not sent twice
// within a window. Both are counted from the log, so they hold across processes and restarts.
import { IntercomError } from '../core/errors.ts';
import type { StoreContext } from './context.ts';
import { idTime, logSince } from './log-scan.ts';

export const RATE_LIMIT = 30;
export const RATE_WINDOW_MS = 60_000;
export const REPEAT_WINDOW_MS = 10 * 60_000;

export async function checkLoopGuard(ctx: StoreContext, from: string, to: string[], body: string): Promise<void> {
  const now = ctx.clock.now();
  const recent = (await logSince(ctx, now - REPEAT_WINDOW_MS)).filter((m) => m.from.code === from);
  const inWindow = recent.filter((m) => idTime(m.id) >= now - RATE_WINDOW_MS);
  if (inWindow.length >= RATE_LIMIT) {
    const wait = Math.ceil((idTime(inWindow[0]!.id) + RATE_WINDOW_MS - now) / 1000);
    throw new IntercomError(
      'CONFLICT',
      `rate limit: ${from} sent ${inWindow.length} messages in the last minute (limit ${RATE_LIMIT}); nothing was sent. ` +
        `Wait ${Math.max(wait, 1)} s. If two agents keep answering each other, stop replying to acknowledgements`,
    );
  }
  const targets = [...to].sort().join(',');
  const repeat = recent.find((m) => m.body === body && [...m.to].sort().join(',') === targets);
  if (repeat) {
    throw new IntercomError(
      'CONFLICT',
      `you already sent this exact message to ${to.join(', ')} at ${repeat.created_at} (id ${repeat.id}); it was not sent again. ` +
        'Call status to see whether it was read, or change the text if you mean to send something new',
    );
  }
}
