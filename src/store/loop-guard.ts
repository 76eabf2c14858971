// Loop safety: two agents that answer every message can keep each other busy forever. Each
// sender gets a rate limit, and the exact same text to the same recipients (in answer to the same
// message) is not sent twice within a window. Both are counted from the sender's sent folder, so
// they hold across processes and restarts, and cost the same however busy the rest of the store is.
import { IntercomError } from '../core/errors.ts';
import type { StoreContext } from './context.ts';
import { idTime } from './log-scan.ts';
import type { Mail } from './mail.ts';

export const RATE_LIMIT = 30;
export const RATE_WINDOW_MS = 60_000;
export const REPEAT_WINDOW_MS = 10 * 60_000;

export async function checkLoopGuard(
  ctx: StoreContext,
  mail: Mail,
  message: { from: string; to: string[]; body: string; replyTo?: string | undefined },
): Promise<void> {
  const { from, to, body, replyTo } = message;
  const now = ctx.clock.now();
  const recent = await mail.sentSince(from, now - REPEAT_WINDOW_MS);
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
  const repeat = recent.find((m) => m.body === body && m.reply_to === replyTo && [...m.to].sort().join(',') === targets);
  if (repeat) {
    throw new IntercomError(
      'CONFLICT',
      `you already sent this exact message to ${to.join(', ')} at ${repeat.created_at} (id ${repeat.id}); it was not sent again. ` +
        'Call status to see whether it was read, or change the text if you mean to send something new',
    );
  }
}
