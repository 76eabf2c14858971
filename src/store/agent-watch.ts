// Everything a watcher waits on for one agent (by fs events, or by polling where the store's
// filesystem raises none: watch.ts): new mail in its inbox, a change of its busy/idle state, a
// change of who its armed watcher is, its presence going away, and (when known) its session's
// transcript.
import { basename, dirname } from 'node:path';
import { nodeFs } from '../core/node-fs.ts';
import type { StoreContext } from './context.ts';
import { STAGED_SUFFIX } from './layout.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch, WatchCause } from './watch.ts';

/** What changed, as far as a watch can tell: "mail" when only the inbox did; nothing when anything may have. */
export type AgentChange = 'mail';

/**
 * The inbox's backstop rescan (ms): only a lost inotify event (a queue overflow) needs it, and
 * every wakeup of an idle watcher costs the machine (issue 14.4: at most one a minute). It is also
 * when the watcher checks that its Claude process still lives (hooks/watcher.ts), for the case
 * where nothing else says so: Claude Code and its MCP server both killed (a server that exits or
 * is closed unregisters, which the presence watch sees at once); such a watcher wakes nothing (the
 * owner is checked before every wake) and leaves at that check.
 * A rescan wakes the watcher's main thread, which does the reads itself: 6 context switches
 * over four rescans (Bun 1.4.5, without the JIT: cli/install/hooks-spec.ts HOOK_ENV; with it, a
 * rescan also started JIT threads: 14 over four). Every 5 minutes, an idle watcher measured
 * 0.8–1.0 wakeups a minute over 10-minute windows (bench/idle-cost.ts).
 */
export const INBOX_RESCAN_MS = 300_000;

/**
 * When an inbox event names a staged copy (a send in progress: send-commit.ts), a bun that loses
 * events (losesPublishEvents) looks at the inbox again this long after (ms), in case the event
 * of its publish was the one lost: the wake then comes a fraction of a second late, not at the
 * backstop rescan minutes away.
 */
export const STAGED_RECHECK_MS = [100, 1_000] as const;

/**
 * Whether bun `version` loses fs.watch events now and then: Bun 1.3.14 reported a staged copy's
 * link but not, ~1 ms later, its rename into place (1 run in 6 of a test/e2e/lean-wait.test.ts
 * case, watched without rechecks). 1.4.0, 1.4.4 and 1.4.5 never did (6 runs each, and 1.4.5
 * in 25 more), and the rechecks' timers are not free there: 50 watchers woke later with them
 * (bench/wake-many.ts, 4 runs alternating the two builds: p50 1.37–1.62× the floor with them,
 * 0.62–1.56× without). So only a bun before 1.4 rechecks.
 */
export function losesPublishEvents(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 1 || (major === 1 && minor < 4);
}

export async function watchAgent(
  ctx: Pick<StoreContext, 'layout' | 'watch'>,
  code: string,
  onChange: (change?: AgentChange) => Promise<void>,
  onError: (error: unknown) => void,
  transcriptPath?: string,
  /** The rechecks after a staged copy is seen (ms); default STAGED_RECHECK_MS where this bun loses events, else none. */
  stagedRecheckMs: readonly number[] = losesPublishEvents(Bun.version) ? STAGED_RECHECK_MS : [],
): Promise<FolderWatch> {
  const { layout } = ctx;
  // The inbox is rescanned now and then in case inotify dropped an event; the others only matter
  // as hints (the watcher re-reads busy/idle on every inbox event anyway), and only this agent's file
  // in those shared folders: another agent's busy/idle must not wake every idle watcher.
  // Every watch is in place before the first check: a change between that check and a later
  // watch (the agent unregistering, say) would otherwise go unseen until the next rescan.
  // An event in the inbox says only that mail moved; its backstop checks, and every other watch,
  // say that anything may have changed.
  const rechecks = new Set<ReturnType<typeof setTimeout>>();
  const onMail = (cause: WatchCause, names?: string[]) => {
    if (names?.some((name) => name.endsWith(STAGED_SUFFIX))) {
      for (const ms of stagedRecheckMs) {
        const timer = setTimeout(() => {
          rechecks.delete(timer);
          onChange('mail').catch(onError);
        }, ms);
        rechecks.add(timer);
      }
    }
    return onChange(cause === 'event' ? 'mail' : undefined);
  };
  const onAny = () => onChange();
  const mode = ctx.watch;
  const inbox = await watchFolder(layout.messageDir(code, 'new'), onMail, {
    rescanMs: INBOX_RESCAN_MS,
    onError,
    initial: false,
    critical: true,
    names: stagedRecheckMs.length > 0,
    mode,
  });
  const mine = { rescanMs: 3_600_000, onError, only: `${code}.json`, initial: false, mode };
  const activity = await watchFolder(layout.activityDir(code), onAny, { rescanMs: 3_600_000, onError, initial: false, mode });
  const watchers = await watchFolder(layout.watchers, onAny, mine);
  const presence = await watchFolder(layout.agents, onAny, mine);
  // The session's transcript: an interrupted turn shows only there (Claude Code runs no hook).
  // Claude Code's folder is watched only if it exists; we never create anything in it.
  const transcript =
    transcriptPath && nodeFs().existsSync(dirname(transcriptPath))
      ? await watchFolder(dirname(transcriptPath), onAny, { ...mine, only: basename(transcriptPath) })
      : undefined;
  const handle = {
    close() {
      for (const timer of rechecks) clearTimeout(timer);
      for (const w of [inbox, activity, watchers, presence, transcript]) w?.close();
    },
  };
  try {
    await onChange();
  } catch (error) {
    onError(error);
  }
  return handle;
}

/** Fires when an agent registers or a session/process link is written (a hook waiting to learn its agent). */
export async function watchRegistry(
  ctx: StoreContext,
  onChange: () => Promise<void>,
  onError: (error: unknown) => void,
): Promise<FolderWatch> {
  const { layout } = ctx;
  const watches = await Promise.all(
    [layout.sessions, layout.procs, layout.agents].map((dir) => watchFolder(dir, onChange, { rescanMs: 2_000, onError, mode: ctx.watch })),
  );
  return {
    close: () => {
      for (const w of watches) w.close();
    },
  };
}
