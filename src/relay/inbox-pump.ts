// Taking what other machines sent here (docs/relay.md): this machine's durable consumer hands
// over mail and receipts; mail is checked (a valid message whose sender is on the subject's
// origin), written into the local inboxes idempotently by id, recorded for its receipts, and
// only then acknowledged. A relay killed before the acknowledgement gets it again; the store
// write skips what was written. What can never be taken (not ours, not valid, a forged origin)
// is terminated, never redelivered, and said on stderr.
import type { JsMsg } from '@nats-io/jetstream';
import { describeError } from '../core/errors.ts';
import { HUMAN, isCode } from '../core/ids.ts';
import type { Intercom } from '../intercom/index.ts';
import { messageFromWire, receiptsFromWire } from '../intercom/wire.ts';
import type { MeshNames } from './names.ts';
import type { ReceiptTracker } from './receipts.ts';
import { createLimiter } from './limit.ts';
import { createSentMemo } from './sent-memo.ts';
import type { SentMemo } from './sent-memo.ts';
import type { MeshLink } from './setup.ts';

/** A message that cannot be written is tried this many times, RETRY_MS apart, then given up. */
const MAX_DELIVERIES = 100;
const RETRY_MS = 2_000;

/**
 * What one pull asks for, in bytes (the NATS client then takes up to 100 messages a pull, and pulls
 * again at 75%). Pulls are bounded by size, not by count: the server drops a client whose unread
 * data passes its max_pending (64 MiB by default: "Slow Consumer Detected"), and 512 messages near
 * max_payload (1 MiB by default) passed it. Dropped before it acknowledged, the relay got the same
 * messages again after ack_wait, and again: another machine could wedge this one's mail by queueing
 * big payloads for it. A pull must fit a whole message, so it takes at least one of the largest the
 * server allows.
 */
export const pullBytes = (maxPayload: number) => Math.max(4 * 1024 * 1024, maxPayload + 64 * 1024);
/**
 * Messages handled at once. Each import waits on its fsync (in the thread pool); the more of them
 * overlap, the more one journal commit of the disk covers (measured on ext4 in a VM: 0.61 ms a
 * file with 8 syncs at once, 0.46 ms with 64). Different ids never touch the same files, so the
 * order they finish in does not matter.
 */
const CONCURRENCY = 256;

export interface InboxPump {
  stop(): void;
}

