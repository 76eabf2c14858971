// @bun
import"./intercom-95dysxpx.js";
import {
  isProcessAlive2,
  stopProcess2
} from "./intercom-g4qpvbj1.js";
import"./intercom-1yfyzd23.js";
import"./intercom-xp5bq3nj.js";
import {
  hookAgent2
} from "./intercom-92qq735e.js";
import {
  selfOf,
  seenBy
} from "./intercom-hyqmsprb.js";

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
