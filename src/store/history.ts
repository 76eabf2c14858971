// History: acked and replied mail stays on disk (and every message in the log) until the
// retention runs out, so conversations can be looked up: a whole thread, or a search.
import { IntercomError } from '../core/errors.ts';
import { MAILBOX_PATTERN, assertMessageId, senderAddress } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listNames, removeIfPresent } from './files.ts';
import { HISTORY_STATES } from './layout.ts';
import type { MessageState } from './layout.ts';
import { idTime, scanLogNewestFirst } from './log-scan.ts';
import type { Mail } from './mail.ts';
import type { Message } from './schema.ts';
import { failedDir } from './send-commit.ts';
import { SEARCH_LIMIT, inRange, rangeText } from '../core/ranges.ts';
import { parseSince, sinceTime } from '../core/since.ts';
import type { Since } from '../core/since.ts';

export interface SearchOptions {
  query: string;
  from?: string | undefined;
  /** Only messages newer than this: read already (a CLI flag), or text read here (a tool input). */
  since?: Since | string | undefined;
  /** Only messages older than this id: where the previous page ended. */
  before?: string | undefined;
  limit?: number | undefined;
}

/** Only messages this mailbox sent or received (undefined: every message, for the human CLI). */
function involves(message: Message, box: string | undefined): boolean {
  // A sender on another machine is "code@machine" here: the same bare code is another, local, agent.
  return box === undefined || senderAddress(message.from) === box || message.to.includes(box);
}

export function createHistory(ctx: StoreContext, mail: Mail) {
  /**
   * One message of yours by id, wherever it is: your inbox (any state, with that state) or the
   * log (sent, or pruned from your inbox). For reading a long body in parts.
   */
  async function message(box: string | undefined, id: string): Promise<{ message: Message; state?: MessageState }> {
    assertMessageId(id);
    const stored = box ? await mail.find(box, id) : undefined;
    if (stored) return stored;
    const logged = await mail.fromLog(id);
    if (!logged || !involves(logged, box))
      throw new IntercomError('NOT_FOUND', `no message ${id} of yours is on record (it may have been pruned)`, {
        next: { op: 'search', why: 'to find it' },
      });
    return { message: logged };
  }

  /** The conversation `id` belongs to, oldest first; with `before`, only its messages older than that id (paging back). */
  async function thread(box: string | undefined, id: string, options: { before?: string | undefined } = {}): Promise<Message[]> {
    const known = (await message(box, id)).message;
    const before = options.before !== undefined ? assertMessageId(options.before) : undefined;
    const found: Message[] = [];
    await scanLogNewestFirst(ctx, (m) => {
      if (m.thread === known.thread && involves(m, box) && (before === undefined || m.id < before)) found.push(m);
      return false;
    });
    return found.reverse();
  }

  /** Matches newest first, at most `limit` (SEARCH_LIMIT). */
  async function search(box: string | undefined, options: SearchOptions): Promise<Message[]> {
    return (await searchPage(box, options)).messages;
  }

  /**
   * One page of matches, newest first; `before` (an id) continues where the last page ended, and
   * `more` says whether anything older matches (one extra match is looked for, not returned).
   */
  async function searchPage(box: string | undefined, options: SearchOptions): Promise<{ messages: Message[]; more: boolean }> {
    const query = options.query.trim().toLowerCase();
    if (query === '') throw new IntercomError('BAD_INPUT', 'search needs some text to look for');
    const from = options.from?.trim().toLowerCase();
    const given = typeof options.since === 'string' ? (options.since.trim() ? parseSince(options.since) : undefined) : options.since;
    const since = given ? sinceTime(given, ctx.clock.now()) : 0;
    const before = options.before !== undefined ? assertMessageId(options.before) : undefined;
    const limit = options.limit ?? SEARCH_LIMIT.default;
    if (!inRange(limit, SEARCH_LIMIT)) throw new IntercomError('BAD_INPUT', `a search's limit must be ${rangeText(SEARCH_LIMIT)}`);
    const found: Message[] = [];
    await scanLogNewestFirst(ctx, (m) => {
      if (idTime(m.id) < since) return true; // the log is newest first: nothing older can match
      if (before !== undefined && m.id >= before) return false;
      const sender = m.from.code.toLowerCase() === from || senderAddress(m.from) === from || m.from.name?.toLowerCase() === from;
      if (involves(m, box) && (!from || sender) && m.body.toLowerCase().includes(query)) found.push(m);
      return found.length > limit;
    });
    return { messages: found.slice(0, limit), more: found.length > limit };
  }

  /**
   * Delete history (acked, replied), sent and failed sends, and log entries older than the
   * retention. Returns how many files went. An entry stamped in the future (a clock that ran fast)
   * is kept until its stamp is older than the retention: pruned late by the skew, never early.
   */
  async function prune(retentionDays: number): Promise<number> {
    const cutoff = ctx.clock.now() - retentionDays * 86_400_000;
    let removed = 0;
    const old = (name: string) => idTime(name) < cutoff;
    for (const box of (await listNames(ctx.layout.mail, '')).filter((n) => MAILBOX_PATTERN.test(n))) {
      for (const dir of [
        ...HISTORY_STATES.map((state) => ctx.layout.messageDir(box, state)),
        ctx.layout.sentDir(box),
        failedDir(ctx.layout, box),
      ]) {
        for (const name of (await listNames(dir)).filter(old)) if (await removeIfPresent(`${dir}/${name}`)) removed++;
      }
    }
    for (const name of (await listNames(ctx.layout.log)).filter(old)) if (await removeIfPresent(`${ctx.layout.log}/${name}`)) removed++;
    return removed;
  }

  return { message, thread, search, searchPage, prune };
}

export type History = ReturnType<typeof createHistory>;
