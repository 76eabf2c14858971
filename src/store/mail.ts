// Mailboxes. A message is written once (tmp → fsync) and hard-linked into each recipient's new/
// folder, the sender's sent/ and the log (in the order send-commit.ts explains); every state
// change after that is a rename between state folders of
// the recipient's mailbox, so concurrent readers, hooks and senders never see a partial file.
import { IntercomError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { NEXT } from '../core/next-step.ts';
import { assertMessageId, assertRecipient, messageIdGenerator } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listNames, moveIfPresent, readStoreFile, removeQuietly, writeTmp } from './files.ts';
import { HISTORY_STATES, INBOX_STATES, MESSAGE_STATES } from './layout.ts';
import type { HistoryState, MessageState } from './layout.ts';
import { checkStoreFolder, listMessageNames, parseRecord, quarantine, readRecord, readStoreText } from './records.ts';
import { commitSend } from './send-commit.ts';
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
  /** Message file names of a folder; a file planted under another name is quarantined (records.ts). */
  const messageNames = (dir: string) => listMessageNames(layout, dir, ctx.report, ctx.clock.now());
  const nextId = messageIdGenerator(ctx.clock);

  async function send(input: SendInput): Promise<Message> {
    const body = validateBody(input.body, ctx.maxBodyBytes);
    const to = [...new Set(input.to.map(assertRecipient))];
    if (to.length === 0) throw new IntercomError('BAD_INPUT', 'no recipients', { next: { op: 'who', why: 'to list live agents' } });
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
      // All or nothing per recipient, and the sender's sent/ link is the commit point: see the
      // protocol in send-commit.ts. A failure throws an IntercomError and leaves nothing visible.
      await commitSend(ctx, tmp, message);
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
    for (const entry of await entries(box, states)) {
      const stored = await load(box, entry);
      if (stored) found.push(stored);
    }
    return found;
  }

  /** Ids and states of a mailbox's messages, oldest first, from folder listings alone (nothing parsed). */
  async function entries(box: string, states: readonly MessageState[] = INBOX_STATES): Promise<{ id: string; state: MessageState }[]> {
    const found: { id: string; state: MessageState }[] = [];
    // A mailbox folder that is a symlink would have us read files from anywhere: quarantined, never listed.
    if (!(await checkStoreFolder(layout, layout.mailbox(box), ctx.report, ctx.clock.now()))) return found;
    for (const state of states) {
      const dir = layout.messageDir(box, state);
      if (!(await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))) continue;
      for (const name of await messageNames(dir)) found.push({ id: name.slice(0, -'.json'.length), state });
    }
    // Names sort by time, so ids do too; merge the states into one oldest-first list.
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One listed message; undefined when it moved since the listing or was corrupt (then quarantined and reported). */
  async function load(box: string, entry: { id: string; state: MessageState }): Promise<StoredMessage | undefined> {
    const path = layout.messageFile(box, entry.state, entry.id);
    // Never through a symlink, never a fifo: anything but a regular file is quarantined unread.
    const text = await readStoreText(layout, path, ctx.report, ctx.clock.now());
    if (text === undefined) return undefined; // moved by another process since readdir (or quarantined)
    const parsed = await parseRecord('message', text);
    if (!parsed.ok || parsed.value.id !== entry.id) {
      const reason = parsed.ok ? `file name ${entry.id}.json does not match message id ${parsed.value.id}` : parsed.reason;
      const problem = await quarantine(layout, path, reason, ctx.clock.now());
      if (problem) ctx.report(problem);
      return undefined;
    }
    return { message: parsed.value, state: entry.state };
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

  /**
   * Read with peek. Returns the ids this call moved: a rename succeeds for exactly one process, so
   * of two readers racing for a message only one gets it back (and shows it).
   */
  async function markSeen(box: string, ids: string[]): Promise<string[]> {
    const moved: string[] = [];
    for (const id of ids) if (await move(box, id, ['new', 'delivered'], 'seen')) moved.push(id);
    return moved;
  }

  /** Acknowledge: the message leaves the inbox for history. Throws for ids not in the inbox. */
  async function ack(box: string, ids: string[], as: HistoryState = 'acked'): Promise<string[]> {
    const missing: string[] = [];
    const done: string[] = [];
    for (const id of ids.map(assertMessageId)) {
      if (await move(box, id, INBOX_STATES, as)) done.push(id);
      else if (await isIn(box, id, HISTORY_STATES))
        done.push(id); // acking twice is harmless
      else missing.push(id);
    }
    if (missing.length) {
      throw new IntercomError('NOT_FOUND', `no message ${missing.join(', ')} in your inbox`, { next: NEXT.listMessageIds });
    }
    return done;
  }

  async function isIn(box: string, id: string, states: readonly MessageState[]): Promise<boolean> {
    for (const state of states) {
      if (readStoreFile(layout.messageFile(box, state, id)).kind === 'text') return true;
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
      for (const name of await messageNames(layout.messageDir(from, state))) {
        const id = name.slice(0, -'.json'.length);
        if (await moveIfPresent(layout.messageFile(from, state, id), layout.messageFile(to, state, id), layout.messageDir(to, state)))
          moved++;
      }
    }
    return moved;
  }

  /** What `box` sent at or after `sinceMs`, oldest first (its sent folder: names carry the time). */
  async function sentSince(box: string, sinceMs: number): Promise<Message[]> {
    const dir = layout.sentDir(box);
    const out: Message[] = [];
    if (!(await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))) return out;
    for (const name of (await messageNames(dir)).filter((n) => Number(n.slice(0, 13)) >= sinceMs)) {
      const message = await readRecord(layout, 'message', `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message) out.push(message);
    }
    return out;
  }

  /** The last `limit` messages `box` sent, newest first. */
  async function lastSent(box: string, limit: number): Promise<Message[]> {
    const dir = layout.sentDir(box);
    const out: Message[] = [];
    if (!(await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))) return out;
    for (const name of (await messageNames(dir)).reverse()) {
      const message = await readRecord(layout, 'message', `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message) out.push(message);
      if (out.length >= limit) break;
    }
    return out;
  }

  async function fromLog(id: string): Promise<Message | undefined> {
    return readRecord(layout, 'message', layout.logFile(assertMessageId(id)), ctx.report, ctx.clock.now());
  }

  /** Whether `box` has a mailbox here (it was an agent here once, or got mail). */
  function hasMailbox(box: string): boolean {
    return nodeFs().existsSync(layout.mailbox(box));
  }

  /** The state a message is in, in `box`, from the folders alone (nothing read); undefined when it is in none. */
  function stateOf(box: string, id: string): MessageState | undefined {
    for (const state of MESSAGE_STATES) if (nodeFs().existsSync(layout.messageFile(box, state, id))) return state;
    return undefined;
  }

  return {
    send,
    list,
    entries,
    load,
    countNew,
    find,
    move,
    markDelivered,
    markSeen,
    ack,
    adopt,
    sentSince,
    lastSent,
    fromLog,
    hasMailbox,
    stateOf,
  };
}

export type Mail = ReturnType<typeof createMail>;
