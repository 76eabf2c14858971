// Mailboxes. A message is written once (tmp → fsync) and hard-linked into the log and into each
// recipient's new/ folder; every state change after that is a rename between state folders of
// the recipient's mailbox, so concurrent readers, hooks and senders never see a partial file.
import { IntercomError } from '../core/errors.ts';
import { assertMailbox, assertMessageId, messageIdGenerator } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listNames, moveIfPresent, publish, readTextIfPresent, removeQuietly, writeTmp } from './files.ts';
import { HISTORY_STATES, INBOX_STATES, MESSAGE_STATES } from './layout.ts';
import type { HistoryState, MessageState } from './layout.ts';
import { parseRecord, quarantine, readRecord } from './records.ts';
import type { Message } from './schema.ts';

export interface StoredMessage {
  message: Message;
  state: MessageState;
}

export interface SendInput {
  from: Message['from'];
  to: string[];
  scope: Message['scope'];
  project?: string | undefined;
  body: string;
  replyTo?: string | undefined;
  thread?: string | undefined;
  expectsReply?: boolean | undefined;
}

// C0 controls except tab, newline, carriage return; DEL; C1 controls. They can rewrite a
// terminal (escape sequences) when a message is shown or typed into tmux.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function validateBody(body: unknown, maxBytes: number): string {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new IntercomError('BAD_INPUT', 'the message body is empty; write what you want to tell the other agent');
  }
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxBytes) {
    throw new IntercomError(
      'BAD_INPUT',
      `the message body is ${bytes} bytes, over the ${maxBytes}-byte limit; shorten it, or write the content to a file and send its path`,
    );
  }
  const bad = CONTROL_CHARS.exec(body);
  if (bad) {
    const hex = bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
    throw new IntercomError(
      'BAD_INPUT',
      `the message body contains control character U+${hex} at position ${bad.index}; remove it (newlines and tabs are fine)`,
    );
  }
  return body;
}

