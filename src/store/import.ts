// Writing a message another machine sent into this store (the relay's receiving side,
// docs/relay.md). JetStream delivers at least once, so this is idempotent by message id: a
// recipient that already holds the id, in any state, gets no second copy, and the log link, made
// last, marks the import complete. A relay killed anywhere in here gets the message again and
// finishes what is missing; no reader ever sees a partial file (tmp, fsync, link).
import { hasErrno } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { StoreContext } from './context.ts';
import { publish, removeQuietly } from './files.ts';
import { writeTmpOverlapped } from './overlapped-write.ts';
import { MESSAGE_STATES } from './layout.ts';
import type { Message } from './schema.ts';

export interface ImportResult {
  /** The local mailboxes that got their copy now. */
  written: string[];
  /** It was imported before (its log entry exists): nothing was written. */
  already: boolean;
}

/**
 * Put `message` (in this store's form: `from.machine` set, local recipients bare) into the new/
 * folder of each of `boxes` (local mailboxes), then into log/. Throws on an I/O error, having
 * written nothing visible that a retry would duplicate.
 */
export async function importMessage(ctx: StoreContext, message: Message, boxes: string[]): Promise<ImportResult> {
  const { layout } = ctx;
  const fs = nodeFs();
  if (fs.existsSync(layout.logFile(message.id))) return { written: [], already: true };
  // Synced in the thread pool: the relay imports many at once, and their syncs overlap.
  const tmp = await writeTmpOverlapped(layout, `${JSON.stringify(message)}\n`, ctx.clock.now());
  try {
    const written: string[] = [];
    for (const box of boxes) {
      if (MESSAGE_STATES.some((state) => fs.existsSync(layout.messageFile(box, state, message.id)))) continue;
      try {
        await publish(tmp, layout.messageFile(box, 'new', message.id), layout.messageDir(box, 'new'));
        written.push(box);
      } catch (error) {
        if (!hasErrno(error, 'EEXIST')) throw error; // EEXIST: an earlier attempt placed it
      }
    }
    try {
      await publish(tmp, layout.logFile(message.id), layout.log);
    } catch (error) {
      if (!hasErrno(error, 'EEXIST')) throw error;
    }
    return { written, already: false };
  } finally {
    await removeQuietly(tmp);
  }
}
