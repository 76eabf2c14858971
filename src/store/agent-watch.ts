// Everything a watcher waits on for one agent, without polling: new mail in its inbox, a change
// of its busy/idle state, a change of who its armed watcher is, and its presence going away.
import type { StoreContext } from './context.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch } from './watch.ts';

export async function watchAgent(
  ctx: StoreContext,
  code: string,
  onChange: () => Promise<void>,
  onError: (error: unknown) => void,
): Promise<FolderWatch> {
  const { layout } = ctx;
  // The inbox is rescanned now and then in case inotify dropped an event; the other two only
  // matter as hints (the watcher re-reads both on every inbox check anyway).
  const inbox = await watchFolder(layout.messageDir(code, 'new'), onChange, { rescanMs: 5_000, onError });
  const activity = await watchFolder(layout.activity, onChange, { rescanMs: 3_600_000, onError });
  const watchers = await watchFolder(layout.watchers, onChange, { rescanMs: 3_600_000, onError });
  const presence = await watchFolder(layout.agents, onChange, { rescanMs: 3_600_000, onError });
  return {
    close() {
      for (const w of [inbox, activity, watchers, presence]) w.close();
    },
  };
}

/** Fires when an agent registers or a session/process link is written (a hook waiting to learn its agent). */
export async function watchRegistry(ctx: StoreContext, onChange: () => Promise<void>, onError: (error: unknown) => void): Promise<FolderWatch> {
  const { layout } = ctx;
  const watches = await Promise.all(
    [layout.sessions, layout.procs, layout.agents].map((dir) => watchFolder(dir, onChange, { rescanMs: 2_000, onError })),
  );
  return { close: () => watches.forEach((w) => w.close()) };
}
