// Receipts: what became of a message, per recipient. The state is the folder the recipient's
// copy is in (written → delivered → seen → acked/replied); a copy still unread by an agent that
// is gone is a dead letter, and is reported as one.
import { IntercomError } from '../core/errors.ts';
import { assertMessageId, isCode } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { Agents } from './agents.ts';
import type { StoreContext } from './context.ts';
import { MESSAGE_STATES } from './layout.ts';
import type { MessageState } from './layout.ts';
import type { Mail } from './mail.ts';
import type { Message } from './schema.ts';

export type ReceiptState = MessageState | 'missing';

export interface Receipt {
  to: string;
  state: ReceiptState;
  /** The recipient agent is gone and never read it: nobody will, unless its session resumes. */
  dead_letter: boolean;
  note: string;
}

export interface MessageStatus {
  id: string;
  to: string[];
  sent_at: string;
  body_preview: string;
  receipts: Receipt[];
}

const NOTES: Record<ReceiptState, string> = {
  new: 'written, not yet shown to the recipient',
  delivered: 'shown to the recipient by a hook',
  seen: 'read with peek',
  acked: 'acknowledged',
  replied: 'answered',
  missing: 'its copy is gone (pruned, or removed by hand)',
};

export function createReceipts(ctx: StoreContext, agents: Agents, mail: Mail) {
  function stateOf(box: string, id: string): ReceiptState {
    for (const state of MESSAGE_STATES) if (nodeFs().existsSync(ctx.layout.messageFile(box, state, id))) return state;
    return 'missing';
  }

  async function receipt(box: string, id: string): Promise<Receipt> {
    if (box.startsWith('s-')) {
      // Mail for a session without intercom moves to its agent once it starts one.
      const adoptedBy = await agents.codeForSession(box.slice(2));
      const state = stateOf(box, id);
      if (state === 'missing' && adoptedBy) return { ...(await receipt(adoptedBy, id)), to: box.slice(2) };
      return { to: box.slice(2), state, dead_letter: false, note: `${NOTES[state]} (a Claude session without intercom: it reads this only if it starts intercom or is asked)` };
    }
    const state = stateOf(box, id);
    const open = state === 'new' || state === 'delivered' || state === 'seen';
    const gone = isCode(box) && open && !(await agents.getLive(box));
    // A dead letter never reached the recipient's model. One it was shown (delivered, seen) did
    // reach it, even if the agent left before acknowledging it: that is said, not called dead.
    if (gone && state === 'new') {
      return { to: box, state, dead_letter: true, note: `never shown to agent ${box}, which is gone; it gets this only if its session resumes` };
    }
    return { to: box, state, dead_letter: false, note: gone ? `${NOTES[state]}; agent ${box} has gone since, without acknowledging it` : NOTES[state] };
  }

  async function statusOf(message: Message): Promise<MessageStatus> {
    return {
      id: message.id,
      to: message.to,
      sent_at: message.created_at,
      body_preview: message.body.length > 80 ? `${message.body.slice(0, 79)}…` : message.body,
      receipts: await Promise.all(message.to.map((box) => receipt(box, message.id))),
    };
  }

  /** Receipts of one message, from the log. `viewer`: only a message it sent or received (the CLI passes none). */
  async function status(id: string, viewer?: string): Promise<MessageStatus> {
    const message = await mail.fromLog(assertMessageId(id));
    if (!message || (viewer !== undefined && message.from.code !== viewer && !message.to.includes(viewer))) {
      throw new IntercomError('NOT_FOUND', `no message ${id} of yours is on record (it may have been pruned); call status without ids to list what you sent`);
    }
    return statusOf(message);
  }

  /** Receipts of the last `limit` messages `sender` sent (newest first). */
  async function recent(sender: string, limit = 10): Promise<MessageStatus[]> {
    return Promise.all((await mail.lastSent(sender, limit)).map(statusOf));
  }

  return { status, recent };
}

export type Receipts = ReturnType<typeof createReceipts>;
