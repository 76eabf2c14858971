// Receipts for messages other machines sent here (docs/relay.md). Each imported message is
// recorded (a line in remote/inbound.jsonl) with the state last reported per local recipient; the
// recipients' mailboxes are watched, and each state a copy reaches (new, delivered, seen, acked,
// replied) is published once to the sender's machine. The record goes when every copy is acked
// or replied (or gone). Publishing needs the link: what could not be sent is sent at the next
// reconnect (every record is looked at again then).
import { describeError } from '../core/errors.ts';
import type { Intercom } from '../intercom/index.ts';
import { receiptsToWire } from '../intercom/wire.ts';
import type { InboundRecord, ReceiptStateReported } from '../store/schema.ts';
import { RECEIPT_ORDER } from '../intercom/wire.ts';
import { receiptBatchMsgId } from './names.ts';
import type { MeshNames } from './names.ts';
import type { MeshLink } from './setup.ts';

const FINAL: ReadonlySet<ReceiptStateReported> = new Set(['acked', 'replied', 'undelivered']);

export interface ReceiptTracker {
  /** A message was imported for `boxes` (and refused for `refused`): record it and report each copy's state. */
  imported(id: string, origin: string, boxes: string[], refused: string[]): Promise<void>;
  /** Look at every record again (at start and when the link comes back). */
  resync(): Promise<void>;
  stop(): void;
}

export function createReceiptTracker(deps: {
  intercom: Intercom;
  names: MeshNames;
  here: string;
  link: () => MeshLink | undefined;
  log: (line: string) => void;
}): ReceiptTracker {
  const { intercom, names, here } = deps;
  /** Open records by id, and the ids each watched mailbox holds. */
  const records = new Map<string, InboundRecord>();
  const byBox = new Map<string, Set<string>>();
  const watches = new Map<string, { close(): void }>();
  let stopped = false;
  let lastError = '';

  // Receipts go out in batches, one message per origin machine for everything that changed within
  // a few milliseconds: a burst of 1,000 messages costs the server and the sender's relay a
  // handful of receipt messages, not 1,000.
  type Item = { id: string; to: string; state: ReceiptStateReported; at: string };
  const batches = new Map<string, { items: Item[]; done: Promise<boolean> }>();
  const BATCH_MS = 5;
  const BATCH_MAX = 500;

  async function send(origin: string, items: Item[]): Promise<boolean> {
    const link = deps.link();
    if (!link) return false;
    try {
      await link.js.publish(names.receiptSubject(origin, here), receiptsToWire(items), {
        msgID: receiptBatchMsgId(items),
        expect: { streamName: names.stream },
      });
      lastError = '';
      return true;
    } catch (error) {
      const why = describeError(error);
      if (why !== lastError) deps.log(`intercom relay: could not send receipts to ${origin} (${why}); they are sent when the link returns`);
      lastError = why;
      return false;
    }
  }

  /** Resolves true once the receipt is with the server (in its batch), false when it could not be sent now. */
  function publish(record: InboundRecord, box: string, state: ReceiptStateReported): Promise<boolean> {
    if (!deps.link()) return Promise.resolve(false);
    const item: Item = { id: record.id, to: `${box}@${here}`, state, at: new Date(intercom.clock.now()).toISOString() };
    let batch = batches.get(record.origin);
    if (!batch || batch.items.length >= BATCH_MAX) {
      const items: Item[] = [];
      const done = Bun.sleep(BATCH_MS).then(() => {
        if (batches.get(record.origin)?.items === items) batches.delete(record.origin);
        return send(record.origin, items);
      });
      batch = { items, done };
      batches.set(record.origin, batch);
    }
    batch.items.push(item);
    return batch.done;
  }

  /** Report what changed in one record; drop it when nothing more will change. */
  async function check(id: string): Promise<void> {
    const record = records.get(id);
    if (!record) return;
    let changed = false;
    const reported = { ...record.reported };
    for (const [box, last] of Object.entries(record.reported)) {
      if (FINAL.has(last)) continue;
      const now = intercom.mail.stateOf(box, id);
      if (now === undefined) {
        reported[box] = 'acked'; // pruned or removed: nothing more will happen to it
        changed = true;
        continue;
      }
      if (RECEIPT_ORDER[now] <= RECEIPT_ORDER[last]) continue;
      if (!(await publish(record, box, now))) return; // the link is down: the whole record waits
      reported[box] = now;
      changed = true;
    }
    if (!changed) return;
    const next = { ...record, reported };
    if (Object.values(reported).every((s) => FINAL.has(s))) {
      records.delete(id);
      for (const box of Object.keys(reported)) byBox.get(box)?.delete(id);
      await intercom.mesh.removeInbound(id);
    } else {
      records.set(id, next);
      await intercom.mesh.writeInbound(next);
    }
  }

  async function watchBox(box: string): Promise<void> {
    if (watches.has(box) || stopped) return;
    watches.set(box, { close() {} }); // claimed, so a second call does not watch twice
    const watch = await intercom.watchMesh(
      { kind: 'mailbox', box },
      // Every record at once: each check waits for its receipt's batch (a few ms and a round
      // trip), and one at a time 15,000 of them took minutes. Different ids touch different records.
      async () => {
        await Promise.all([...(byBox.get(box) ?? [])].map((id) => check(id)));
      },
      (error) => deps.log(`intercom relay: watching mailbox ${box}: ${describeError(error)}`),
    );
    if (stopped) watch.close();
    else watches.set(box, watch);
  }

  function track(record: InboundRecord): void {
    records.set(record.id, record);
    for (const box of Object.keys(record.reported)) {
      const ids = byBox.get(box) ?? new Set<string>();
      ids.add(record.id);
      byBox.set(box, ids);
    }
  }

  return {
    async imported(id, origin, boxes, refused) {
      const reported: Record<string, ReceiptStateReported> = {};
      for (const box of boxes) reported[box] = 'new';
      const record: InboundRecord = { v: 1, id, origin, reported, at: new Date(intercom.clock.now()).toISOString() };
      // Written before the JetStream ack: a relay killed after the ack still owes these receipts.
      if (boxes.length) await intercom.mesh.writeInbound(record);
      await Promise.all(refused.map((box) => publish(record, box, 'undelivered')));
      if (!boxes.length) return;
      track(record);
      // Not waited for: the record above says these are owed, and a relay killed before they
      // reach the server sends them at its start (resync). The message's acknowledgement need
      // not wait out a batch and its round trip.
      for (const box of boxes) void publish(record, box, 'new');
      for (const box of boxes) await watchBox(box);
      await check(id); // a copy may have moved on already
    },
    async resync() {
      const { records: owed, skipped } = await intercom.mesh.inbound();
      if (skipped)
        deps.log(`intercom relay: ${skipped} line(s) of the receipts journal were not valid (cut short by a crash?) and were skipped`);
      for (const record of owed) track(record);
      for (const box of new Set(owed.flatMap((record) => Object.keys(record.reported)))) await watchBox(box);
      // A record written just before a crash may not have had its first receipts sent (the
      // sender's side keeps the most advanced state, so sending one twice changes nothing). All
      // at once, so that they share batches: one at a time, each waited out its own.
      const sends: Promise<boolean>[] = [];
      for (const record of owed)
        for (const [box, state] of Object.entries(record.reported)) if (state === 'new') sends.push(publish(record, box, 'new'));
      await Promise.all(sends);
      await Promise.all(owed.map((record) => check(record.id)));
    },
    stop() {
      stopped = true;
      for (const w of watches.values()) w.close();
    },
  };
}
