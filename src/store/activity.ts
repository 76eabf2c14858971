// Busy or idle: whether a session is in a turn. Hooks of one session run as separate processes
// and can finish out of order (a SessionStart watcher that registers seconds after the first
// prompt's UserPromptSubmit; two watchers overlapping; a watcher that wakes the session while
// another takes over). So the state is not "whatever was written last" but "what the latest
// event says": each write is one file named by the time of its event (the hook's start, or the
// moment of a wake), and a reader takes the newest name. A late write about an older event
// therefore never overrides a newer one, whatever order the processes finish in.
//
// Before a session's agent exists, hooks record under its Claude process ("p-<pid>-<start>":
// a session id can be run by two processes at once, a process runs one agent); the MCP server
// that registers under that process, or a hook that finds its agent, adopts those events.
//
// A hook's time is its process's start as /proc gives it: to a clock tick, so up to 20 ms early
// (core/proc.ts). Near a wake, that is not enough to order the two: a Stop launched just before a
// peer's wake (the wake must win) and the Stop of the short turn that wake started (the Stop must
// win) can carry the same time, and so can a prompt right after a wake (its busy must replace the
// wake's, which names another transcript). Nor between two hooks: a SessionStart whose watcher
// registers late and the first prompt launched a few ms after it can start in the same tick, and
// the prompt's busy must stand. There pids decide, which grow with each new process: a wake
// records the newest pid at its moment, a hook's event the pid its launch began with (pids wrap
// at pid_max: core/proc.ts pidCreatedAfter).
//
// An event stamped further ahead of now than the allowed clock skew was written by a clock that
// was wrong; it would outrank every true event until the clock caught up, so it is ignored (and
// pruned).
//
// These rules serve the full store and the hooks' lean route (store/quick-hooks.ts) alike: only
// how one event file is read differs (ActivityContext), so nothing here loads records.ts.
import { randomToken } from '../core/ids.ts';
import { joinPath as join } from '../core/paths.ts';
import type { Clock } from '../core/clock.ts';
import { listNames, moveIfPresent, publish, removeIfPresent, removeQuietly, writeTmp } from './files.ts';
import { isFutureStamp } from './clock-skew.ts';
import { nodeFs } from '../core/node-fs.ts';
import { pidCreatedAfter, procInfo } from '../core/proc.ts';
import { processToken } from './layout.ts';
import type { Layout } from './layout.ts';
import type { ActivityRecord } from './schema.ts';

/**
 * What the busy/idle events need of a store. `readEvent`: one event file's record, undefined when
 * it is gone or unreadable; the full store quarantines a bad one (records.ts readRecord), the
 * hooks' lean route hands the hook to the full one instead (store/quick-hooks.ts).
 */
export interface ActivityContext {
  layout: Layout;
  clock: Clock;
  readEvent(path: string, now: number): Promise<ActivityRecord | undefined>;
}

export type Activity = 'busy' | 'idle' | 'unknown';

export interface ActivityEvent {
  state: 'busy' | 'idle';
  /** When the event happened (epoch ms): the hook's start, not the moment it got to write. */
  at: number;
  sessionId?: string | undefined;
  transcriptPath?: string | undefined;
  /** A hook's event: the pid the hook's launch began with. */
  firstPid?: number | undefined;
  /** A wake's busy: the newest pid on the machine at the wake. */
  lastPid?: number | undefined;
}

/** How close (ms) two events' times may be before their pids decide which came first. */
const TIE_MS = 50;

export interface ActivityView {
  state: Activity;
  /** When the current state began (ISO time). */
  since?: string;
  at?: string;
  sessionId?: string;
  transcriptPath?: string;
}

/** `<13-digit ms>-<random>.json`: names sort by event time. */
const eventName = (at: number) => `${String(Math.max(0, Math.floor(at))).padStart(13, '0')}-${randomToken(6)}.json`;
const eventTime = (name: string) => Number(name.slice(0, 13));

/** Whether the process of a key still runs: same pid, same start token (as the key spells it). */
function processKeyAlive(pid: number, startKey: string): boolean {
  const info = procInfo(pid);
  return info !== undefined && !info.zombie && processKey(info) === `p-${pid}-${startKey}`;
}

/** The key of a Claude process (pid and start token) that has no agent yet. */
export function processKey(proc: { pid: number; start: string }): string {
  return `p-${processToken(proc.pid, proc.start)}`;
}

