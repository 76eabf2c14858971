// The store as the armed watcher's lean wait sees it (hooks/watcher-lean.ts): what waiting on
// one agent's inbox reads and moves, under the full store's rules, loading no zod and not the
// rest of the store. Its records are checked by hand (record-check.ts) and read as the full store
// reads them (files.ts); mail is claimed by the very code the lean PreToolUse route runs
// (quick-mail.ts), busy marks are written by activity.ts's own rules, and the agent is watched
// by agent-watch.ts. Anything unusual (a special or corrupt file, an odd name in the inbox)
// throws QuickHandover before anything has moved: the wait then goes back to the full hook,
// which deals with it and reports it.
import type { WatchMode } from '../core/config.ts';
import { isProcessAlive } from '../core/proc.ts';
import type { ActivityView } from './activity.ts';
import { watchAgent } from './agent-watch.ts';
import { createLayout } from './layout.ts';
import type { MessageState } from './layout.ts';
import type { StoredMessage } from './mail.ts';
import { quickMarks, readHotRecord } from './quick-hooks.ts';
import type { QuickMark } from './quick-hooks.ts';
import { quickMailOn } from './quick-mail.ts';
import type { QuickMailStore } from './quick-mail.ts';
import type { AgentRecord } from './schema.ts';
import { openStoreDir } from './store-dir.ts';
import type { Store } from './index.ts';
import type { Watchers } from './watchers.ts';

/** The lean wait's store, with the full store's signatures for what the wait calls. */
export interface QuickWaitStore {
  /** store/watchers.ts, its records read as the lean routes read them (quick-hooks.ts quickMarks). */
  watchers: Pick<Watchers, 'isCurrent' | 'arm'>;
  /** The agent's record while its process lives; undefined when it is missing or its process is dead. */
  agents: { getLive(code: string): Promise<AgentRecord | undefined> };
  /** The agent's busy/idle as its hooks recorded it (activity.ts `read`). */
  activity(code: string): Promise<ActivityView>;
  presence: { mark: QuickMark };
  mail: {
    /** New mail's names, listed afresh at each call; a claim then loads and moves from that listing. */
    entries(box: string, states: readonly MessageState[]): Promise<Iterable<{ id: string; state: MessageState }>>;
    load(box: string, entry: { id: string; state: MessageState }): Promise<StoredMessage | undefined>;
    markDelivered(box: string, ids: string[]): Promise<string[]>;
    /** How many messages new/ holds now (listed afresh). */
    countNew(box: string): Promise<number>;
  };
  /** The full store's watch on one agent (agent-watch.ts). */
  watchAgent: Store['watchAgent'];
}

/**
 * Opens the store at `root` for the wait of agent `code`'s watcher, watching as `watch` says
 * (CLAUDE_INTERCOM_WATCH). Throws IntercomError for a store the full open refuses.
 */
export async function openQuickWait(root: string, code: string, watch: WatchMode, now: number): Promise<QuickWaitStore> {
  const layout = createLayout(root);
  await openStoreDir(layout, now);
  const marks = quickMarks(layout);
  // quick-mail.ts lists new/ once per instance (a hook's one look): a claim gets its own, made by
  // its listing, and every count lists afresh, for the wait looks again at each change.
  let claim: QuickMailStore['mail'] | undefined;
  const claiming = (): QuickMailStore['mail'] => claim ?? quickMailOn(layout, code).mail;
  return {
    watchers: marks.watchers,
    agents: {
      async getLive(agent) {
        const record = readHotRecord('agent', layout.agentFile(agent)) as AgentRecord | undefined;
        // A dead agent's record is left for the full store to reap: the wait only needs to know.
        return record && isProcessAlive(record.pid, record.pid_start) ? record : undefined;
      },
    },
    activity: (agent) => marks.activity.read(agent),
    presence: { mark: marks.mark },
    mail: {
      async entries(box, states) {
        claim = quickMailOn(layout, code).mail;
        return claim.entries(box, states);
      },
      load: (box, entry) => claiming().load(box, entry as { id: string; state: 'new' }),
      markDelivered: (box, ids) => claiming().markDelivered(box, ids),
      countNew: (box) => quickMailOn(layout, code).mail.countNew(box),
    },
    watchAgent: (agent, onChange, onError, transcriptPath) => watchAgent({ layout, watch }, agent, onChange, onError, transcriptPath),
  };
}
