// Sending one message to several mailboxes, all or nothing per recipient from the sender's view,
// with receipts that tell the truth. It is a small two-phase commit made of hard links:
//
//   1. stage    link the fsynced tmp file into each recipient's new/ as <id>.<pid>.sending. Readers
//               list *.json only, so nobody sees a staged copy; staging in the very folder the copy
//               will live in means an inbox that cannot take it (permissions, immutable, disk full)
//               fails here, before anything counts.
//   2. commit   link it into the sender's sent/. From this link on the message IS sent: the loop
//               guard counts it, and every recipient will get it.
//   3. log      link it into log/ (status, history, tail read the log).
//   4. publish  rename each staged copy to new/<id>.json: only now can a recipient see it.
//
// A send that fails before step 4 undoes what it linked (sent/ first, so it is never half
// committed), keeps a link in the sender's failed/ so status can say "never delivered", and throws
// an error naming the recipient and the fix. Nobody saw anything and nothing counts against the
// loop guard, so sending the same text again delivers it exactly once.
// A copy for another machine (a recipient "code@machine") is staged and published the same way in
// that machine's outbox folder, one copy per machine whatever its number of recipients there: the
// relay publishes it from there (docs/relay.md), so it too appears only once the send committed.
// A sender killed midway leaves staged copies. The store sweep (recoverSends) finishes the ones
// whose message is in the sender's sent/ (steps 3-4) and withdraws the others into failed/, once
// their writer is gone. So: no partial message is ever visible, none is lost once committed, none
// is delivered twice.
import { describeError, hasErrno, IntercomError } from '../core/errors.ts';
import { MACHINE_PATTERN, MAILBOX_PATTERN, assertMessageId, splitRemote } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { joinPath as join } from '../core/paths.ts';
import { isProcessAlive } from '../core/proc.ts';
import type { StoreContext } from './context.ts';
import { listNames, publish, removeIfPresent } from './files.ts';
import { STAGED_SUFFIX } from './layout.ts';
import type { Layout } from './layout.ts';
import { idTime, isFutureStamp } from './log-scan.ts';
import { quarantineIfLinked, readRecord } from './records.ts';
import type { Message } from './schema.ts';

const STAGED_NAME = /^(\d{13}-[a-z0-9]{10})\.(\d+)\.sending$/;

/**
 * A staged copy whose writer pid is alive is left alone for this long; after that the pid has
 * been reused (a send takes milliseconds), and the copy is recovered anyway.
 */
export const STAGED_MAX_AGE_MS = 60 * 60 * 1000;

export function stagedFile(layout: Layout, box: string, id: string, pid: number): string {
  return join(layout.messageDir(box, 'new'), `${assertMessageId(id)}.${pid}${STAGED_SUFFIX}`);
}

/** Where one copy of a message goes: a local inbox's new/, or another machine's outbox folder. */
interface Drop {
  /** The recipient (a local mailbox) or "the outbox for <machine>", for errors. */
  label: string;
  dir: string;
  /** The published copy's path. */
  final: string;
  /** The folders a link is made in on the way, outermost first (see unlinked). */
  folders: string[];
}

/** One drop per local recipient, and one per machine its other recipients are on. */
function dropsOf(layout: Layout, message: Message): Drop[] {
  const drops: Drop[] = [];
  const machines = new Set<string>();
  for (const to of message.to) {
    const remote = splitRemote(to);
    if (!remote) {
      const dir = layout.messageDir(to, 'new');
      drops.push({ label: to, dir, final: layout.messageFile(to, 'new', message.id), folders: [layout.mailbox(to), dir] });
    } else if (!machines.has(remote.machine)) {
      machines.add(remote.machine);
      drops.push({
        label: `the outbox for ${remote.machine}`,
        dir: layout.outboxDir(remote.machine),
        final: layout.outboxFile(remote.machine, message.id),
        folders: [layout.outboxDir(remote.machine)],
      });
    }
  }
  return drops;
}

const stagedIn = (dir: string, id: string, pid: number) => join(dir, `${assertMessageId(id)}.${pid}${STAGED_SUFFIX}`);

/** Sends that failed and were withdrawn (hard links, like sent/): what status reports as never delivered. */
export function failedDir(layout: Layout, box: string): string {
  return join(layout.mailbox(box), 'failed');
}

export function failedFile(layout: Layout, box: string, id: string): string {
  return join(failedDir(layout, box), `${assertMessageId(id)}.json`);
}

