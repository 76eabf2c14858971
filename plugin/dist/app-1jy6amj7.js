// @bun
// src/cli/install/hooks-spec.ts
var WATCHER_TIMEOUT_S = 7 * 24 * 60 * 60;
var HOOK_TIMEOUT_S = 10;
var HOOK_EVENTS = {
  SessionStart: "session-start",
  Stop: "stop",
  PreToolUse: "pre-tool-use",
  UserPromptSubmit: "user-prompt-submit",
  StopFailure: "stop-failure",
  SessionEnd: "session-end"
};
var WATCHERS = new Set(["session-start", "stop", "stop-failure"]);
var HOOK_ENV_VARS = { BUN_JSC_useJIT: "0" };
var assignments = (vars) => Object.entries(vars).map(([name, value]) => `${name}=${value}`).join(" ");
var HOOK_ENV = assignments(HOOK_ENV_VARS);
var WATCHER_ENV_VARS = {
  BUN_GC_TIMER_DISABLE: "1",
  MIMALLOC_PURGE_DELAY: "0",
  BUN_JSC_useBaselineJIT: "0",
  BUN_JSC_useDFGJIT: "0",
  BUN_JSC_useFTLJIT: "0"
};
var WATCHER_ENV = assignments(WATCHER_ENV_VARS);
var LEAN_WAIT_ENV_VARS = { ...WATCHER_ENV_VARS, ...HOOK_ENV_VARS };
var SERVER_ENV = {
  BUN_GC_TIMER_DISABLE: "1",
  MIMALLOC_PURGE_DELAY: "0",
  ...HOOK_ENV_VARS
};
function hooksConfig(prefix) {
  const config = {};
  for (const [event, arg] of Object.entries(HOOK_EVENTS)) {
    const command = WATCHERS.has(arg) ? {
      type: "command",
      command: `${WATCHER_ENV} ${prefix} hook ${arg}`,
      timeout: WATCHER_TIMEOUT_S,
      asyncRewake: true,
      rewakeMessage: "New mail from another Claude session, delivered by intercom:",
      rewakeSummary: "intercom: new message"
    } : { type: "command", command: `${HOOK_ENV} ${prefix} hook ${arg}`, timeout: HOOK_TIMEOUT_S };
    config[event] = [{ ...event === "PreToolUse" ? { matcher: "*" } : {}, hooks: [command] }];
  }
  return config;
}
var OUR_HOOK = new RegExp(`intercom(?:\\.ts)?["']?\\s+hook\\s+(?:${Object.values(HOOK_EVENTS).join("|")})\\b`);
function isIntercomHookCommand(command) {
  return typeof command === "string" && OUR_HOOK.test(command);
}

export { HOOK_EVENTS, LEAN_WAIT_ENV_VARS, SERVER_ENV, hooksConfig, isIntercomHookCommand };
