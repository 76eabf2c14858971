// The hooks' fast path: which agent a Claude session belongs to and how much new mail waits for
// it, with the fewest module loads and syscalls (Bun.file + Bun.Glob, no node:fs, no zod). A
// PreToolUse hook runs on every tool call; when this says "nothing new", it is done.
import { isCode } from '../core/ids.ts';
import { listNames, readTextWithoutNodeFs } from './files.ts';
import { createLayout } from './layout.ts';

export interface QuickInbox {
  code: string;
  waiting: number;
}

/** Whether anyone claims any file at all (one folder listing): the edit guard's fast exit. */
export async function quickHasClaims(root: string): Promise<boolean> {
  return (await listNames(createLayout(root).claims)).length > 0;
}

/** undefined when the session id is linked to no agent (the caller takes the slow path). */
export async function quickInbox(root: string, sessionId: string): Promise<QuickInbox | undefined> {
  const layout = createLayout(root);
  const code = (await readTextWithoutNodeFs(layout.sessionFile(sessionId)))?.trim();
  if (!code || !isCode(code)) return undefined;
  return { code, waiting: (await listNames(layout.messageDir(code, 'new'))).length };
}
