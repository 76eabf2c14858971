// @bun
import {
  commandLine2
} from "./app-fgrk1ekz.js";

// src/claude/run-mode.ts
var hasFlag = (argv, flag) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));
function runsInBackground(claude) {
  if (!claude)
    return true;
  const argv = commandLine2(claude.pid);
  const print = argv.some((a) => a === "-p" || a === "--print");
  const streaming = argv.some((a, i) => a === "--input-format=stream-json" || a === "--input-format" && argv[i + 1] === "stream-json");
  return !print || streaming;
}
function mayEndAfterAnyTool(claude) {
  if (!claude)
    return false;
  const argv = commandLine2(claude.pid);
  return hasFlag(argv, "--max-turns") || hasFlag(argv, "--max-budget-usd");
}

// src/intercom/wake.ts
function mailHandover(event, situation) {
  if (situation.subagent)
    return "none";
  switch (event) {
    case "user-prompt-submit":
      return "context";
    case "pre-tool-use":
      return mayEndAfterAnyTool(situation.claude) ? "none" : "context";
    case "session-start":
      return runsInBackground(situation.claude) ? "wake" : "context";
    case "stop":
    case "stop-failure":
      return runsInBackground(situation.claude) ? "wake" : "none";
    default:
      return "none";
  }
}
function createWakeCheck(intercom, code, options) {
  let seenLive = options.registrationWaitMs === undefined;
  const armedAt = Date.now();
  return async () => {
    if (!await intercom.watchers.isCurrent(code, options.pid))
      return "replaced";
    if (await intercom.agents.getLive(code))
      seenLive = true;
    else if (!seenLive) {
      if (Date.now() - armedAt > options.registrationWaitMs)
        return "gone";
    } else {
      await Bun.sleep(options.goneGraceMs);
      if (!await intercom.agents.getLive(code))
        return "gone";
    }
    return idleOrBusy(intercom, code);
  };
}
async function idleOrBusy(intercom, code) {
  return (await intercom.presence.of(code)).state === "busy" ? "busy" : "idle";
}

export { mailHandover, createWakeCheck, idleOrBusy };
