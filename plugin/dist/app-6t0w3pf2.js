// @bun
import {
  IntercomError,
  isSessionId
} from "./app-jcmt5trc.js";

// src/hooks/input.ts
var str = (value) => typeof value === "string" && value !== "" ? value : undefined;
function parseHookInput(text) {
  if (text.trim() === "")
    return {};
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IntercomError("BAD_INPUT", `hook input is not JSON (${error.message}); is this hook wired to a Claude Code event?`);
  }
  if (typeof raw !== "object" || raw === null)
    throw new IntercomError("BAD_INPUT", "hook input is not a JSON object");
  const o = raw;
  const sessionId = str(o.session_id);
  return {
    ...sessionId && isSessionId(sessionId) ? { sessionId } : {},
    ...str(o.transcript_path) ? { transcriptPath: str(o.transcript_path) } : {},
    ...str(o.cwd) ? { cwd: str(o.cwd) } : {},
    ...str(o.tool_name) ? { toolName: str(o.tool_name) } : {},
    ...str(o.agent_id) ? { agentId: str(o.agent_id) } : {},
    ...str(o.source) ? { source: str(o.source) } : {},
    ...typeof o.tool_input === "object" && o.tool_input !== null ? { toolInput: o.tool_input } : {}
  };
}
function hookInputText(input) {
  return JSON.stringify({
    session_id: input.sessionId,
    transcript_path: input.transcriptPath,
    cwd: input.cwd,
    tool_name: input.toolName,
    agent_id: input.agentId,
    source: input.source,
    tool_input: input.toolInput
  });
}

export { parseHookInput, hookInputText };
