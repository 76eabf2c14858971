// Receipts: what became of a message, per recipient. The state is the folder the recipient's
// copy is in (written → delivered → seen → acked/replied); a copy still unread by an agent that
// is gone is a dead letter, and is reported as one. A copy that never landed is "undelivered",
// never "missing": a send that failed is withdrawn into the sender's failed/, and a copy its
// sender left staged is not in the inbox yet (send-commit.ts). "missing" is only for a copy that
// did land and is gone since (pruned, or removed by hand). A copy for another machine
// ("code@machine") is queued while it waits in the outbox, relayed once JetStream took it, and
// then in whatever state that machine's relay last reported (docs/relay.md).
import { IntercomError } from '../core/errors.ts';
import type { NextStep } from '../core/next-step.ts';
import { assertMessageId, isCode, senderAddress, splitRemote } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { Agents } from './agents.ts';
import type { StoreContext } from './context.ts';
import { MESSAGE_STATES } from './layout.ts';
import type { MessageState } from './layout.ts';
import type { Mail } from './mail.ts';
import type { Mesh } from './mesh.ts';
import type { Message } from './schema.ts';
import { findFailed, findUnlogged, isStaged, lastFailed } from './send-commit.ts';
import { shorten } from '../core/text.ts';

/** `queued`: waiting in the outbox for another machine; `relayed`: published to it, no receipt from it yet. */
export type ReceiptState = MessageState | 'undelivered' | 'missing' | 'queued' | 'relayed';

export interface Receipt {
  to: string;
  state: ReceiptState;
  /** The recipient agent is gone and never read it: nobody will, unless its session resumes. */
  dead_letter: boolean;
  note: string;
  /** What the reader may do about it; each surface renders it into the note (renderNote). */
  next?: NextStep;
}

export interface MessageStatus {
  id: string;
  /** false: the send failed and was withdrawn; no recipient got it and it did not count as sent. */
  sent: boolean;
  to: string[];
  sent_at: string;
  body_preview: string;
  receipts: Receipt[];
}

const NOTES: Record<ReceiptState, string> = {
  new: 'written, not yet shown to the recipient',
  delivered: 'shown to the recipient by a hook',
  seen: 'read by the recipient',
  acked: 'acknowledged',
  replied: 'answered',
  undelivered:
    'never delivered: the send failed before this copy reached the inbox, and was withdrawn from every recipient; it did not count as sent, so send it again',
  missing: 'its copy is gone (pruned, or removed by hand)',
  queued: 'queued in the outbox for its machine: the relay sends it while its link is up',
  relayed: 'sent to its machine through the relay; no receipt from there yet',
};

/** A sent message's copy that is staged, not yet handed over: its sender stopped midway. */
const STAGED = {
  note: 'not in the inbox yet: its sender stopped between sending and handing this copy over. Do not send it again: the next store sweep (at any MCP server start) hands it over',
  next: { op: 'doctor', lead: 'or', why: 'to sweep now' },
} as const satisfies { note: string; next: NextStep };

