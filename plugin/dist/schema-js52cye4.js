// @bun
import {
  CODE_PATTERN,
  MAILBOX_PATTERN,
  MACHINE_PATTERN,
  NAMESPACE_PATTERN,
  REMOTE_MAILBOX_PATTERN,
  RECIPIENT_PATTERN,
  MESSAGE_ID_PATTERN,
  SESSION_ID_PATTERN,
  NAME_PATTERN
} from "./app-jcmt5trc.js";
import {
  string,
  number,
  boolean,
  array,
  object,
  record,
  _enum,
  literal
} from "./app-hqt5yssm.js";

// src/store/schema.ts
var isoTime = string().datetime({ offset: true }).describe("ISO 8601 timestamp");
var code = string().regex(CODE_PATTERN).describe("agent code: 4 characters of a-z0-9");
var mailbox = string().regex(MAILBOX_PATTERN).describe('agent code, "human" for the person at the CLI, or "s-<session id>" for a Claude session without intercom');
var machine = string().regex(MACHINE_PATTERN).describe('a machine of the mesh (docs/relay.md): 1-63 characters of a-z, 0-9, "-"');
var recipient = string().regex(RECIPIENT_PATTERN).describe('a local mailbox (agent code, "human", "s-<session id>"), or a mailbox on another machine: "code@machine", "human@machine"');
var remoteMailbox = string().regex(REMOTE_MAILBOX_PATTERN).describe('a mailbox on another machine: "code@machine" or "human@machine"');
var messageId = string().regex(MESSAGE_ID_PATTERN).describe('13-digit epoch ms, "-", 10 characters of a-z0-9; sorts by time');
var messageSchema = object({
  v: literal(1).describe("record format version"),
  id: messageId,
  from: object({
    code: mailbox,
    name: string().regex(NAME_PATTERN).optional(),
    project: string().optional(),
    machine: machine.optional().describe("the machine the sender is on, when it is not this one (set by the relay that wrote it here)")
  }).describe("the sender as it was when sending"),
  to: array(recipient).min(1).describe("every recipient of this message (a broadcast lists them all)"),
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
  project_key: string().optional().describe('the project across machines: its git remote URL, normalised ("host/owner/repo"), else "dir:<folder name>"'),
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
  last_pid: number().int().positive().optional().describe("for a wake: the pid most recently created on the machine at that moment; a hook launched with a higher pid began after the wake"),
  first_pid: number().int().positive().optional().describe("for a hook's event: the pid its launch began with; of two hooks' events a clock tick apart, the higher pid began later")
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
  owner_name: string().regex(NAME_PATTERN).optional(),
  project: string(),
  project_key: string().optional().describe("the project on every machine (docs/relay.md); set when the owner is an agent"),
  project_root: string().describe("absolute folder the patterns are relative to"),
  claims: array(object({
    pattern: string().describe('a path or glob relative to project_root, e.g. "src/auth/**"'),
    reason: string().max(200).optional(),
    created_at: isoTime,
    expires_at: isoTime
  }))
}).describe("File claims of one owner. Rewritten only by its owner, under the claims lock; void when it expires or its owner dies.");
var receiptState = _enum(["new", "delivered", "seen", "acked", "replied", "undelivered"]);
var relayStateSchema = object({
  v: literal(1),
  machine,
  namespace: string().regex(NAMESPACE_PATTERN),
  server: string().describe("the NATS server URL(s), without credentials"),
  pid: number().int().positive(),
  pid_start: string(),
  started_at: isoTime,
  instance: string().max(64).optional().describe("this run of the relay (its beats carry it)"),
  link: _enum(["connecting", "up", "down"]).describe("the link to the NATS server"),
  link_since: isoTime,
  error: string().max(500).optional().describe("why the link is down, or the last error"),
  outbox: number().int().nonnegative().optional().describe("messages waiting to be published, when last counted"),
  refused: number().int().nonnegative().optional().describe("payloads from other machines refused since the relay started"),
  last_refused: string().max(500).optional().describe("the last one refused, and why")
}).describe("The relay of this store (docs/relay.md), rewritten by it when its link changes. Void when its process is gone.");
var remoteMachineSchema = object({
  v: literal(1),
  machine,
  state: _enum(["up", "gone"]),
  since: isoTime.describe("when this state began, by this machine's clock"),
  seen_at: isoTime.optional().describe("when its last beat was seen, by this machine's clock")
}).describe("Another machine of the mesh as this store's relay last saw it.");
var remoteAgentSchema = object({
  v: literal(1),
  machine,
  code,
  name: string().regex(NAME_PATTERN).optional(),
  project: string().max(200),
  project_key: string().max(300),
  cwd: string().max(1000),
  status: string().max(200),
  activity: _enum(["busy", "idle"]),
  since: isoTime,
  registered_at: isoTime,
  session_id: string().regex(SESSION_ID_PATTERN).optional()
}).describe("An agent of another machine, as its machine published it (peer text: every field is untrusted).");
var remoteReceiptSchema = object({
  v: literal(1),
  id: messageId,
  to: remoteMailbox,
  state: receiptState,
  at: isoTime.describe("when the recipient's machine saw this state, by its clock"),
  why: string().max(300).optional().describe("for undelivered: why (written by this machine, never taken from another)")
}).describe("What became of the copy of a message sent to another machine, as that machine reported it.");
var remoteClaimSchema = object({
  machine,
  owner: mailbox,
  owner_name: string().regex(NAME_PATTERN).optional(),
  project: string().max(200).describe("the project's folder name on that machine"),
  project_root: string().max(1000).describe("the folder the pattern is relative to, on that machine"),
  pattern: string().max(1000).describe("a path or glob relative to the project root"),
  reason: string().max(200).optional(),
  created_at: isoTime,
  expires_at: isoTime
});
var mirroredClaimSchema = remoteClaimSchema.extend({
  order: number().int().nonnegative().describe("the claims bucket revision at which this relay first saw the claim: of two overlapping claims, the lower one stands"),
  seen_at: isoTime.describe("when this relay first saw it (or its renewal), by this machine's clock"),
  ttl_ms: number().int().nonnegative().describe("how long it holds from seen_at: expires_at - created_at, by its own clock")
});
var remoteClaimsSchema = object({
  v: literal(1),
  project_key: string().max(300),
  claims: array(mirroredClaimSchema)
}).describe("The claims on one project on every machine, as this store's relay last read them from the mesh's claims bucket (one entry per machine there).");
var claimRefusalSchema = object({
  v: literal(1),
  owner: mailbox,
  patterns: array(string()),
  held_by: remoteMailbox,
  held_pattern: string().max(1000),
  reason: string().max(200).optional(),
  at: isoTime
}).describe("Claims of a local owner that the mesh refused: another machine claimed overlapping files first.");
var inboundSchema = object({
  v: literal(1),
  id: messageId,
  origin: machine,
  reported: record(string().regex(MAILBOX_PATTERN), receiptState).describe("local recipient \u2192 the last state reported to the origin"),
  at: isoTime
}).describe("A message another machine sent here, while a receipt is still owed to it for one of its copies.");
var feedEntrySchema = object({
  v: literal(1),
  id: messageId,
  machine: machine.describe("the machine it was sent on"),
  from: object({ code: mailbox, name: string().regex(NAME_PATTERN).optional(), project: string().max(200).optional() }),
  to: array(remoteMailbox).min(1).describe("every recipient, with its machine"),
  scope: _enum(["direct", "project", "everyone"]),
  project: string().max(200).optional(),
  thread: messageId,
  reply_to: messageId.optional(),
  created_at: isoTime,
  chars: number().int().nonnegative().describe("the length of its text, which stays on the machines it was sent between")
}).describe("A message sent between other machines of the mesh, as the feed shows it: who, to whom, when; never its text.");
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
  store: storeMarkerSchema,
  relayState: relayStateSchema,
  remoteMachine: remoteMachineSchema,
  remoteAgent: remoteAgentSchema,
  remoteReceipt: remoteReceiptSchema,
  remoteClaim: remoteClaimSchema,
  remoteClaims: remoteClaimsSchema,
  claimRefusal: claimRefusalSchema,
  inbound: inboundSchema,
  feedEntry: feedEntrySchema
};
export {
  recordSchemas
};
