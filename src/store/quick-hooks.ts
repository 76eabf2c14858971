// The store as the lifecycle hooks' lean route sees it (hooks/lifecycle-lean.ts: UserPromptSubmit,
// SessionEnd, and SessionStart, Stop and StopFailure where Claude Code runs them in the
// foreground): PreToolUse's lean store (quick-mail.ts: the session's agent and its inbox, under
// the full store's rules, anything unusual handed to the full hook) plus what these hooks also
// touch: the busy/idle events, written by the very code the full store runs (activity.ts), and
// the agent's armed watcher. A busy/idle event file or a watcher record that is not a regular
// file holding a valid record hands the hook over (QuickHandover), like anything unusual: the
// full hook quarantines and reports it. Loads no zod and not the rest of the store.
import { isCode } from '../core/ids.ts';
import { createActivity, processKey } from './activity.ts';
import type { ActivityEvent, ActivityStore } from './activity.ts';
import { readStoreFile } from './files.ts';
import { createLayout } from './layout.ts';
import type { Layout } from './layout.ts';
import { QuickHandover, quickMailOn } from './quick-mail.ts';
import type { QuickMailStore } from './quick-mail.ts';
import { hotChecks } from './record-check.ts';
import type { HotKind } from './record-check.ts';
import type { ActivityRecord, WatcherRecord } from './schema.ts';
import { openStoreDir } from './store-dir.ts';
import { createWatchers } from './watchers.ts';
import type { Watchers } from './watchers.ts';

/**
 * intercom/presence.ts's `mark`: a busy or idle event for an agent (its code), or for the Claude
 * process of a session whose agent does not exist yet. `seen.at`: the event's time (epoch ms; default now).
 */
export type QuickMark = (
  who: string | { pid: number; start: string },
  state: 'busy' | 'idle',
  seen: Omit<ActivityEvent, 'state' | 'at'> & { at?: number | undefined },
) => Promise<void>;

/** quick-mail.ts's store, plus busy/idle marks and the armed watcher, with the full store's signatures. */
export interface QuickHooksStore extends QuickMailStore {
  presence: QuickMailStore['presence'] & { mark: QuickMark };
  /** The agent's armed watcher, as store/watchers.ts reads it. */
  watchers: Pick<Watchers, 'current'>;
}

/**
 * A hot record (store/record-check.ts) of `kind` at `path`, undefined when missing. Anything but
 * a regular file holding a valid one throws QuickHandover: the full hook's to quarantine and report.
 */
export function readHotRecord(kind: HotKind, path: string): unknown {
  const read = readStoreFile(path);
  if (read.kind === 'special') throw new QuickHandover(`${path} is ${read.what}`);
  if (read.kind !== 'text') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    throw new QuickHandover(`${path} is not valid JSON`);
  }
  const checked = hotChecks[kind](json);
  if (!checked.ok) throw new QuickHandover(`${path} is not a valid ${kind} record`);
  return checked.value;
}

/**
 * The busy/idle events and the armed watchers of the store at `layout` as the lean routes use
 * them: the very code the full store runs (activity.ts, watchers.ts), their records read by
 * readHotRecord (a bad one hands the hook over instead of being quarantined). For the lifecycle
 * hooks' store below and the armed watcher's lean wait (quick-wait.ts).
 */
export function quickMarks(layout: Layout): { activity: ActivityStore; watchers: Watchers; mark: QuickMark } {
  const clock = { now: () => Date.now() };
  const activity = createActivity({
    layout,
    clock,
    readEvent: async (path) => readHotRecord('activity', path) as ActivityRecord | undefined,
  });
  return {
    activity,
    watchers: createWatchers({ layout, clock, readWatcher: async (path) => readHotRecord('watcher', path) as WatcherRecord | undefined }),
    async mark(who, state, seen) {
      await activity.record(typeof who === 'string' ? who : processKey(who), { ...seen, state, at: seen.at ?? Date.now() });
    },
  };
}

/**
 * Opens the store at `root` for a lifecycle hook of session `sessionId` (its inbox: the agent its
 * link names, when it names exactly one). Throws IntercomError for a store the full open refuses.
 */
export async function openQuickHooks(root: string, sessionId: string | undefined, now: number): Promise<QuickHooksStore> {
  const layout = createLayout(root);
  await openStoreDir(layout, now);
  const linked = sessionId === undefined ? undefined : readStoreFile(layout.sessionFile(sessionId));
  if (linked?.kind === 'special') throw new QuickHandover(`the session link of ${sessionId} is ${linked.what}`);
  const codes =
    linked?.kind === 'text'
      ? linked.text
          .split('\n')
          .map((line) => line.trim())
          .filter(isCode)
      : [];
  const quick = quickMailOn(layout, codes.length === 1 ? codes[0] : undefined);
  const { mark, watchers } = quickMarks(layout);
  return { ...quick, presence: { ...quick.presence, mark }, watchers };
}
