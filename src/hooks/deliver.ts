// Handing new mail to the model: claim it (rename new → delivered, so no other hook or watcher
// can show it again), then frame it. What does not fit stays in new/ for the next delivery.
import { MAX_RESULT_CHARS } from '../core/limits.ts';
import { sliceChars } from '../core/text.ts';
import type { Store, StoredMessage } from '../store/index.ts';
import { PEER_NOTICE, frameMessage } from '../store/presentation.ts';

/** Enough for many messages, small enough not to flood the model's context in one go (the tools' bound too). */
export const MAX_DELIVERY_CHARS = MAX_RESULT_CHARS;
/** Room for one message's body once the head, the frame and the closing lines are written. */
const BODY_ROOM = MAX_DELIVERY_CHARS - 2_000;

export async function claimNewMail(store: Store, code: string): Promise<StoredMessage[]> {
  const waiting = await store.mail.list(code, ['new']);
  const claimed: StoredMessage[] = [];
  let size = 0;
  for (const item of waiting) {
    size += item.message.body.length + 200;
    if (claimed.length > 0 && size > MAX_DELIVERY_CHARS) break;
    // Another hook may have claimed it first: only what we moved is ours to show.
    if ((await store.mail.markDelivered(code, [item.message.id])).length) claimed.push({ ...item, state: 'delivered' });
  }
  return claimed;
}

export function formatDelivery(code: string, messages: StoredMessage[], stillWaiting: number): string {
  const head = `intercom: ${messages.length} new message(s) for you (agent ${code}) from other Claude sessions. ${PEER_NOTICE}`;
  const more = stillWaiting > 0 ? `\n\n${stillWaiting} more message(s) are waiting: call the intercom peek tool.` : '';
  const asks = messages.some((m) => m.message.expects_reply) ? ' A sender marked awaiting_reply is blocked until you answer.' : '';
  return (
    `${head}\n\n${messages.map((m) => frameWithin(m.message)).join('\n\n')}${more}\n\n` +
    `Answer with the intercom reply tool (pass the message id); ack what needs no answer.${asks}`
  );
}

/**
 * A message bigger than one delivery (bodies go up to 64 KiB) is shown in part, with the way to
 * read the rest: it is delivered (the model knows it and has its id), never silently cut.
 */
function frameWithin(message: StoredMessage['message']): string {
  if (message.body.length <= BODY_ROOM) return frameMessage(message);
  const shown = sliceChars(message.body, BODY_ROOM);
  return (
    `${frameMessage({ ...message, body: shown })}\n` +
    `(body characters 0-${shown.length} of ${message.body.length} shown; call the intercom peek tool with id "${message.id}" and offset ${shown.length} for the rest)`
  );
}

/**
 * JSON answer for PreToolUse / UserPromptSubmit / SessionStart: context for the model and, for
 * PreToolUse, an optional permission decision (the claim guard's ask or deny).
 */
export function additionalContext(
  event: 'PreToolUse' | 'UserPromptSubmit' | 'SessionStart',
  text: string,
  decision?: { permissionDecision: 'ask' | 'deny'; permissionDecisionReason: string },
): string {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: event, ...(text ? { additionalContext: text } : {}), ...decision } });
}
