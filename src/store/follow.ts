// Following every message as it lands (intercom tail, the dashboard): watch the log folder, and
// the feed of messages between other machines (docs/relay.md), which the relay keeps.
import { MESSAGE_ID_PATTERN, assertMessageId } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listMessageNames, readRecord } from './records.ts';
import type { FeedEntry, Message } from './schema.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch } from './watch.ts';

interface FollowOptions<T> {
  sinceId?: string;
  onMessage(record: T): void;
  onError?(error: unknown): void;
  /**
   * Look at the folder at most this often (ms): each look lists the whole folder, so a busy one
   * (thousands of messages a minute) is read a few times a second, not once per message. Default 0.
   */
  everyMs?: number;
  /** Names to pass over without reading them (the caller knows what they hold). */
  skip?: (id: string) => boolean;
}

/** Every record of `dir` (message files) newer than `sinceId`, then each new one as it lands. */
async function followFolder<K extends 'message' | 'feedEntry'>(
  ctx: StoreContext,
  dir: string,
  kind: K,
  options: FollowOptions<K extends 'message' ? Message : FeedEntry>,
): Promise<FolderWatch> {
  const since = options.sinceId === undefined ? undefined : assertMessageId(options.sinceId);
  const seen = new Set<string>();
  let first = true;
  return watchFolder(
    dir,
    async (_cause, reported) => {
      // The names the events gave, when they gave them (a busy log is not listed again for each
      // message); else, at start and at each backstop check, the whole folder.
      const names =
        reported && !first
          ? reported.filter((n) => n.endsWith('.json') && MESSAGE_ID_PATTERN.test(n.slice(0, -'.json'.length))).sort()
          : await listMessageNames(ctx.layout, dir, ctx.report, ctx.clock.now());
      for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const id = name.slice(0, -'.json'.length);
        // On the first scan only messages after `since` are shown; later, everything new is.
        if (first && (since === undefined || id <= since)) continue;
        if (options.skip?.(id)) continue;
        const record = await readRecord(ctx.layout, kind, `${dir}/${name}`, ctx.report, ctx.clock.now());
        if (record) options.onMessage(record as K extends 'message' ? Message : FeedEntry);
      }
      first = false;
      // Changes meanwhile are gathered into one more look (watch.ts runs one look at a time).
      if (options.everyMs) await Bun.sleep(options.everyMs);
    },
    // A backstop listing every 30 s: events name what lands, so a lost one is all it is for.
    { onError: options.onError, mode: ctx.watch, names: true, rescanMs: 30_000 },
  );
}

export function followLog(ctx: StoreContext, options: FollowOptions<Message>): Promise<FolderWatch> {
  return followFolder(ctx, ctx.layout.log, 'message', options);
}

export function followFeed(ctx: StoreContext, options: FollowOptions<FeedEntry>): Promise<FolderWatch> {
  return followFolder(ctx, ctx.layout.feed, 'feedEntry', options);
}
