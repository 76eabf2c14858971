// Everything a watcher waits on for one agent, without polling: new mail in its inbox, a change
// of its busy/idle state, a change of who its armed watcher is, its presence going away, and
// (when known) its session's transcript.
import { basename, dirname, join } from 'node:path';
import { nodeFs } from '../core/node-fs.ts';
import type { StoreContext } from './context.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch } from './watch.ts';

export async function watchAgent(
  ctx: StoreContext,
  code: string,
  onChange: () => Promise<void>,
  onError: (error: unknown) => void,
  transcriptPath?: string,
): Promise<FolderWatch> {
  const { layout } = ctx;
  // The inbox is rescanned now and then in case inotify dropped an event; the others only matter
  // as hints (the watcher re-reads them on every inbox check anyway), and only this agent's file
  // in those shared folders: another agent's busy/idle must not wake every idle watcher.
  // Every watch is in place before the first check: a change between that check and a later
  // watch (the agent unregistering, say) would otherwise go unseen until the next rescan.
  const inbox = await watchFolder(layout.messageDir(code, 'new'), onChange, { rescanMs: 5_000, onError, initial: false, critical: true });
  const mine = { rescanMs: 3_600_000, onError, only: `${code}.json`, initial: false };
  const activity = await watchFolder(join(layout.activity, code), onChange, { rescanMs: 3_600_000, onError, initial: false });
  const watchers = await watchFolder(layout.watchers, onChange, mine);
  const presence = await watchFolder(layout.agents, onChange, mine);
  // The session's transcript: an interrupted turn shows only there (Claude Code runs no hook).
  // Claude Code's folder is watched only if it exists; we never create anything in it.
  const transcript =
    transcriptPath && nodeFs().existsSync(dirname(transcriptPath))
      ? await watchFolder(dirname(transcriptPath), onChange, { ...mine, only: basename(transcriptPath) })
      : undefined;
  const handle = {
    close() {
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
export async function watchRegistry(ctx: StoreContext, onChange: () => Promise<void>, onError: (error: unknown) => void): Promise<FolderWatch> {
  const { layout } = ctx;
  const watches = await Promise.all(
    [layout.sessions, layout.procs, layout.agents].map((dir) => watchFolder(dir, onChange, { rescanMs: 2_000, onError })),
  );
  return { close: () => watches.forEach((w) => w.close()) };
}
