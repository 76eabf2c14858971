// Loop safety: two agents that answer every message can keep each other busy forever. Each
// sender gets a rate limit, and the exact same text to the same recipients (in answer to the same
// message) is not sent twice within a window. Both are counted from the sender's sent folder, so
// they hold across processes and restarts, and cost the same however busy the rest of the store is.
// Only sends that went out are in sent/ (see send-commit.ts): a failed send counts for neither.
import { IntercomError } from '../core/errors.ts';
import type { StoreContext } from '../store/context.ts';
import { idTime, isFutureStamp } from '../store/log-scan.ts';
import type { Mail } from '../store/mail.ts';
import type { Message } from '../store/schema.ts';

export const RATE_LIMIT = 30;
export const RATE_WINDOW_MS = 60_000;
export const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * The sender's messages that count at `now`, oldest first. A message stamped further in the
 * future than the allowed skew was sent while the clock was fast: it cannot be placed in any
 * window, and counting it would lock the sender out until the clock caught up (a day, say)
 * while the error promised a minute. So it does not count.
 */
async function countedSends(mail: Mail, from: string, now: number): Promise<Message[]> {
  return (await mail.sentSince(from, now - REPEAT_WINDOW_MS)).filter((m) => !isFutureStamp(idTime(m.id), now));
}

export async function checkLoopGuard(
  ctx: StoreContext,
  mail: Mail,
  message: { from: string; to: string[]; body: string; replyTo?: string | undefined },
): Promise<void> {
  const { from, to, body, replyTo } = message;
  const now = ctx.clock.now();
  const recent = await countedSends(mail, from, now);
  // Strictly inside the window, so the wait stated below is exactly when the oldest one leaves it.
  const inWindow = recent.filter((m) => idTime(m.id) > now - RATE_WINDOW_MS);
  if (inWindow.length >= RATE_LIMIT) {
    // A slot frees when the entry at index length - RATE_LIMIT (oldest first) leaves the window:
    // RATE_LIMIT - 1 remain then. (With exactly RATE_LIMIT entries that is the oldest one.)
    const freeing = inWindow[inWindow.length - RATE_LIMIT]!;
    const wait = Math.max(Math.ceil((idTime(freeing.id) + RATE_WINDOW_MS - now) / 1000), 1);
    throw new IntercomError(
      'CONFLICT',
      `rate limit: ${from} sent ${inWindow.length} messages in the last minute (limit ${RATE_LIMIT}); nothing was sent. ` +
        `Wait ${wait} s. If two agents keep answering each other, stop replying to acknowledgements`,
    );
  }
  const targets = [...to].sort().join(',');
  const repeat = recent.find((m) => m.body === body && m.reply_to === replyTo && [...m.to].sort().join(',') === targets);
  if (repeat) {
    throw new IntercomError(
      'CONFLICT',
      `you already sent this exact message to ${to.join(', ')} at ${repeat.created_at} (id ${repeat.id}); it was not sent again.`,
      { next: { op: 'status', why: 'to see whether it was read, or change the text if you mean to send something new' } },
    );
  }
}
