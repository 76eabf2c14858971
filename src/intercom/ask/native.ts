// ask to an intercom agent: the question is a message marked as awaiting a reply; its hooks wake
// the agent; we wait on the asker's own inbox for the message whose reply_to is the question.
import type { StoreContext } from '../../store/context.ts';
import { INBOX_STATES } from '../../store/layout.ts';
import type { Mail } from '../../store/mail.ts';
import type { Message } from '../../store/schema.ts';
import { watchFolder } from '../../store/watch.ts';
import { waitFor } from '../../core/wait-for.ts';

export async function waitForReply(
  ctx: StoreContext,
  mail: Mail,
  box: string,
  questionId: string,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<Message | undefined> {
  const probe = async () => (await mail.list(box, INBOX_STATES)).find((m) => m.message.reply_to === questionId)?.message;
  const reply = await waitFor(
    (onChange) => watchFolder(ctx.layout.messageDir(box, 'new'), () => onChange(), { rescanMs: 5_000, critical: true, mode: ctx.watch }),
    probe,
    options,
  );
  // The answer is handed back by ask itself, so no hook shows it again.
  if (reply) await mail.ack(box, [reply.id]);
  return reply;
}
