// @bun
import {
  isProcessAlive2,
  stopProcess2
} from "./app-fgrk1ekz.js";
import"./app-k1kn2ssd.js";
import"./app-shp9afcm.js";
import {
  hookAgent2
} from "./app-2w374fj8.js";
import"./app-wjvxasyr.js";
import {
  selfOf,
  seenBy
} from "./app-vgn7n7d1.js";

// src/hooks/session-end.ts
var sessionEnd = async (ctx) => {
  const store = await ctx.store();
  const agent = await hookAgent2(store, selfOf(ctx));
  if (!agent)
    return 0;
  await store.presence.mark(agent.code, "idle", seenBy(ctx));
  const watcher = await store.watchers.current(agent.code);
  if (watcher && watcher.pid !== ctx.pid && isProcessAlive2(watcher.pid, watcher.pid_start))
    stopProcess2(watcher.pid);
  return 0;
};
export {
  sessionEnd
};
