// @bun
import {
  CODE_PATTERN,
  MAILBOX_PATTERN,
  MESSAGE_ID_PATTERN,
  SESSION_ID_PATTERN,
  NAME_PATTERN
} from "./app-szk2ejsq.js";
import {
  string,
  number,
  boolean,
  array,
  object,
  _enum,
  literal
} from "./app-ng2hjdm4.js";

// src/store/schema.ts
var isoTime = string().datetime({ offset: true }).describe("ISO 8601 timestamp");
var code = string().regex(CODE_PATTERN).describe("agent code: 4 characters of a-z0-9");
var mailbox = string().regex(MAILBOX_PATTERN).describe('agent code, "human" for the person at the CLI, or "s-<session id>" for a Claude session without intercom');
var messageId = string().regex(MESSAGE_ID_PATTERN).describe('13-digit epoch ms, "-", 10 characters of a-z0-9; sorts by time');
var messageSchema = object({
  v: literal(1).describe("record format version"),
  id: messageId,
  from: object({
    code: mailbox,
    name: string().regex(NAME_PATTERN).optional(),
    project: string().optional()
  }).describe("the sender as it was when sending"),
  to: array(mailbox).min(1).describe("every recipient of this message (a broadcast lists them all)"),
  scope: _enum(["direct", "project", "everyone"]).describe("direct: addressed to these recipients; project: to everyone on `project`; everyone: to every live agent"),
  project: string().optional().describe('the project a "project" broadcast went to'),
  thread: messageId.describe("id of the first message of the conversation (its own id for a new one)"),
  reply_to: messageId.optional().describe("the message this one answers"),
  expects_reply: boolean().optional().describe("the sender is waiting for a reply (ask)"),
  created_at: isoTime,
  body: string().min(1)
}).describe("One message. Immutable once written; its state is the folder it is in.");
var agentSchema = object({
  v: literal(1),
  code,
  name: string().regex(NAME_PATTERN).optional(),
  project: string().describe("git root folder name, else the cwd folder name"),
  project_root: string(),
  cwd: string(),
  pid: number().int().positive().describe("the MCP server process"),
  pid_start: string().describe("start-time token of pid; with pid, detects pid reuse"),
  claude_pid: number().int().positive().optional().describe("the Claude Code process that owns this agent"),
  claude_pid_start: string().optional(),
  session_id: string().regex(SESSION_ID_PATTERN).optional().describe("Claude Code session id"),
  transcript_path: string().optional(),
  route: _enum(["plugin", "mcp-config", "manual"]).optional().describe("how the MCP server was started: plugin = by Claude Code from a plugin (--plugin-dir or an installed one; CLAUDE_PLUGIN_ROOT was set), mcp-config = by Claude Code from an mcpServers entry (intercom install, a project .mcp.json, --mcp-config), manual = not by Claude Code"),
  plugin_root: string().optional().describe("the plugin folder the server runs from (CLAUDE_PLUGIN_ROOT), when route is plugin"),
  status: string().max(200).describe("one line: what the agent is doing"),
  status_at: isoTime,
  registered_at: isoTime
}).describe("Presence of one live agent. Created with an exclusive create; removed when its process exits.");
var activitySchema = object({
  v: literal(1),
  state: _enum(["busy", "idle"]),
  at: isoTime.describe("when the event happened (the hook's start, or the wake); the file name carries it too"),
  since: isoTime.optional().describe("when the current state began"),
  session_id: string().regex(SESSION_ID_PATTERN).optional().describe("the Claude session id the hook saw (changes after /clear)"),
  transcript_path: string().optional().describe("the transcript path the hook saw"),
  last_pid: number().int().positive().optional().describe("for a wake: the pid most recently created on the machine at that moment; a hook launched with a higher pid began after the wake")
}).describe("One busy/idle event of an agent (or of a session before its agent exists), written by its hooks; the newest file name wins.");
var watcherSchema = object({
  v: literal(1),
  pid: number().int().positive(),
  pid_start: string(),
  claude_pid: number().int().positive().optional().describe("the Claude process whose death ends the watcher"),
  armed_at: isoTime
}).describe("The watcher currently armed for an agent. A newer watcher overwrites this and stops the old one.");
var claimsSchema = object({
  v: literal(1),
  owner: mailbox.describe('the agent holding these claims, or "human"'),
  project: string(),
  project_root: string().describe("absolute folder the patterns are relative to"),
  claims: array(object({
    pattern: string().describe('a path or glob relative to project_root, e.g. "src/auth/**"'),
    reason: string().max(200).optional(),
    created_at: isoTime,
    expires_at: isoTime
  }))
}).describe("File claims of one owner. Rewritten only by its owner, under the claims lock; void when it expires or its owner dies.");
var storeMarkerSchema = object({
  format: literal("claude-intercom"),
  v: literal(1),
  created_at: isoTime
}).describe("Marks a folder as a claude-intercom store and names its layout version.");
var recordSchemas = {
  message: messageSchema,
  agent: agentSchema,
  activity: activitySchema,
  watcher: watcherSchema,
  claims: claimsSchema,
  store: storeMarkerSchema
};
export {
  recordSchemas
};