export function createActivity(ctx: ActivityContext) {
  const { layout } = ctx;

  async function newest(key: string): Promise<{ name: string; record: ActivityRecord } | undefined> {
    const dir = layout.activityDir(key);
    return newestIn(dir, await listNames(dir));
  }

  /**
   * The newest event of `names` whose stamp is not ahead of now beyond the allowed skew; when
   * every event is (our own clock stepped back since), the newest of them: an old truth beats no
   * answer, which would read as "not busy".
   */
  async function newestIn(dir: string, names: string[]): Promise<{ name: string; record: ActivityRecord } | undefined> {
    const now = ctx.clock.now();
    // Read from the end: true events first, newest first; future-stamped ones only after them.
    const ordered = [...names.filter((n) => isFutureStamp(eventTime(n), now)), ...names.filter((n) => !isFutureStamp(eventTime(n), now))];
    for (let i = ordered.length - 1; i >= 0; i--) {
      const record = await ctx.readEvent(join(dir, ordered[i]!), now);
      if (record) return { name: ordered[i]!, record };
    }
    return undefined;
  }

  /**
   * Record an event for `key` (an agent code, or its Claude process's key before the agent
   * exists). An event older than the newest one on record changes nothing; an idle after an idle
   * keeps the time the idle began.
   */
  async function record(key: string, event: ActivityEvent): Promise<void> {
    const dir = layout.activityDir(key);
    const now = ctx.clock.now();
    const names = await listNames(dir);
    const latestName = names.findLast((name) => !isFutureStamp(eventTime(name), now));
    let stamp = event.at;
    // A hook's event needs the newest record itself (a wake is written whatever came before: on the
    // wake path, one read less).
    const latest = event.firstPid !== undefined || event.state === 'idle' ? await newestIn(dir, names) : undefined;
    // The pid that orders the latest event: a wake's newest pid then, or a hook's own first pid.
    const latestPid = latest?.record.last_pid ?? latest?.record.first_pid;
    if (latest && latestPid !== undefined && event.firstPid !== undefined && Math.abs(eventTime(latest.name) - event.at) <= TIE_MS) {
      if (!pidCreatedAfter(event.firstPid, latestPid)) return; // launched before that wake, or before that hook
      stamp = Math.max(stamp, eventTime(latest.name) + 1); // launched after it: sorts after it too
    } else if (latestName && eventTime(latestName) > event.at) return; // a newer event decides
    if (event.state === 'idle' && latest?.record.state === 'idle') return;
    const at = new Date(stamp).toISOString();
    const record: ActivityRecord = {
      v: 1,
      state: event.state,
      at,
      since: at,
      ...(event.sessionId ? { session_id: event.sessionId } : {}),
      ...(event.transcriptPath ? { transcript_path: event.transcriptPath } : {}),
      ...(event.lastPid ? { last_pid: event.lastPid } : {}),
      ...(event.firstPid ? { first_pid: event.firstPid } : {}),
    };
    const name = eventName(stamp);
    const tmp = await writeTmp(layout, `${JSON.stringify(record)}\n`, ctx.clock.now(), false);
    try {
      await publish(tmp, join(dir, name), dir);
    } finally {
      await removeQuietly(tmp);
    }
    await prune(dir, name);
  }

  /**
   * Older events are history nobody reads, and future-stamped ones are ignored: keep `keep` (the
   * event just written or adopted, even when it is itself ahead of this clock: it is then the
   * only record of the session's state, and "unknown" would read as not busy) and nothing older.
   */
  async function prune(dir: string, keep: string): Promise<void> {
    const now = ctx.clock.now();
    for (const name of await listNames(dir)) {
      if (name !== keep && (name < keep || isFutureStamp(eventTime(name), now))) await removeIfPresent(join(dir, name));
    }
  }

  /**
   * The state the newest event records. A turn the user interrupted ends without any hook, so a
   * recorded busy can be stale: intercom/presence.ts checks the transcript.
   */
  async function read(key: string): Promise<ActivityView> {
    const latest = await newest(key);
    if (!latest) return { state: 'unknown' };
    const { record } = latest;
    const view = { at: record.at, since: record.since ?? record.at, sessionId: record.session_id, transcriptPath: record.transcript_path };
    return { ...view, state: record.state };
  }

  /** Move the events recorded under a Claude process (before its agent existed) to its agent. */
  async function adopt(fromKey: string, code: string): Promise<void> {
    const from = layout.activityDir(fromKey);
    const to = layout.activityDir(code);
    const names = await listNames(from);
    if (names.length === 0) return;
    for (const name of names) await moveIfPresent(join(from, name), join(to, name), to);
    const latest = await newest(code);
    if (latest) await prune(to, latest.name);
  }

  /**
   * Busy marks kept for Claude processes that never got an agent (intercom's server disabled, or
   * the process died first): removed once the process is gone. Returns how many folders went.
   */
  async function collectOrphans(): Promise<number> {
    let removed = 0;
    for (const key of await listNames(layout.activity, '')) {
      const m = /^p-(\d+)-(\w+)$/.exec(key);
      if (!m) continue;
      if (processKeyAlive(Number(m[1]), m[2]!)) continue;
      nodeFs().rmSync(layout.activityDir(key), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  return { record, read, adopt, collectOrphans };
}

export type ActivityStore = ReturnType<typeof createActivity>;
