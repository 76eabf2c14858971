// Removing every trace of a throwaway agent (the one `intercom doctor` creates for its self-test):
// presence, links, activity, watcher record, mailbox, and the log entries of its test messages.
import { assertCode, assertMessageId } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { StoreContext } from './context.ts';
import { removeIfPresent } from './files.ts';

export async function purgeAgent(ctx: StoreContext, code: string, leftovers: { sessionId?: string; messageIds?: string[] }): Promise<void> {
  const { layout } = ctx;
  assertCode(code);
  await removeIfPresent(layout.agentFile(code));
  nodeFs().rmSync(layout.activityDir(code), { recursive: true, force: true });
  await removeIfPresent(layout.watcherFile(code));
  if (leftovers.sessionId) await removeIfPresent(layout.sessionFile(leftovers.sessionId));
  for (const id of leftovers.messageIds ?? []) await removeIfPresent(layout.logFile(assertMessageId(id)));
  nodeFs().rmSync(layout.mailbox(code), { recursive: true, force: true });
}
