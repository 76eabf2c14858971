// Handing new mail to the model from a hook: claim it (rename new → delivered, so no other hook
// or watcher can show it again), then frame it. What does not fit stays in new/ for the next.
import { sliceChars } from '../core/text.ts';
import type { MessageState, StoredMessage } from '../intercom/index.ts';
import type { Mail } from '../store/mail.ts';
import { PEER_NOTICE, frameMessage } from '../intercom/presentation.ts';

/**
 * Most characters one hook delivery carries. Claude Code (2.1.330, observed) passes a hook's
 * additionalContext to the model inline only below ~10,000 characters; a larger one is saved to
 * a file and the model sees a 2 KB preview, so most of the mail would be marked delivered unseen.
 * The same bound serves the watcher's wake text (exit 2), to be safe.
 */
export const MAX_DELIVERY_CHARS = 8_000;
/** Room for the frames once the head line, the "more waiting" line and the closing line are written. */
const FRAMES_ROOM = MAX_DELIVERY_CHARS - 800;

/**
 * What claiming reads and moves: an Intercom, or the PreToolUse lean route's store
 * (store/quick-mail.ts), whose listing is an iterable so that only the entries looked at are made.
 */
export interface ClaimStore {
  mail: Pick<Mail, 'load' | 'markDelivered'> & {
    entries(box: string, states: readonly MessageState[]): Promise<Iterable<{ id: string; state: MessageState }>>;
  };
}

/**
 * Claim what fits one delivery, oldest first: each message by a rename (new → delivered), so no
 * other hook or watcher can show it again. What does not fit stays in new/ for the next one.
 */
export async function claimNewMail(store: ClaimStore, code: string): Promise<StoredMessage[]> {
  // Names first; only what is delivered is read (with 1,000 unread, a delivery reads a handful).
  const waiting = await store.mail.entries(code, ['new']);
  // Everything that fits is read and checked before the first rename: a store that finds
  // something it leaves to the full hook (the lean route's) then hands over with nothing claimed.
  const fits: StoredMessage[] = [];
  let size = 0;
  for (const entry of waiting) {
    const item = await store.mail.load(code, entry);
    if (!item) continue; // moved by another reader since the listing, or corrupt (quarantined)
    size += frameWithin(item.message).length + 2;
    if (fits.length > 0 && size > FRAMES_ROOM) break;
    fits.push(item);
  }
  // Another hook may have claimed some first: only what we moved is ours to show.
  const ids = fits.map((item) => item.message.id);
  const moved = new Set(await store.mail.markDelivered(code, ids));
  return fits.filter((item) => moved.has(item.message.id)).map((item) => ({ ...item, state: 'delivered' }));
}

/**
 * The text that shows mail just claimed (`claimed`, from claimNewMail). How many still wait is a
 * hint: when counting fails the mail is shown all the same, for it has left new/ and a hook that
 * failed now would leave it in delivered/, never seen.
 */
export async function claimedText(store: { mail: Pick<Mail, 'countNew'> }, code: string, claimed: StoredMessage[]): Promise<string> {
  const waiting = await store.mail.countNew(code).catch(() => 0);
  return formatDelivery(code, claimed, waiting);
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
 * read the rest said first (so it survives any further cut): it is delivered, never silently cut.
 */
function frameWithin(message: StoredMessage['message']): string {
  let framed = framedCache.get(message);
  if (framed === undefined) {
    framed = frameToFit(message);
    framedCache.set(message, framed);
  }
  return framed;
}

/** Framing escapes the whole body: done once per message, by claim and format alike. */
const framedCache = new WeakMap<StoredMessage['message'], string>();

function frameToFit(message: StoredMessage['message']): string {
  const whole = frameMessage(message);
  if (whole.length <= FRAMES_ROOM) return whole;
  const note = (shown: number) =>
    `(message ${message.id} is ${message.body.length} characters; the first ${shown} are below. ` +
    `For the rest call the intercom peek tool with id "${message.id}" and offset ${shown}.)\n`;
  // The frame may escape the body (longer than it): shrink until note + frame fit.
  let keep = Math.max(0, FRAMES_ROOM - (whole.length - message.body.length) - note(message.body.length).length);
  for (;;) {
    const shown = sliceChars(message.body, keep);
    const framed = `${note(shown.length)}${frameMessage({ ...message, body: shown })}`;
    if (framed.length <= FRAMES_ROOM || keep === 0) return framed;
    keep = Math.max(0, keep - Math.max(16, framed.length - FRAMES_ROOM));
  }
}

/**
 * JSON answer for PreToolUse / UserPromptSubmit / SessionStart: context for the model and, for
 * PreToolUse, an optional permission decision (the claim guard's ask or deny).
 */
export function additionalContext(
  event: 'PreToolUse' | 'UserPromptSubmit' | 'SessionStart',
  text: string,
  decision?: { permissionDecision: 'ask' | 'deny'; permissionDecisionReason: string },
  /** Shown to the person at the keyboard (Claude Code's common `systemMessage` field). */
  systemMessage?: string,
): string {
  return JSON.stringify({
    ...(systemMessage ? { systemMessage } : {}),
    hookSpecificOutput: { hookEventName: event, ...(text ? { additionalContext: text } : {}), ...decision },
  });
}
