// @bun
import {
  LEAN_WAIT_ENV_VARS
} from "./app-1jy6amj7.js";
import {
  parseHookInput,
  hookInputText
} from "./app-6t0w3pf2.js";

// src/bin/lean-wait-handoff.ts
import { existsSync } from "fs";
import os from "os";
import { dirname, join } from "path";
var LEAN_WAIT_STATE_VAR = "CLAUDE_INTERCOM_LEAN_WAIT";
var MAX_HANDOFF_CHARS = 64 * 1024;
var SHELL = "/bin/sh";
var SHIELD = 'trap "" TERM INT HUP; exec "$0" "$@"';
var STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
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
      input: hookInputText(parseHookInput(options.input)),
      entry: options.entry,
      storeDir: options.config.storeDir,
      watch: options.config.watch,
      claudePid: options.config.claudePid,
      code,
      owner
    };
    await options.flush();
    await execLeanWait(path, state, options.signal);
  };
}
async function execLeanWait(path, state, signal) {
  const handoff = JSON.stringify(state);
  if (handoff.length > MAX_HANDOFF_CHARS || typeof process.execve !== "function" || !existsSync(SHELL) || signal.aborted)
    return;
  const restore = await ignoreStopSignals();
  await Bun.sleep(1);
  if (!signal.aborted) {
    try {
      process.execve(SHELL, [SHELL, "-c", SHIELD, process.execPath, path], {
        ...process.env,
        ...LEAN_WAIT_ENV_VARS,
        [LEAN_WAIT_STATE_VAR]: handoff
      });
    } catch {}
  }
  restore?.();
}
async function ignoreStopSignals() {
  if (process.platform !== "linux")
    return;
  try {
    const { dlopen, FFIType } = await import("bun:ffi");
    const libc = dlopen("libc.so.6", { signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr } });
    const SIG_IGN = 1;
    const numbers = STOP_SIGNALS.map((name) => os.constants.signals[name]);
    const previous = numbers.map((n) => libc.symbols.signal(n, SIG_IGN));
    return () => {
      for (const [i, n] of numbers.entries())
        libc.symbols.signal(n, previous[i]);
      libc.close();
    };
  } catch {
    return;
  }
}
export {
  leanWaitHandoff
};
