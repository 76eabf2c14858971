// @bun
import {
  isProcessAlive2,
  stopProcess2
} from "./app-ebq5vndk.js";
import"./app-3at5djgh.js";
import"./app-famjcds9.js";
import {
  hookAgent2
} from "./app-6zgnmxzh.js";
import"./app-kmk9t817.js";
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