export function createReceipts(ctx: StoreContext, agents: Agents, mail: Mail, mesh: Mesh) {
  function folderOf(box: string, id: string): MessageState | undefined {
    for (const state of MESSAGE_STATES) if (nodeFs().existsSync(ctx.layout.messageFile(box, state, id))) return state;
    return undefined;
  }

  /** Where this recipient's copy is. `sent` false: the send failed, so no copy ever landed. */
  async function locate(box: string, id: string, sent: boolean): Promise<{ state: ReceiptState; note: string; next?: NextStep }> {
    const state = folderOf(box, id);
    if (state) return { state, note: NOTES[state] };
    if (!sent) return { state: 'undelivered', note: NOTES.undelivered };
    if (await isStaged(ctx.layout, box, id)) return { state: 'undelivered', ...STAGED };
    return { state: 'missing', note: NOTES.missing };
  }

  /** A copy for another machine: the outbox, then what its relay reported (docs/relay.md). */
  async function remoteReceipt(box: string, machine: string, id: string, sent: boolean): Promise<Receipt> {
    if (await isStaged(ctx.layout, box, id)) return { to: box, state: 'undelivered', dead_letter: false, ...STAGED };
    if (!sent) return { to: box, state: 'undelivered', dead_letter: false, note: NOTES.undelivered };
    if (mesh.isQueued(machine, id)) {
      const relay = await mesh.relay();
      const why = !relay
        ? 'no relay runs for this store'
        : relay.link !== 'up'
          ? `the relay's link is ${relay.link}`
          : (await mesh.view()).machines.get(machine)?.state === 'gone'
            ? `machine ${machine} is not reachable`
            : 'the relay is sending it';
      return {
        to: box,
        state: 'queued',
        dead_letter: false,
        note: `queued for ${machine}: ${why}; it is sent when the link returns`,
        ...(relay ? {} : { next: { op: 'doctor', why: 'to check the relay' } }),
      };
    }
    const reported = await mesh.receipt(id, box);
    if (!reported) {
      // Published: the NATS server keeps it for that machine. While the machine is gone it waits
      // there, which is queued as far as the sender can tell.
      const view = await mesh.view();
      if (!view.relay || view.machines.get(machine)?.state !== 'up') {
        return {
          to: box,
          state: 'queued',
          dead_letter: false,
          note: `queued for ${machine}: the NATS server holds it until ${machine} is reachable again (${view.relay ? `${machine} is gone` : 'no relay runs here to tell'})`,
        };
      }
      return { to: box, state: 'relayed', dead_letter: false, note: `sent to ${machine} through the relay; no receipt from it yet` };
    }
    const note =
      reported.state === 'undelivered'
        ? `never delivered: ${reported.why ?? `${machine} took no copy (no such recipient there, or it refused what the message holds)`}`
        : `${NOTES[reported.state]} on ${machine}`;
    return { to: box, state: reported.state, dead_letter: false, note: `${note} (as of ${reported.at})` };
  }

  async function receipt(box: string, id: string, sent: boolean): Promise<Receipt> {
    const remote = splitRemote(box);
    if (remote) return remoteReceipt(box, remote.machine, id, sent);
    if (box.startsWith('s-')) {
      // Mail for a session without intercom moves to its agent once it starts one.
      const adoptedBy = await agents.codeForSession(box.slice(2));
      const { state, note, next } = await locate(box, id, sent);
      if (state === 'missing' && adoptedBy) return { ...(await receipt(adoptedBy, id, sent)), to: box.slice(2) };
      return {
        to: box.slice(2),
        state,
        dead_letter: false,
        note: `${note} (a Claude session without intercom: it reads this only if it starts intercom or is asked)`,
        ...(next ? { next } : {}),
      };
    }
    const { state, note, next } = await locate(box, id, sent);
    const open = state === 'new' || state === 'delivered' || state === 'seen';
    const gone = isCode(box) && open && !(await agents.getLive(box));
    // A dead letter never reached the recipient's model. One it was shown (delivered, seen) did
    // reach it, even if the agent left before acknowledging it: that is said, not called dead.
    if (gone && state === 'new') {
      return {
        to: box,
        state,
        dead_letter: true,
        note: `never shown to agent ${box}, which is gone; it gets this only if its session resumes`,
      };
    }
    return {
      to: box,
      state,
      dead_letter: false,
      note: gone ? `${note}; agent ${box} has gone since, without acknowledging it` : note,
      ...(next ? { next } : {}),
    };
  }

  async function statusOf(message: Message, sent = true): Promise<MessageStatus> {
    return {
      id: message.id,
      sent,
      to: message.to,
      sent_at: message.created_at,
      body_preview: shorten(message.body, 80),
      receipts: await Promise.all(message.to.map((box) => receipt(box, message.id, sent))),
    };
  }

  /** Receipts of one message, from the log. `viewer`: only a message it sent or received (the CLI passes none). */
  async function status(id: string, viewer?: string): Promise<MessageStatus> {
    const found = await lookUp(assertMessageId(id), viewer);
    if (!found || (viewer !== undefined && senderAddress(found.message.from) !== viewer && !found.message.to.includes(viewer))) {
      throw new IntercomError('NOT_FOUND', `no message ${id} of yours is on record (it may have been pruned)`, {
        next: { op: 'status', recent: true, why: 'to list what you sent' },
      });
    }
    return statusOf(found.message, found.sent);
  }

  /**
   * The log first; then a sent/ entry not logged yet (its sender stopped midway: still sent);
   * then failed/ (a withdrawn send). Only the viewer's own folders, when there is a viewer.
   */
  async function lookUp(id: string, viewer?: string): Promise<{ message: Message; sent: boolean } | undefined> {
    const logged = (await mail.fromLog(id)) ?? (await findUnlogged(ctx, id, viewer));
    if (logged) return { message: logged, sent: true };
    const failed = await findFailed(ctx, id, viewer);
    return failed ? { message: failed, sent: false } : undefined;
  }

  /** Receipts of the last `limit` messages `sender` sent or failed to send (newest first). */
  async function recent(sender: string, limit = 10): Promise<MessageStatus[]> {
    const sent = (await mail.lastSent(sender, limit)).map((message) => ({ message, sent: true }));
    const failed = (await lastFailed(ctx, sender, limit)).map((message) => ({ message, sent: false }));
    const newest = [...sent, ...failed].sort((a, b) => (a.message.id < b.message.id ? 1 : -1)).slice(0, limit);
    return Promise.all(newest.map(({ message, sent: ok }) => statusOf(message, ok)));
  }

  return { status, recent };
}

export type Receipts = ReturnType<typeof createReceipts>;
