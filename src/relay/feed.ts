// The mesh's feed (docs/relay.md): so that `intercom tail` and the dashboard on any machine show
// the traffic of the whole mesh, each relay publishes an entry for every message sent on its
// machine (who, to whom, when, how long; never the text, which stays on the machines it was sent
// between), and writes the entries of other machines into its store. A machine's own messages,
// and those sent to it, are in its log already: only the others' entries are kept.
import { DeliverPolicy } from '@nats-io/jetstream';
import { describeError } from '../core/errors.ts';
import type { Intercom, Message } from '../intercom/index.ts';
import { feedEntryOf, feedFromWire, feedToWire } from '../intercom/wire.ts';
import type { MeshNames } from './names.ts';
import type { MeshLink } from './setup.ts';
import { FEED_MAX_AGE_MS } from './setup.ts';

export interface Feed {
  stop(): void;
}

/** Feed entries per published message. */
const FEED_BATCH = 200;
/** Most entries of other machines kept: the newest (a busy or a hostile machine cannot fill the disk). */
const FEED_MAX_ENTRIES = 20_000;

/** The smallest message id at `ms` (ids start with their 13-digit time). */
const firstIdAt = (ms: number) => `${String(Math.max(0, ms)).padStart(13, '0')}-0000000000`;

export async function startFeed(deps: {
  intercom: Intercom;
  names: MeshNames;
  here: string;
  link: MeshLink;
  linkUp: () => boolean;
  log: (line: string) => void;
  /** Ids this relay imported from other machines (the inbox pump adds them; the feed takes each out once it passes in the log). */
  imported: Set<string>;
}): Promise<Feed> {
  const { intercom, names, here, link } = deps;
  let stopped = false;
  let lastError = '';
  const report = (what: string, error: unknown) => {
    const why = `${what}: ${describeError(error)}`;
    if (why !== lastError) deps.log(`intercom relay: ${why}`);
    lastError = why;
  };
  const cursor = await intercom.mesh.feedCursor();
  // Kept at most once a second: after a crash a little is published or read again, which the
  // server's de-duplication and writeFeedEntry (once per id) absorb.
  let cursorDirty = false;
  const saveCursor = setInterval(() => {
    if (!cursorDirty) return;
    cursorDirty = false;
    void intercom.mesh.setFeedCursor(cursor).catch((error) => report('saving the feed cursor', error));
  }, 1_000);
  // What this machine sent: the log, from where the last run left off (or the last day).
  const pending: Message[] = [];
  let publishing = false;
  const publishPending = async () => {
    if (publishing || !deps.linkUp()) return;
    publishing = true;
    try {
      // In batches: one message (and one round trip) per up to FEED_BATCH entries.
      while (pending.length && !stopped) {
        const batch = pending.slice(0, FEED_BATCH);
        const first = batch[0]!.id;
        const last = batch.at(-1)!.id;
        await link.js.publish(names.feedSubject(here), feedToWire(batch.map((m) => feedEntryOf(m, here))), {
          msgID: `feed-${first}-${last}`,
          expect: { streamName: names.feedStream },
        });
        pending.splice(0, batch.length);
        cursor.sent = last;
        cursorDirty = true;
      }
    } catch (error) {
      report('publishing to the feed', error);
    } finally {
      publishing = false;
    }
  };
  const logWatch = await intercom.followLog({
    sinceId: cursor.sent ?? firstIdAt(intercom.clock.now() - FEED_MAX_AGE_MS),
    // What this relay wrote itself came from another machine, which published it: not even read.
    skip: (id) => deps.imported.delete(id),
    onMessage(message) {
      if (message.from.machine !== undefined) return; // another machine's: it published it
      pending.push(message);
      void publishPending();
    },
    onError: (error) => report('following the log', error),
    // The feed is a view: a few looks a second keep it current without reading a busy log per message.
    everyMs: 250,
  });
  const retry = setInterval(() => void publishPending(), 2_000);

  // What other machines sent: their entries, from the last sequence read.
  const iterators: { stop(): void }[] = [];
  let written = 0;
  const follow = async () => {
    while (!stopped) {
      try {
        // The stream holds feed subjects only, so no filter (nats-server 2.9 takes none on an ordered consumer).
        const consumer = await link.js.consumers.get(names.feedStream, {
          ...(cursor.read !== undefined
            ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: cursor.read + 1 }
            : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(intercom.clock.now() - FEED_MAX_AGE_MS).toISOString() }),
        });
        const messages = await consumer.consume();
        iterators.push({ stop: () => void messages.close() });
        for await (const m of messages) {
          const origin = names.feedOrigin(m.subject);
          if (origin && origin !== here) {
            const { entries, refused } = await feedFromWire(new TextDecoder().decode(m.data), origin);
            if (refused.length) deps.log(`intercom relay: ignored ${refused.length} feed entr(ies) from ${origin}: ${refused[0]}`);
            // Messages sent to this machine are in its log already.
            for (const entry of entries) {
              if (entry.to.some((to) => to.endsWith(`@${here}`))) continue;
              await intercom.mesh.writeFeedEntry(entry);
              if (++written % 1_000 === 0) await intercom.mesh.pruneFeed(intercom.clock.now() - FEED_MAX_AGE_MS, FEED_MAX_ENTRIES);
            }
          }
          cursor.read = m.seq;
          cursorDirty = true;
          if (stopped) break;
        }
      } catch (error) {
        if (!stopped) report('reading the feed', error);
      }
      if (!stopped) await Bun.sleep(1_000);
    }
  };
  void follow();
  await intercom.mesh.pruneFeed(intercom.clock.now() - FEED_MAX_AGE_MS);
  const prune = setInterval(() => void intercom.mesh.pruneFeed(intercom.clock.now() - FEED_MAX_AGE_MS), 60 * 60_000);
  return {
    stop() {
      stopped = true;
      clearInterval(retry);
      clearInterval(prune);
      clearInterval(saveCursor);
      if (cursorDirty) void intercom.mesh.setFeedCursor(cursor);
      logWatch.close();
      for (const it of iterators) it.stop();
    },
  };
}
