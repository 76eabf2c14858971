// What the relay waits on in its store (docs/relay.md), by name, so that only the store knows the
// folders: the outbox (new messages for other machines), the agents and their busy/idle (to
// publish presence), the claims, and the mailboxes that hold messages from other machines (to
// report their receipts). Each target is its own folder watch (fs events, or polling where the
// filesystem raises none: watch.ts); the relay re-reads what the target names on every call.
import { MACHINE_PATTERN } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listNames } from './files.ts';
import { HISTORY_STATES } from './layout.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch } from './watch.ts';

export type MeshTarget =
  | { kind: 'outbox' }
  | { kind: 'agents' }
  | { kind: 'activity'; code: string }
  | { kind: 'claims' }
  | { kind: 'mailbox'; box: string };

/** The folders behind a target (the outbox: its root, for new machines, and each machine's folder). */
async function foldersOf(ctx: StoreContext, target: MeshTarget): Promise<string[]> {
  const { layout } = ctx;
  switch (target.kind) {
    case 'outbox':
      return [
        layout.outbox,
        ...(await listNames(layout.outbox, '')).filter((n) => MACHINE_PATTERN.test(n)).map((m) => layout.outboxDir(m)),
      ];
    case 'agents':
      return [layout.agents];
    case 'activity':
      return [layout.activityDir(target.code)];
    case 'claims':
      return [layout.claims];
    case 'mailbox':
      return (['delivered', 'seen', ...HISTORY_STATES] as const).map((state) => layout.messageDir(target.box, state));
  }
}

/**
 * Call `onChange` (serialised per folder) whenever a folder of `target` may have changed: after
 * each event, and every `rescanMs` as a backstop. For the outbox, a machine folder that appears
 * later is watched from then on.
 */
export async function watchMesh(
  ctx: StoreContext,
  target: MeshTarget,
  onChange: () => Promise<void>,
  onError: (error: unknown) => void,
  rescanMs = 30_000,
): Promise<FolderWatch> {
  const watches = new Map<string, FolderWatch>();
  let closed = false;
  const sync = async () => {
    for (const dir of await foldersOf(ctx, target)) {
      if (closed || watches.has(dir)) continue;
      watches.set(dir, await watchFolder(dir, whenChanged, { rescanMs, onError, initial: false, critical: true, mode: ctx.watch }));
    }
  };
  const whenChanged = async () => {
    if (target.kind === 'outbox') await sync();
    await onChange();
  };
  await sync();
  return {
    close() {
      closed = true;
      for (const w of watches.values()) w.close();
    },
  };
}
