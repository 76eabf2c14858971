// What the dashboard shows, kept current: the live agents (re-read every few seconds and after
// every message) and the recent messages (the log, followed as it grows). Changes go out through
// the event hub; a page that connects gets a snapshot first.
import { describeError } from '../../core/errors.ts';
import type { AgentView, FeedEntry, Message, Intercom } from '../../intercom/index.ts';
import type { EventHub, SseEvent } from './sse.ts';

/** How many messages a page gets when it connects (it keeps every later one it sees). */
export const HISTORY_LIMIT = 50;
/** How far back the history reaches: bounds the start-up read of a large log. */
export const HISTORY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Agents come and go without writing to the log, so the list is also re-read on a timer. */
const AGENT_POLL_MS = 2000;

export interface Feed {
  /** The events a newly connected page needs to draw everything. */
  snapshot(): SseEvent[];
  close(): void;
}

/** The smallest message id sent at or after `ms` (ids start with the 13-digit epoch ms). */
export function firstIdAt(ms: number): string {
  return `${String(Math.max(0, ms)).padStart(13, '0')}-0000000000`;
}

export async function startFeed(
  store: Intercom,
  hub: EventHub,
  options: { now(): Date; onError(error: unknown): void; pollMs?: number },
): Promise<Feed> {
  /** The last messages, by id: this machine's log, and the feed of messages between other machines (no text). */
  const recent: (Message | FeedEntry)[] = [];
  let agents: AgentView[] = [];
  let agentsJson = '';
  let started = false;
  let lastError = '';

  /** Report each distinct failure once: the poll would otherwise repeat it every two seconds. */
  const report = (error: unknown) => {
    const text = describeError(error, 'human');
    if (text !== lastError) options.onError(error);
    lastError = text;
  };

  // Serialised like the store's folder watch: a refresh asked for while one runs runs once after it.
  let refreshing = false;
  let again = false;
  async function refreshAgents(): Promise<void> {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        const next = await store.who({ scope: 'all' });
        const json = JSON.stringify(next);
        lastError = '';
        if (json === agentsJson) continue;
        agents = next;
        agentsJson = json;
        if (started) hub.broadcast({ event: 'agents', data: agents });
      } while (again);
    } catch (error) {
      report(error);
    } finally {
      refreshing = false;
    }
  }

  // followLog replays the log after sinceId in its first scan, which ends before it returns:
  // whatever arrives until then is history, everything later is live.
  const onMessage = (message: Message | FeedEntry) => {
    recent.push(message);
    recent.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (recent.length > HISTORY_LIMIT) recent.shift();
    if (!started) return;
    hub.broadcast({ event: 'message', data: message });
    void refreshAgents(); // a sender may have just appeared or changed its status
  };
  const sinceId = firstIdAt(options.now().getTime() - HISTORY_WINDOW_MS);
  const watch = await store.followLog({ sinceId, onMessage, onError: report });
  const feedWatch = await store.followFeed({ sinceId, onMessage, onError: report });
  await refreshAgents();
  started = true;
  const timer = setInterval(() => void refreshAgents(), options.pollMs ?? AGENT_POLL_MS);

  return {
    snapshot: () => [
      { event: 'agents', data: agents },
      { event: 'history', data: [...recent] },
    ],
    close() {
      clearInterval(timer);
      watch.close();
      feedWatch.close();
    },
  };
}
