// The hooks' fast path: which agent a Claude session belongs to and whether new mail waits for
// it, with the fewest module loads and syscalls (Bun.file + Bun.Glob, no node:fs, no zod). A
// PreToolUse hook runs on every tool call; when this says "nothing new", it is done.
import { isCode } from '../core/ids.ts';
import { hasNamesWithoutNodeFs, listNamesWithoutNodeFs as listNames, readTextWithoutNodeFs } from './files.ts';
import { createLayout } from './layout.ts';

/** A linked session's agent, and whether any message waits in its new/ folder. */
export interface QuickInbox {
  code: string;
  /** Any `*.json` name in new/ (Bun.Glob leaves fifos and sockets out: whoever lists with node:fs reports them). */
  hasMail: boolean;
}

/**
 * Whether anyone claims any file at all, here or (as the relay mirrors them) on another machine:
 * one or two folder listings, the edit guard's fast exit.
 */
export async function quickHasClaims(root: string): Promise<boolean> {
  const layout = createLayout(root);
  return (await listNames(layout.claims)).length > 0 || (await listNames(layout.remoteClaims)).length > 0;
}

/** undefined when the session id is linked to no agent (the caller takes the slow path). */
export async function quickInbox(root: string, sessionId: string): Promise<QuickInbox | undefined> {
  const layout = createLayout(root);
  const code = (await readLinkQuickly(layout.sessionFile(sessionId)))?.trim();
  if (!code || !isCode(code)) return undefined;
  // Whether, not how many: the scan stops at the first name, so 1,000 unread cost about what
  // one does; the lean route (hooks/pre-tool-use-lean.ts) lists the folder itself.
  return { code, hasMail: hasNamesWithoutNodeFs(layout.messageDir(code, 'new')) };
}

/**
 * The session link's text, or undefined for "take the slow path". Bun.file cannot open without
 * following a symlink or blocking on a fifo, and node:fs costs this path ~2 ms to load, so: the
 * text is trusted only as an agent code (nothing read here is ever shown), a read that fails
 * for any reason goes the slow way, and a read that hangs (a fifo planted in sessions/) is
 * abandoned after 100 ms. The slow path reads with O_NOFOLLOW | O_NONBLOCK and quarantines
 * what is not a regular file, so a planted file costs at most one slow hook.
 */
async function readLinkQuickly(path: string): Promise<string | undefined> {
  let timer: Timer | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, 100);
  });
  try {
    return await Promise.race([readTextWithoutNodeFs(path), late]);
  } catch (error) {
    if (error instanceof Error) return undefined; // EISDIR, EACCES…: the slow path reports it
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