export function startInboxPump(deps: {
  intercom: Intercom;
  names: MeshNames;
  here: string;
  link: MeshLink;
  maxBodyBytes: number;
  receipts: ReceiptTracker;
  /** Recipients of messages sent from here (shared with the outbox pump, which fills it). */
  sent?: SentMemo;
  log: (line: string) => void;
  /** A message was written into a local inbox (for the relay's own counters). */
  onImported?: (id: string) => void;
  /** A payload was refused (doctor says so): what and why, in words. */
  onRefused?: (what: string) => void;
}): InboxPump {
  const { intercom, names, here } = deps;
  let stopped = false;
  let messages: Awaited<ReturnType<MeshLink['consumer']['consume']>> | undefined;

  /** The recipients of a message sent from this machine: remembered (the outbox pump fills it), else from its log. */
  const sent = deps.sent ?? createSentMemo();
  async function sentHere(id: string): Promise<string[] | undefined> {
    const known = sent.get(id);
    if (known) return known.to;
    const message = await intercom.mail.fromLog(id).catch(() => undefined); // a malformed id: not ours
    const to = message && message.from.machine === undefined ? message.to : undefined;
    sent.set(id, to);
    return to;
  }

  /** Work on one key runs in turn; different keys run at once. */
  const turns = new Map<string, Promise<unknown>>();
  async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = turns.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    turns.set(key, mine);
    try {
      return await mine;
    } finally {
      if (turns.get(key) === mine) turns.delete(key);
    }
  }

  /**
   * Whether a local mailbox can take mail from another machine: the human, a live agent, or one
   * that was an agent here. Remembered for a second: a burst to one agent asks once.
   */
  const takes = new Map<string, { ok: boolean; at: number }>();
  async function canTake(box: string): Promise<boolean> {
    if (box === HUMAN) return true;
    if (!isCode(box)) return false;
    const known = takes.get(box);
    if (known && Date.now() - known.at < 1_000) return known.ok;
    const ok = (await intercom.agents.getLive(box)) !== undefined || intercom.mail.hasMailbox(box);
    takes.set(box, { ok, at: Date.now() });
    return ok;
  }

  /**
   * Acknowledge `m` with the others that finish in the same turn of the event loop: one write to
   * the socket for all of them, not one per message. Only ever called once `m` is durable here.
   */
  const acks: JsMsg[] = [];
  function ackSoon(m: JsMsg): void {
    acks.push(m);
    if (acks.length === 1)
      setImmediate(() => {
        for (const one of acks.splice(0)) one.ack();
      });
  }

  async function handle(m: JsMsg): Promise<void> {
    const subject = names.parse(m.subject);
    if (!subject || subject.dest !== here) {
      deps.log(`intercom relay: dropped a message on ${m.subject}: not for this machine`);
      m.term();
      return;
    }
    const text = new TextDecoder().decode(m.data);
    if (subject.kind === 'rcpt') {
      const { receipts, refused } = await receiptsFromWire(text, subject.origin);
      // Only receipts of copies this machine sent: anything else would fill its store for nothing.
      const ours: typeof receipts = [];
      for (const r of receipts) if ((await sentHere(r.id))?.includes(r.to)) ours.push(r);
      const dropped = refused.length + receipts.length - ours.length;
      if (dropped)
        deps.log(
          `intercom relay: dropped ${dropped} receipt(s) from ${subject.origin}: ${refused[0] ?? 'not of a message sent to it from here'}`,
        );
      // Receipts of one copy in turn: its record keeps the most advanced state (read, compare, write).
      await Promise.all(ours.map((r) => inTurn(`${r.id} ${r.to}`, () => intercom.mesh.writeReceipt(r))));
      ackSoon(m);
      return;
    }
    const inbound = await messageFromWire(text, subject.origin, here, deps.maxBodyBytes);
    if (!inbound.ok) {
      deps.log(`intercom relay: refused a message from ${subject.origin}: ${inbound.reason}`);
      deps.onRefused?.(`a message from ${subject.origin}: ${inbound.reason}`);
      // Refused for what it holds: its sender is told it was never delivered, not left waiting.
      if (inbound.undeliverable) await deps.receipts.imported(inbound.undeliverable.id, subject.origin, [], inbound.undeliverable.boxes);
      m.term();
      return;
    }
    const { message, boxes } = inbound.value;
    const open: string[] = [];
    const refused: string[] = [];
    for (const box of boxes) ((await canTake(box)) ? open : refused).push(box);
    if (open.length) {
      const result = await intercom.importMessage(message, open);
      // An id this store knows from elsewhere (a local message's, which the feed shows other
      // machines): nothing of it is written, and no receipt is owed for it.
      if (result.already && (await intercom.mail.fromLog(message.id))?.from.machine !== subject.origin) {
        deps.log(`intercom relay: refused a message from ${subject.origin}: its id is one this store already has for another message`);
        deps.onRefused?.(`a message from ${subject.origin}: a duplicate id`);
        m.term();
        return;
      }
      deps.onImported?.(message.id);
    }
    await deps.receipts.imported(message.id, subject.origin, open, refused);
    ackSoon(m);
  }

  async function handleOrRetry(m: JsMsg): Promise<void> {
    try {
      await handle(m);
    } catch (error) {
      // An I/O error here (disk full, a permission, a broken inbox folder): not acknowledged, so it
      // comes again; a few minutes of that, and it is given up, its sender told it was never delivered.
      const why = describeError(error);
      if (m.info.deliveryCount < MAX_DELIVERIES) {
        deps.log(`intercom relay: could not write a message from ${m.subject} (${why}); it will be delivered again`);
        m.nak(RETRY_MS);
        return;
      }
      deps.log(`intercom relay: gave up a message from ${m.subject} after ${m.info.deliveryCount} tries (${why})`);
      deps.onRefused?.(`a message from ${m.subject}: it could not be written here (${why})`);
      const subject = names.parse(m.subject);
      const inbound =
        subject?.kind === 'mail'
          ? await messageFromWire(new TextDecoder().decode(m.data), subject.origin, here, deps.maxBodyBytes)
          : undefined;
      if (inbound?.ok && subject) {
        await deps.receipts
          .imported(inbound.value.message.id, subject.origin, [], inbound.value.boxes)
          .catch((e) => deps.log(`intercom relay: could not send its undelivered receipts (${describeError(e)})`));
      }
      m.term();
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      try {
        messages = await deps.link.consumer.consume({ max_bytes: pullBytes(deps.link.maxPayload()) });
        const limit = createLimiter(CONCURRENCY, (error) =>
          deps.log(`intercom relay: handling a message from another machine: ${describeError(error)}`),
        );
        for await (const m of messages) {
          await limit.start(() => handleOrRetry(m));
          if (stopped) break;
        }
        await limit.idle();
      } catch (error) {
        if (!stopped) deps.log(`intercom relay: the inbox consumer stopped (${describeError(error)}); starting it again`);
      }
      if (!stopped) await Bun.sleep(1_000);
    }
  }
  void run();
  return {
    stop() {
      stopped = true;
      void messages?.close();
    },
  };
}
