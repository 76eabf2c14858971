// @bun
import {
  isProcessAlive2,
  stopProcess2
} from "./app-thjtj27a.js";
import"./app-rxvmqfm2.js";
import"./app-rntq7e3m.js";
import {
  hookAgent2
} from "./app-znb6qkcs.js";
import"./app-vre1v3fm.js";
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
