// @bun
// src/bin/lean-wait-handoff.ts
import { existsSync } from "fs";
import { dirname, join } from "path";
var LEAN_WAIT_STATE_VAR = "CLAUDE_INTERCOM_LEAN_WAIT";
function leanWaitPath(entry) {
  return join(dirname(entry), entry.endsWith(".ts") ? "lean-wait.ts" : "lean-wait.js");
}
function leanWaitHandoff(options) {
  if (typeof process.execve !== "function")
    return;
  const path = leanWaitPath(options.entry);
  if (!existsSync(path))
    return;
  return async ({ code, owner }) => {
    const state = {
      v: 1,
      event: options.event,
      input: options.input,
      entry: options.entry,
      storeDir: options.config.storeDir,
      watch: options.config.watch,
      claudePid: options.config.claudePid,
      code,
      owner
    };
    await options.flush();
    try {
      process.execve(process.execPath, [process.execPath, path], { ...process.env, [LEAN_WAIT_STATE_VAR]: JSON.stringify(state) });
    } catch {}
  };
}
export {
  leanWaitHandoff
};
