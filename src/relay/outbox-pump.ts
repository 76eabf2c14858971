// Publishing what the store queued for other machines (docs/relay.md): each file of
// outbox/<machine>/ goes to that machine's subject with its message id as JetStream's
// de-duplication id, and leaves the outbox only once JetStream acknowledged it (PubAck). A publish
// that fails (the link is down, a timeout) leaves the file for the next round: at least once on
// the wire, and the server's de-duplication and the receiver's idempotent write make it once.
import { describeError } from '../core/errors.ts';
import type { Intercom } from '../intercom/index.ts';
import { messageToWire } from '../intercom/wire.ts';
import { createLimiter } from './limit.ts';
import { mailMsgId } from './names.ts';
import type { MeshNames } from './names.ts';
import type { MeshLink } from './setup.ts';
import type { SentMemo } from './sent-memo.ts';

/** Publishes in flight at once: enough to keep the server busy, few enough to bound memory. */
const IN_FLIGHT = 256;
/** After a failed round, the next one starts this much later (ms), unless the link comes back first. */
const RETRY_MS = 2_000;

export interface OutboxPump {
  /** Something may have been queued, or the link came back: publish what waits. */
  kick(): void;
  stop(): void;
}

export function createOutboxPump(deps: {
  intercom: Intercom;
  names: MeshNames;
  here: string;
  link: () => MeshLink | undefined;
  log: (line: string) => void;
  /** Filled with the recipients of each message published, for the receipts that come back. */
  sent?: SentMemo;
  /** Called after each round with what is left in the outbox. */
  onRound?: (left: number) => void;
}): OutboxPump {
  const { intercom, names, here } = deps;
  let running = false;
  let again = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let lastError = '';

  async function round(link: MeshLink): Promise<number> {
    let left = 0;
    for (const machine of await intercom.mesh.outboxMachines()) {
      const ids = await intercom.mesh.outboxIds(machine);
      // A window that slides: a new publish starts as soon as any one is acknowledged, so the
      // server always has IN_FLIGHT to work on, never a batch's slowest PubAck to wait for.
      let done = 0;
      let failure: { reason: unknown } | undefined;
      const limit = createLimiter(IN_FLIGHT, (reason) => {
        failure ??= { reason };
      });
      for (const id of ids) {
        if (stopped || failure) break;
        await limit.start(async () => {
          await publishOne(link, machine, id);
          done++;
        });
      }
      await limit.idle();
      if (failure) {
        left += ids.length - done;
        throw Object.assign(new Error('publish failed'), { cause: failure.reason, left });
      }
    }
    return left;
  }

  async function publishOne(link: MeshLink, machine: string, id: string): Promise<void> {
    const message = await intercom.mesh.outboxMessage(machine, id);
    if (!message) return; // gone meanwhile, or corrupt (quarantined and reported by the store)
    const payload = JSON.stringify(messageToWire(message, here));
    const max = link.maxPayload();
    if (Buffer.byteLength(payload) > max) {
      // No retry can send it: its recipients there are told it was never delivered, and why.
      const why = `it is ${Buffer.byteLength(payload)} bytes on the wire, over the NATS server's ${max}-byte limit (max_payload)`;
      for (const to of message.to.filter((t) => t.endsWith(`@${machine}`))) {
        await intercom.mesh.writeReceipt({ v: 1, id, to, state: 'undelivered', at: new Date(intercom.clock.now()).toISOString(), why });
      }
      deps.log(`intercom relay: message ${id} for ${machine} cannot be sent: ${why}`);
      await intercom.mesh.dequeue(machine, id);
      return;
    }
    await link.js.publish(names.mailSubject(machine, here), payload, {
      msgID: mailMsgId(id, machine),
      expect: { streamName: names.stream },
    });
    if (message.from.machine === undefined) deps.sent?.set(id, message.to);
    await intercom.mesh.dequeue(machine, id);
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const link = deps.link();
        if (!link || stopped) return;
        try {
          deps.onRound?.(await round(link));
          lastError = '';
        } catch (error) {
          const why = describeError((error as { cause?: unknown }).cause ?? error);
          if (why !== lastError) deps.log(`intercom relay: could not publish the outbox (${why}); trying again`);
          lastError = why;
          deps.onRound?.((error as { left?: number }).left ?? 0);
          clearTimeout(retry);
          retry = setTimeout(() => void run(), RETRY_MS);
          return;
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  }

  return {
    kick: () => void run(),
    stop() {
      stopped = true;
      clearTimeout(retry);
    },
  };
}