/** Whether a copy of `id` for `recipient` (a local mailbox, or code@machine) is staged (written, not yet handed over). */
export async function isStaged(layout: Layout, recipient: string, id: string): Promise<boolean> {
  const remote = splitRemote(recipient);
  const dir = remote ? layout.outboxDir(remote.machine) : layout.messageDir(recipient, 'new');
  return (await listNames(dir, STAGED_SUFFIX)).some((name) => name.startsWith(`${id}.`));
}

/**
 * Before links are made in `folders` (a mailbox, its new/ or sent/, an outbox): a symbolic link
 * there would take the copy outside the store, where its reader never looks. Quarantined first
 * (records.ts quarantineIfLinked); anything else in the way fails the link, and the send, all
 * or nothing, as any inbox that cannot take a copy does.
 */
async function unlinked(ctx: StoreContext, folders: string[]): Promise<void> {
  for (const folder of folders) await quarantineIfLinked(ctx.layout, folder, ctx.report, ctx.clock.now());
}

/** Steps 1-4 for a message whose content is in `tmp`. Throws an IntercomError when it could not be sent. */
export async function commitSend(ctx: StoreContext, tmp: string, message: Message): Promise<void> {
  const { layout } = ctx;
  const { id } = message;
  const from = message.from.code;
  const staged: Staged[] = [];
  for (const drop of dropsOf(layout, message)) {
    await unlinked(ctx, drop.folders);
    const path = stagedIn(drop.dir, id, process.pid);
    try {
      await publish(tmp, path, drop.dir);
    } catch (error) {
      throw await withdraw(
        ctx,
        tmp,
        message,
        staged,
        `its copy for ${drop.label} could not be written into ${drop.dir} (${describeError(error)})`,
        error,
      );
    }
    staged.push({ ...drop, path });
  }
  await unlinked(ctx, [layout.mailbox(from), layout.sentDir(from)]);
  try {
    await publish(tmp, layout.sentFile(from, id), layout.sentDir(from));
  } catch (error) {
    throw await withdraw(ctx, tmp, message, staged, `it could not be recorded in ${layout.sentDir(from)} (${describeError(error)})`, error);
  }
  try {
    await publish(tmp, layout.logFile(id), layout.log);
  } catch (error) {
    const undone = await undo(layout.sentFile(from, id));
    throw await withdraw(
      ctx,
      tmp,
      message,
      staged,
      `it could not be written to the log ${layout.log} (${describeError(error)})${undone}`,
      error,
    );
  }
  await handOver(ctx, message, staged);
}

/** A staged copy: its drop, and the `.sending` file that holds it until step 4. */
type Staged = Drop & { path: string };

/** Step 4. The message is committed: a copy that cannot be placed now is left staged for the sweep. */
async function handOver(_ctx: StoreContext, message: Message, staged: Staged[]): Promise<void> {
  const stuck: string[] = [];
  for (const { label, path, final } of staged) {
    try {
      placeStaged(path, final);
    } catch (error) {
      stuck.push(`${label} (${describeError(error)})`);
    }
  }
  if (stuck.length) {
    throw new IntercomError(
      'IO',
      `message ${message.id} was sent, but could not be put into the inbox of ${stuck.join('; ')}. ` +
        `It is kept aside and handed over by the next store sweep (at any MCP server start); do not send it again.`,
      { next: { op: 'status', id: message.id, why: 'to follow it' } },
    );
  }
}

