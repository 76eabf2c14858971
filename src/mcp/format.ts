// How messages and agents are shown to the model. Peer text is always framed as data from
// another session, never as an instruction from the user.
import type { AgentView, Message, MessageState } from '../intercom/index.ts';
import { boundaryAtOrBefore, sliceChars } from '../core/text.ts';
import { frameMessage } from '../intercom/presentation.ts';
import { senderAddress } from '../core/ids.ts';
import { inertLine, label, quoted } from '../core/peer-text.ts';
import type { Budget } from './budget.ts';

export { PEER_NOTICE, frameAnswer, frameMessage } from '../intercom/presentation.ts';

/** A message to show, with its inbox state when it has one (thread and search show log entries). */
export interface ShownMessage {
  message: Message;
  state?: MessageState;
}

/** Characters [from, to) of a body: set when the whole message does not fit one result. */
export interface BodyPart {
  from: number;
  to: number;
}

export interface RenderedMessage {
  text: string;
  data: ReturnType<typeof messageData>;
  /** Set when only part of the body is shown. */
  part?: BodyPart;
}

/** How to read on from a cut body: one more peek per part, so any size can be read. */
function cutNote(m: Message, part: BodyPart): string {
  const total = m.body.length;
  const shown = `body characters ${part.from}-${part.to} of ${total}`;
  return part.to < total ? `${shown} shown; call peek with id "${m.id}" and offset ${part.to} for the rest` : `${shown} shown (the end)`;
}

export function messageData(m: ShownMessage, part?: BodyPart) {
  const msg = m.message;
  return {
    id: msg.id,
    from: senderAddress(msg.from),
    ...(msg.from.name ? { from_name: msg.from.name } : {}),
    ...(msg.from.project ? { from_project: msg.from.project } : {}),
    to: msg.to,
    thread: msg.thread,
    ...(msg.reply_to ? { reply_to: msg.reply_to } : {}),
    ...(msg.expects_reply ? { expects_reply: true } : {}),
    sent_at: msg.created_at,
    ...(m.state ? { state: m.state } : {}),
    body: part ? msg.body.slice(part.from, part.to) : msg.body,
    ...(part ? { cut: cutNote(msg, part) } : {}),
  };
}

export function messageText(m: ShownMessage, part?: BodyPart): string {
  if (!part) return frameMessage(m.message);
  // The note sits outside the frame: it is intercom speaking, not the peer.
  return `${frameMessage({ ...m.message, body: m.message.body.slice(part.from, part.to) })}\n[${cutNote(m.message, part)}]`;
}

function render(m: ShownMessage, part?: BodyPart): RenderedMessage {
  return { text: messageText(m, part), data: messageData(m, part), ...(part ? { part } : {}) };
}

/** Below this, a cut part is not worth showing: the list stops and the note says what is left. */
const MIN_USEFUL_CHARS = 200;

const size = (r: RenderedMessage) => ({ text: r.text.length + 2, json: JSON.stringify(r.data).length + 1 });

/**
 * A message rendered to fit the budget's room: whole when it fits, else its body from `offset`
 * cut so that it does (with a note saying how to read on). Counted into the budget when it fits;
 * undefined when not even a useful part fits (the caller stops its list there).
 */
export function fitMessage(m: ShownMessage, budget: Budget, options: { offset?: number; cut?: boolean } = {}): RenderedMessage | undefined {
  // An offset inside a character (an emoji, a letter and its accent) reads on from its start.
  const offset = boundaryAtOrBefore(m.message.body, options.offset ?? 0);
  const total = m.message.body.length;
  const whole = render(m, offset > 0 ? { from: offset, to: total } : undefined);
  if (budget.take(whole.text, whole.data)) return whole;
  if (!options.cut) return undefined;
  const room = budget.room();
  const bare = size(render(m, { from: offset, to: offset }));
  let n = Math.min(room.text - bare.text, room.json - bare.json);
  while (n >= Math.min(MIN_USEFUL_CHARS, total - offset)) {
    const body = sliceChars(m.message.body, n, offset);
    const part = render(m, { from: offset, to: offset + body.length });
    if (budget.take(part.text, part.data)) return part;
    const s = size(part);
    n -= Math.max(1, Math.ceil(Math.max(s.text - room.text, s.json - room.json)));
  }
  return undefined;
}

/** One agent on one line; its name, project, status and claims are the peer's words, made inert (see presentation.ts). */
export function formatAgent(a: AgentView): string {
  const name = a.name ? ` ${inertLine(a.name)}` : '';
  const status = a.status ? ` — ${quoted(a.status)}` : '';
  const claims = a.claims.length ? `; claims ${a.claims.map(claimText).join(', ')}` : '';
  return `${a.code}${a.machine && a.remote ? `@${a.machine}` : ''}${name} [${label(a.project)}] ${a.activity} since ${a.since}${status}${a.you ? ' (you)' : ''}${claims}`;
}

export function claimText(c: { pattern: string; reason?: string | undefined; expires_at: string }): string {
  return `${inertLine(c.pattern)}${c.reason ? ` (${quoted(c.reason)})` : ''} until ${c.expires_at}`;
}
