// Following every message as it lands (intercom tail, the dashboard): watch the log folder.
import { assertMessageId } from '../core/ids.ts';
import type { StoreContext } from './context.ts';
import { listMessageNames, readRecord } from './records.ts';
import type { Message } from './schema.ts';
import { watchFolder } from './watch.ts';
import type { FolderWatch } from './watch.ts';

export async function followLog(
  ctx: StoreContext,
  options: { sinceId?: string; onMessage(message: Message): void; onError?(error: unknown): void },
): Promise<FolderWatch> {
  const since = options.sinceId === undefined ? undefined : assertMessageId(options.sinceId);
  const seen = new Set<string>();
  let first = true;
  return watchFolder(
    ctx.layout.log,
    async () => {
      const names = await listMessageNames(ctx.layout, ctx.layout.log, ctx.report, ctx.clock.now());
      for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const id = name.slice(0, -'.json'.length);
        // On the first scan only messages after `since` are shown; later, everything new is.
        if (first && (since === undefined || id <= since)) continue;
        const message = await readRecord(ctx.layout, 'message', `${ctx.layout.log}/${name}`, ctx.report, ctx.clock.now());
        if (message) options.onMessage(message);
      }
      first = false;
    },
    { onError: options.onError, mode: ctx.watch },
  );
}
