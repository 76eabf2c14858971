// @bun
import {
  describeError
} from "./app-jcmt5trc.js";
import {
  processStartedAt2,
  pidCreatedAfter2,
  ancestors2,
  findNamedClaude2
} from "./app-fgrk1ekz.js";
import {
  parseHookInput
} from "./app-6t0w3pf2.js";

// src/hooks/event-time.ts
var LAUNCH_WINDOW_MS = 5000;
function hookLaunch(pid, claudePid, fallback) {
  const own = processStartedAt2(pid);
  if (own === undefined)
    return { at: fallback, firstPid: pid };
  const launch = { at: Math.min(own, fallback), firstPid: pid };
  const chain = ancestors2(pid);
  const claude = chain.find((p) => p.pid === claudePid) ?? findNamedClaude2(chain);
  if (!claude)
    return launch;
  for (const p of chain.slice(0, chain.indexOf(claude))) {
    const at = processStartedAt2(p.pid);
    if (at === undefined || at < own - LAUNCH_WINDOW_MS)
      continue;
    if (at < launch.at)
      launch.at = at;
    if (pidCreatedAfter2(launch.firstPid, p.pid))
      launch.firstPid = p.pid;
  }
  return launch;
}

// src/hooks/main.ts
var HOOK_EVENTS = {
  "session-start": { load: async () => (await import("./watcher-qnnnpenb.js")).watcher, background: true },
  stop: { load: async () => (await import("./watcher-qnnnpenb.js")).watcher, background: true },
  "pre-tool-use": { load: async () => (await import("./pre-tool-use-vg6866zr.js")).preToolUse, background: false },
  "user-prompt-submit": { load: async () => (await import("./user-prompt-submit-172psv7n.js")).userPromptSubmit, background: false },
  "stop-failure": { load: async () => (await import("./watcher-qnnnpenb.js")).watcher, background: true },
  "session-end": { load: async () => (await import("./session-end-ph8yhykp.js")).sessionEnd, background: false }
};
function hookUsage() {
  return [
    "usage: intercom hook <event>   (Claude Code runs this; it reads the hook JSON on stdin)",
    `  <event>   ${Object.keys(HOOK_EVENTS).join(", ")}`,
    "  `intercom install` wires these into Claude Code; `intercom doctor` checks them."
  ].join(`
`);
}
async function runHook(event, deps) {
  if (event === "--help" || event === "-h" || event === "help") {
    deps.out(hookUsage());
    return 0;
  }
  const spec = event === undefined ? undefined : HOOK_EVENTS[event];
  const failOpen = (why) => {
    const message = `intercom hook ${event ?? "(none)"} failed: ${why}${/[.!?]$/.test(why) ? "" : "."} Messages are safe on disk; run \`intercom doctor\`.`;
    deps.err(message);
    if (!spec?.background)
      deps.out(JSON.stringify({ systemMessage: message }));
    return 0;
  };
  if (!spec)
    return failOpen(`unknown event "${event ?? ""}"; expected one of ${Object.keys(HOOK_EVENTS).join(", ")}`);
  try {
    const config = deps.config();
    const [input, handler] = await Promise.all([deps.readStdin().then(parseHookInput), spec.load()]);
    if (input.agentId !== undefined && event !== "pre-tool-use")
      return 0;
    let opened;
    const store = () => opened ??= deps.openIntercom();
    let launch;
    return await handler({
      event,
      config,
      input,
      pid: deps.pid,
      launch: () => launch ??= hookLaunch(deps.pid, config.claudePid, deps.startedAt),
      store,
      out: deps.out,
      err: deps.err,
      signal: deps.signal,
      waitElsewhere: deps.waitElsewhere
    });
  } catch (error) {
    return failOpen(describeError(error, "human"));
  }
}
export {
  runHook
};