export function createMail(ctx: StoreContext) {
  const { layout } = ctx;
  const nextId = messageIdGenerator(ctx.clock);

  async function send(input: SendInput): Promise<Message> {
    const body = validateBody(input.body, ctx.maxBodyBytes);
    const to = [...new Set(input.to.map(assertMailbox))];
    if (to.length === 0) throw new IntercomError('BAD_INPUT', 'no recipients; call who to list live agents');
    const id = nextId();
    const message: Message = {
      v: 1,
      id,
      from: input.from,
      to,
      scope: input.scope,
      ...(input.project ? { project: input.project } : {}),
      thread: input.thread !== undefined ? assertMessageId(input.thread) : id,
      ...(input.replyTo !== undefined ? { reply_to: assertMessageId(input.replyTo) } : {}),
      ...(input.expectsReply ? { expects_reply: true } : {}),
      created_at: new Date(ctx.clock.now()).toISOString(),
      body,
    };
    const tmp = await writeTmp(layout, `${JSON.stringify(message)}\n`, ctx.clock.now());
    try {
      // The log entry first: a sender that dies halfway leaves a record of what it meant to send.
      await publish(tmp, layout.logFile(id), layout.log);
      await publish(tmp, layout.sentFile(input.from.code, id), layout.sentDir(input.from.code));
      for (const box of to) await publish(tmp, layout.messageFile(box, 'new', id), layout.messageDir(box, 'new'));
    } finally {
      await removeQuietly(tmp);
    }
    return message;
  }

  async function readAt(box: string, state: MessageState, id: string): Promise<Message | undefined> {
    return readRecord(layout, 'message', layout.messageFile(box, state, id), ctx.report, ctx.clock.now());
  }

  /** Messages of a mailbox in the given states, oldest first. Corrupt files are quarantined and reported. */
  async function list(box: string, states: readonly MessageState[] = INBOX_STATES): Promise<StoredMessage[]> {
    const found: StoredMessage[] = [];
    for (const state of states) {
      const dir = layout.messageDir(box, state);
      for (const name of await listNames(dir)) {
        const id = name.slice(0, -'.json'.length);
        const path = `${dir}/${name}`;
        const text = await readTextIfPresent(path);
        if (text === undefined) continue; // moved by another process since readdir
        const parsed = await parseRecord('message', text);
        if (!parsed.ok || parsed.value.id !== id) {
          const reason = parsed.ok ? `file name ${name} does not match message id ${parsed.value.id}` : parsed.reason;
          const problem = await quarantine(layout, path, reason, ctx.clock.now());
          if (problem) ctx.report(problem);
          continue;
        }
        found.push({ message: parsed.value, state });
      }
    }
    return found.sort((a, b) => (a.message.id < b.message.id ? -1 : a.message.id > b.message.id ? 1 : 0));
  }

  /** How many messages wait in new/: a readdir, no parsing (the hooks' fast path). */
  async function countNew(box: string): Promise<number> {
    return (await listNames(layout.messageDir(box, 'new'))).length;
  }

  async function find(box: string, id: string): Promise<StoredMessage | undefined> {
    assertMessageId(id);
    for (const state of MESSAGE_STATES) {
      const message = await readAt(box, state, id);
      if (message) return { message, state };
    }
    return undefined;
  }

  /** Move a message to `to` from whichever of `from` it is in. Returns the state it left, or undefined. */
  async function move(box: string, id: string, from: readonly MessageState[], to: MessageState): Promise<MessageState | undefined> {
    for (const state of from) {
      if (state === to) continue;
      if (await moveIfPresent(layout.messageFile(box, state, id), layout.messageFile(box, to, id), layout.messageDir(box, to))) {
        return state;
      }
    }
    return undefined;
  }

  /** A hook showed these to the model. Only messages still in new/ change state. */
  async function markDelivered(box: string, ids: string[]): Promise<string[]> {
    const moved: string[] = [];
    for (const id of ids) if (await move(box, id, ['new'], 'delivered')) moved.push(id);
    return moved;
  }

  async function markSeen(box: string, ids: string[]): Promise<void> {
    for (const id of ids) await move(box, id, ['new', 'delivered'], 'seen');
  }

  /** Acknowledge: the message leaves the inbox for history. Throws for ids not in the inbox. */
  async function ack(box: string, ids: string[], as: HistoryState = 'acked'): Promise<string[]> {
    const missing: string[] = [];
    const done: string[] = [];
    for (const id of ids.map(assertMessageId)) {
      if (await move(box, id, INBOX_STATES, as)) done.push(id);
      else if (await isIn(box, id, HISTORY_STATES)) done.push(id); // acking twice is harmless
      else missing.push(id);
    }
    if (missing.length) {
      throw new IntercomError('NOT_FOUND', `no message ${missing.join(', ')} in your inbox; call peek to list your message ids`);
    }
    return done;
  }

  async function isIn(box: string, id: string, states: readonly MessageState[]): Promise<boolean> {
    for (const state of states) {
      if ((await readTextIfPresent(layout.messageFile(box, state, id))) !== undefined) return true;
    }
    return false;
  }

  /**
   * Move every unread message of one mailbox into another, keeping each one's state: a session
   * that starts intercom takes over the mail that waited for it under "s-<session id>".
   */
  async function adopt(from: string, to: string): Promise<number> {
    let moved = 0;
    for (const state of INBOX_STATES) {
      for (const name of await listNames(layout.messageDir(from, state))) {
        const id = name.slice(0, -'.json'.length);
        if (await moveIfPresent(layout.messageFile(from, state, id), layout.messageFile(to, state, id), layout.messageDir(to, state))) moved++;
      }
    }
    return moved;
  }

  /** What `box` sent at or after `sinceMs`, oldest first (its sent folder: names carry the time). */
  async function sentSince(box: string, sinceMs: number): Promise<Message[]> {
    const dir = layout.sentDir(box);
    const out: Message[] = [];
    for (const name of (await listNames(dir)).filter((n) => Number(n.slice(0, 13)) >= sinceMs)) {
      const message = await readRecord(layout, 'message', `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message) out.push(message);
    }
    return out;
  }

  /** The last `limit` messages `box` sent, newest first. */
  async function lastSent(box: string, limit: number): Promise<Message[]> {
    const dir = layout.sentDir(box);
    const out: Message[] = [];
    for (const name of (await listNames(dir)).reverse()) {
      const message = await readRecord(layout, 'message', `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message) out.push(message);
      if (out.length >= limit) break;
    }
    return out;
  }

  async function fromLog(id: string): Promise<Message | undefined> {
    return readRecord(layout, 'message', layout.logFile(assertMessageId(id)), ctx.report, ctx.clock.now());
  }

  return { send, list, countNew, find, move, markDelivered, markSeen, ack, adopt, sentSince, lastSent, fromLog };
}

export type Mail = ReturnType<typeof createMail>;
