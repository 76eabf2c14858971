// @bun
import {
  isProcessAlive2,
  stopProcess2
} from "./app-27evxs6m.js";
import"./app-sm3h99hn.js";
import"./app-0cmfr3r1.js";
import {
  hookAgent2
} from "./app-awdkydgj.js";
import"./app-8gsdsb4d.js";
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
