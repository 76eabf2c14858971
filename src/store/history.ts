// History: acked and replied mail stays on disk (and every message in the log) until the
// retention runs out, so conversations can be looked up: a whole thread, or a search.
import { IntercomError } from '../core/errors.ts';
import { MAILBOX_PATTERN, assertMessageId } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listNames, removeIfPresent } from './files.ts';
import { HISTORY_STATES } from './layout.ts';
import { idTime, scanLogNewestFirst } from './log-scan.ts';
import type { Mail } from './mail.ts';
import type { Message } from './schema.ts';

export const MAX_SEARCH_RESULTS = 50;

/** Only messages this mailbox sent or received (undefined: every message, for the human CLI). */
function involves(message: Message, box: string | undefined): boolean {
  return box === undefined || message.from.code === box || message.to.includes(box);
}

/** "2h", "3d", "45m" or an ISO date → ms since epoch. */
export function parseSince(since: string, now: number): number {
  const m = /^(\d+)\s*([mhd])$/.exec(since.trim());
  if (m) return now - Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new IntercomError('BAD_INPUT', `since "${since}" is neither a duration (30m, 2h, 3d) nor a date (2026-11-21T09:00)`);
  return t;
}

export function createHistory(ctx: StoreContext, mail: Mail) {
  /** The whole conversation `id` belongs to, oldest first. */
  async function thread(box: string | undefined, id: string): Promise<Message[]> {
    assertMessageId(id);
    const known = (box ? (await mail.find(box, id))?.message : undefined) ?? (await mail.fromLog(id));
    if (!known || !involves(known, box)) throw new IntercomError('NOT_FOUND', `no message ${id} of yours is on record (it may have been pruned); use search to find it`);
    const found: Message[] = [];
    await scanLogNewestFirst(ctx, (m) => {
      if (m.thread === known.thread && involves(m, box)) found.push(m);
      return false;
    });
    return found.reverse();
  }

  async function search(box: string | undefined, options: { query: string; from?: string | undefined; since?: string | undefined; limit?: number | undefined }): Promise<Message[]> {
    const query = options.query.trim().toLowerCase();
    if (query === '') throw new IntercomError('BAD_INPUT', 'search needs some text to look for');
    const from = options.from?.trim().toLowerCase();
    const since = options.since ? parseSince(options.since, ctx.clock.now()) : 0;
    const limit = Math.min(options.limit ?? 20, MAX_SEARCH_RESULTS);
    const found: Message[] = [];
    await scanLogNewestFirst(ctx, (m) => {
      if (idTime(m.id) < since) return true; // the log is newest first: nothing older can match
      const sender = m.from.code.toLowerCase() === from || m.from.name?.toLowerCase() === from;
      if (involves(m, box) && (!from || sender) && m.body.toLowerCase().includes(query)) found.push(m);
      return found.length >= limit;
    });
    return found;
  }

  /** Delete history (acked, replied) and log entries older than the retention. Returns how many files went. */
  async function prune(retentionDays: number): Promise<number> {
    const cutoff = ctx.clock.now() - retentionDays * 86_400_000;
    let removed = 0;
    const old = (name: string) => idTime(name) < cutoff;
    for (const box of (await listNames(ctx.layout.mail, '')).filter((n) => MAILBOX_PATTERN.test(n))) {
      for (const dir of [...HISTORY_STATES.map((state) => ctx.layout.messageDir(box, state)), ctx.layout.sentDir(box)]) {
        for (const name of (await listNames(dir)).filter(old)) if (await removeIfPresent(`${dir}/${name}`)) removed++;
      }
    }
    for (const name of (await listNames(ctx.layout.log)).filter(old)) if (await removeIfPresent(`${ctx.layout.log}/${name}`)) removed++;
    return removed;
  }

  return { thread, search, prune };
}

export type History = ReturnType<typeof createHistory>;