/** Rename a staged copy into place; false when it was already placed (a sweep finished it). */
function placeStaged(path: string, final: string): boolean {
  try {
    nodeFs().renameSync(path, final);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** Remove one link we made; returns a note for the error when that failed (the sweep retries it). */
async function undo(path: string): Promise<string> {
  try {
    await removeIfPresent(path);
    return '';
  } catch (error) {
    return `; could not remove ${path} (${describeError(error)}), the next store sweep does`;
  }
}

/**
 * Undo a failed send: remove the staged copies (invisible, so nobody saw them), keep a link in
 * failed/ for status, and build the error the caller sees.
 */
async function withdraw(
  ctx: StoreContext,
  tmp: string,
  message: Message,
  staged: Staged[],
  reason: string,
  cause: unknown,
): Promise<IntercomError> {
  let notes = '';
  for (const { path } of staged) notes += await undo(path);
  try {
    await publish(tmp, failedFile(ctx.layout, message.from.code, message.id), failedDir(ctx.layout, message.from.code));
  } catch (error) {
    notes += `; the failed attempt could not be recorded for status (${describeError(error)})`;
  }
  return new IntercomError(
    'IO',
    `message ${message.id} was NOT sent, to anyone: ${reason}${notes}. ` +
      'Fix that (check the folder exists, is writable and the disk is not full), then send it again: ' +
      `the failed attempt does not count as sent, and its receipts report it as never delivered.`,
    { cause, next: { op: 'doctor', why: 'to check the store' } },
  );
}

/**
 * Finish or withdraw sends whose writer died between steps 1 and 4: committed ones (in their
 * sender's sent/) are logged and handed over, the others move to their sender's failed/.
 * Returns how many staged copies were dealt with.
 */
export async function recoverSends(ctx: StoreContext): Promise<number> {
  const { layout } = ctx;
  const folders = [
    ...(await listNames(layout.mail, '')).filter((n) => MAILBOX_PATTERN.test(n)).map((box) => layout.messageDir(box, 'new')),
    ...(await listNames(layout.outbox, '')).filter((n) => MACHINE_PATTERN.test(n)).map((machine) => layout.outboxDir(machine)),
  ];
  let done = 0;
  for (const dir of folders) {
    for (const name of await listNames(dir, STAGED_SUFFIX)) {
      const staged = STAGED_NAME.exec(name);
      if (!staged || writerMayBeSending(Number(staged[2]), idTime(staged[1]!), ctx.clock.now())) continue;
      if (await recoverOne(ctx, staged[1]!, join(dir, name), join(dir, `${staged[1]}.json`))) done++;
    }
  }
  return done;
}

/**
 * A staged copy is in use while its writer lives, but a send takes milliseconds: one older than
 * STAGED_MAX_AGE_MS has a reused pid. A stamp in the future (the clock was set back) gives no
 * age, so such a copy waits for its writer to die: withdrawing a copy under a live writer could
 * lose a message it is about to commit, while waiting only delays a leftover.
 */
function writerMayBeSending(pid: number, stamp: number, now: number): boolean {
  if (!isFutureStamp(stamp, now) && now - stamp >= STAGED_MAX_AGE_MS) return false;
  return pid === process.pid || isProcessAlive(pid);
}

async function recoverOne(ctx: StoreContext, id: string, path: string, final: string): Promise<boolean> {
  const { layout } = ctx;
  const message = await readRecord(layout, 'message', path, ctx.report, ctx.clock.now());
  // Gone meanwhile (another sweep), or corrupt and quarantined (reported). A copy whose content
  // is another message was not written by intercom: left alone.
  if (!message || message.id !== id) return false;
  const from = message.from.code;
  if (nodeFs().existsSync(layout.sentFile(from, message.id))) {
    await linkUnlessThere(path, layout.logFile(message.id), layout.log);
    return placeStaged(path, final);
  }
  await linkUnlessThere(path, failedFile(layout, from, message.id), failedDir(layout, from));
  return removeIfPresent(path);
}

async function linkUnlessThere(src: string, dest: string, destDir: string): Promise<void> {
  try {
    await publish(src, dest, destDir);
  } catch (error) {
    if (!hasErrno(error, 'EEXIST')) throw error; // EEXIST: another sweep, or the writer, did it
  }
}

/** A message whose send failed and was withdrawn, from any sender's failed/ (or only `sender`'s). */
export async function findFailed(ctx: StoreContext, id: string, sender?: string): Promise<Message | undefined> {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, '')).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, 'message', failedFile(layout, box, id), ctx.report, ctx.clock.now());
    if (message) return message;
  }
  return undefined;
}

/** A committed message not yet in the log (its sender stopped between steps 2 and 3), from sent/. */
export async function findUnlogged(ctx: StoreContext, id: string, sender?: string): Promise<Message | undefined> {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, '')).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, 'message', layout.sentFile(box, id), ctx.report, ctx.clock.now());
    if (message) return message;
  }
  return undefined;
}

/** The last `limit` failed sends of `box`, newest first. */
export async function lastFailed(ctx: StoreContext, box: string, limit: number): Promise<Message[]> {
  const dir = failedDir(ctx.layout, box);
  const out: Message[] = [];
  for (const name of (await listNames(dir)).reverse().slice(0, limit)) {
    const message = await readRecord(ctx.layout, 'message', join(dir, name), ctx.report, ctx.clock.now());
    if (message) out.push(message);
  }
  return out;
}
