// @bun
import {
  nodeFs,
  isProcessAlive2
} from "./app-fgrk1ekz.js";
import {
  joinPath,
  normalizePath,
  relativeTo,
  NEXT,
  IntercomError,
  hasErrno,
  describeError,
  sliceChars,
  CODE_PATTERN,
  MAILBOX_PATTERN,
  MACHINE_PATTERN,
  RECIPIENT_PATTERN,
  MESSAGE_ID_PATTERN,
  SESSION_ID_PATTERN,
  NAME_PATTERN,
  randomToken,
  messageIdGenerator,
  splitRemote,
  assertRecipient,
  assertMessageId
} from "./app-jcmt5trc.js";
import {
  FILE_MODE,
  writeTmp,
  publish,
  moveIfPresent,
  readStoreFile,
  folderProblem,
  listNames,
  removeIfPresent,
  removeQuietly,
  INBOX_STATES,
  HISTORY_STATES,
  MESSAGE_STATES,
  STAGED_SUFFIX
} from "./app-shp9afcm.js";
import {
  isFutureStamp
} from "./app-wjvxasyr.js";

// src/store/record-check.ts
var fail = (path, kind) => ({ ok: false, issue: { path, kind } });
function str(options = {}) {
  return (value, path) => {
    if (typeof value !== "string")
      return fail(path, "expected string");
    if (options.min !== undefined && value.length < options.min)
      return fail(path, "too small");
    if (options.max !== undefined && value.length > options.max)
      return fail(path, "too big");
    if (options.pattern && !options.pattern.test(value))
      return fail(path, "invalid format");
    return { ok: true, value };
  };
}
var ISO_TIME = new RegExp("^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))" + "T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$");
var isoTime = str({ pattern: ISO_TIME });
var positiveInt = (value, path) => {
  if (typeof value !== "number" || Number.isNaN(value))
    return fail(path, "expected number");
  if (!Number.isSafeInteger(value))
    return fail(path, Number.isInteger(value) ? "too big" : "expected int");
  if (value <= 0)
    return fail(path, "too small");
  return { ok: true, value };
};
var bool = (value, path) => typeof value === "boolean" ? { ok: true, value } : fail(path, "expected boolean");
function literal(expected) {
  return (value, path) => value === expected ? { ok: true, value: expected } : fail(path, "invalid value");
}
function oneOf(values) {
  return (value, path) => values.includes(value) ? { ok: true, value } : fail(path, "invalid value");
}
function arrayOf(item, min) {
  return (value, path) => {
    if (!Array.isArray(value))
      return fail(path, "expected array");
    const out = [];
    for (let i = 0;i < value.length; i++) {
      const r = item(value[i], [...path, i]);
      if (!r.ok)
        return r;
      out.push(r.value);
    }
    return out.length < min ? fail(path, "too small") : { ok: true, value: out };
  };
}
function object(shape) {
  return (value, path) => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return fail(path, "expected object");
    const input = value;
    const out = {};
    for (const [key, field] of Object.entries(shape)) {
      const v = input[key];
      if (v === undefined && field.optional)
        continue;
      const r = field.check(v, [...path, key]);
      if (!r.ok)
        return r;
      out[key] = r.value;
    }
    return { ok: true, value: out };
  };
}
var req = (check) => ({ check });
var opt = (check) => ({ check, optional: true });
var mailbox = str({ pattern: MAILBOX_PATTERN });
var messageId = str({ pattern: MESSAGE_ID_PATTERN });
var message = object({
  v: req(literal(1)),
  id: req(messageId),
  from: req(object({
    code: req(mailbox),
    name: opt(str({ pattern: NAME_PATTERN })),
    project: opt(str()),
    machine: opt(str({ pattern: MACHINE_PATTERN }))
  })),
  to: req(arrayOf(str({ pattern: RECIPIENT_PATTERN }), 1)),
  scope: req(oneOf(["direct", "project", "everyone"])),
  project: opt(str()),
  thread: req(messageId),
  reply_to: opt(messageId),
  expects_reply: opt(bool),
  created_at: req(isoTime),
  body: req(str({ min: 1 }))
});
var agent = object({
  v: req(literal(1)),
  code: req(str({ pattern: CODE_PATTERN })),
  name: opt(str({ pattern: NAME_PATTERN })),
  project: req(str()),
  project_key: opt(str()),
  project_root: req(str()),
  cwd: req(str()),
  pid: req(positiveInt),
  pid_start: req(str()),
  claude_pid: opt(positiveInt),
  claude_pid_start: opt(str()),
  session_id: opt(str({ pattern: SESSION_ID_PATTERN })),
  transcript_path: opt(str()),
  route: opt(oneOf(["plugin", "mcp-config", "manual"])),
  plugin_root: opt(str()),
  status: req(str({ max: 200 })),
  status_at: req(isoTime),
  registered_at: req(isoTime)
});
var activity = object({
  v: req(literal(1)),
  state: req(oneOf(["busy", "idle"])),
  at: req(isoTime),
  since: opt(isoTime),
  session_id: opt(str({ pattern: SESSION_ID_PATTERN })),
  transcript_path: opt(str()),
  last_pid: opt(positiveInt),
  first_pid: opt(positiveInt)
});
var watcher = object({
  v: req(literal(1)),
  pid: req(positiveInt),
  pid_start: req(str()),
  claude_pid: opt(positiveInt),
  armed_at: req(isoTime)
});
var hotChecks = {
  message: (value) => message(value, []),
  agent: (value) => agent(value, []),
  activity: (value) => activity(value, []),
  watcher: (value) => watcher(value, [])
};
function isHotKind(kind) {
  return kind in hotChecks;
}

// src/store/records.ts
var schemas;
async function loadSchemas() {
  schemas ??= (await import("./schema-js52cye4.js")).recordSchemas;
  return schemas;
}
async function warmRecords() {
  const at = new Date(0).toISOString();
  const id = "0000000000000-0000000000";
  hotChecks.message({ v: 1, id, from: { code: "human" }, to: ["abcd"], scope: "direct", thread: id, created_at: at, body: "x" });
  hotChecks.agent({
    v: 1,
    code: "abcd",
    project: "p",
    project_root: "/",
    cwd: "/",
    pid: 1,
    pid_start: "1",
    status: "",
    status_at: at,
    registered_at: at
  });
  hotChecks.activity({ v: 1, state: "idle", at });
  hotChecks.watcher({ v: 1, pid: 1, pid_start: "1", armed_at: at });
}
async function parseRecord(kind, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${jsonErrorKind(error, text)})` };
  }
  if (isHotKind(kind)) {
    const checked = hotChecks[kind](json);
    if (checked.ok)
      return { ok: true, value: checked.value };
    return { ok: false, reason: `not a valid ${kind} record: ${issuePath(checked.issue.path)}: ${checked.issue.kind}` };
  }
  const result = (await loadSchemas())[kind].safeParse(json);
  if (result.success)
    return { ok: true, value: result.data };
  const first = result.error.issues[0];
  return { ok: false, reason: `not a valid ${kind} record: ${first ? `${issuePath(first.path)}: ${issueKind(first)}` : "invalid"}` };
}
function jsonErrorKind(error, text) {
  if (text.trim() === "")
    return "the file is empty";
  const message = error instanceof Error ? error.message : "";
  if (/EOF|end of (?:data|input|JSON)|Unterminated/i.test(message))
    return `it ends early, after ${text.length} characters`;
  return `a syntax error in ${text.length} characters`;
}
function issuePath(path) {
  const parts = path.map((part) => typeof part === "number" || typeof part === "string" && /^[a-z_][a-z0-9_]{0,39}$/i.test(part) ? String(part) : "?");
  return parts.join(".") || "(root)";
}
function issueKind(issue) {
  if (issue.code === "invalid_type" && typeof issue.expected === "string" && /^[a-z]{1,20}$/.test(issue.expected))
    return `expected ${issue.expected}`;
  return /^[a-z_]{1,40}$/.test(issue.code) ? issue.code.replace(/_/g, " ") : "invalid";
}
async function quarantine(layout, path, reason, now) {
  const flat = relativeTo(layout.root, path).replace(/[\\/]/g, "__");
  const dest = joinPath(layout.quarantine, `${now}-${randomToken(4)}-${flat}`);
  if (!await moveIfPresent(path, dest, layout.quarantine))
    return;
  nodeFs().writeFileSync(`${dest}.reason.txt`, `${path}
${reason}
`, { mode: FILE_MODE, flag: "wx" });
  return { path, quarantinedTo: dest, reason };
}
async function listRecordNames(layout, dir, isId, what, report, now) {
  const names = await listNames(dir);
  const valid = names.filter((name) => isId(name.slice(0, -".json".length)));
  if (valid.length === names.length)
    return names;
  for (const name of names) {
    if (valid.includes(name))
      continue;
    const problem = await quarantine(layout, joinPath(dir, name), `its name is not a valid ${what}`, now);
    if (problem)
      report(problem);
  }
  return valid;
}
function listMessageNames(layout, dir, report, now) {
  return listRecordNames(layout, dir, (stem) => MESSAGE_ID_PATTERN.test(stem), "message id", report, now);
}
async function readRecord(layout, kind, path, report, now) {
  const text = await readStoreText(layout, path, report, now);
  if (text === undefined)
    return;
  const parsed = await parseRecord(kind, text);
  if (parsed.ok)
    return parsed.value;
  const problem = await quarantine(layout, path, parsed.reason, now);
  if (problem)
    report(problem);
  return;
}
async function checkStoreFolder(layout, dir, report, now) {
  const what = folderProblem(dir);
  if (what === undefined)
    return true;
  await quarantineFolder(layout, dir, what, report, now);
  return false;
}
async function quarantineIfLinked(layout, dir, report, now) {
  let linked = false;
  try {
    linked = nodeFs().lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    return;
  }
  if (linked)
    await quarantineFolder(layout, dir, "a symbolic link", report, now);
}
async function quarantineFolder(layout, dir, what, report, now) {
  const problem = await quarantine(layout, dir, `${what} where a folder of the store belongs: never followed`, now);
  if (problem)
    report(problem);
}
async function readStoreText(layout, path, report, now) {
  const read = readStoreFile(path);
  if (read.kind === "text")
    return read.text;
  if (read.kind === "special") {
    const problem = await quarantine(layout, path, `${read.what}, not a regular file: never read (intercom does not follow links or open special files in its store)`, now);
    if (problem)
      report(problem);
  }
  return;
}

// src/store/log-scan.ts
function idTime(id) {
  return Number(id.slice(0, 13));
}
async function scanLogNewestFirst(ctx, take) {
  const names = await listMessageNames(ctx.layout, ctx.layout.log, ctx.report, ctx.clock.now());
  for (let i = names.length - 1;i >= 0; i--) {
    const message = await readRecord(ctx.layout, "message", `${ctx.layout.log}/${names[i]}`, ctx.report, ctx.clock.now());
    if (message && take(message))
      return;
  }
}

// src/store/send-commit.ts
var STAGED_NAME = /^(\d{13}-[a-z0-9]{10})\.(\d+)\.sending$/;
var STAGED_MAX_AGE_MS = 60 * 60 * 1000;
function dropsOf(layout, message) {
  const drops = [];
  const machines = new Set;
  for (const to of message.to) {
    const remote = splitRemote(to);
    if (!remote) {
      const dir = layout.messageDir(to, "new");
      drops.push({ label: to, dir, final: layout.messageFile(to, "new", message.id), folders: [layout.mailbox(to), dir] });
    } else if (!machines.has(remote.machine)) {
      machines.add(remote.machine);
      drops.push({
        label: `the outbox for ${remote.machine}`,
        dir: layout.outboxDir(remote.machine),
        final: layout.outboxFile(remote.machine, message.id),
        folders: [layout.outboxDir(remote.machine)]
      });
    }
  }
  return drops;
}
var stagedIn = (dir, id, pid) => joinPath(dir, `${assertMessageId(id)}.${pid}${STAGED_SUFFIX}`);
function failedDir(layout, box) {
  return joinPath(layout.mailbox(box), "failed");
}
function failedFile(layout, box, id) {
  return joinPath(failedDir(layout, box), `${assertMessageId(id)}.json`);
}
async function isStaged(layout, recipient, id) {
  const remote = splitRemote(recipient);
  const dir = remote ? layout.outboxDir(remote.machine) : layout.messageDir(recipient, "new");
  return (await listNames(dir, STAGED_SUFFIX)).some((name) => name.startsWith(`${id}.`));
}
async function unlinked(ctx, folders) {
  for (const folder of folders)
    await quarantineIfLinked(ctx.layout, folder, ctx.report, ctx.clock.now());
}
async function commitSend(ctx, tmp, message) {
  const { layout } = ctx;
  const { id } = message;
  const from = message.from.code;
  const staged = [];
  for (const drop of dropsOf(layout, message)) {
    await unlinked(ctx, drop.folders);
    const path = stagedIn(drop.dir, id, process.pid);
    try {
      await publish(tmp, path, drop.dir);
    } catch (error) {
      throw await withdraw(ctx, tmp, message, staged, `its copy for ${drop.label} could not be written into ${drop.dir} (${describeError(error)})`, error);
    }
    staged.push({ ...drop, path });
  }
  await unlinked(ctx, [layout.mailbox(from), layout.sentDir(from)]);
  try {
    await publish(tmp, layout.sentFile(from, id), layout.sentDir(from));
  } catch (error) {
    throw await withdraw(ctx, tmp, message, staged, `it could not be recorded in ${layout.sentDir(from)} (${describeError(error)})`, error);
  }
  try {
    await publish(tmp, layout.logFile(id), layout.log);
  } catch (error) {
    const undone = await undo(layout.sentFile(from, id));
    throw await withdraw(ctx, tmp, message, staged, `it could not be written to the log ${layout.log} (${describeError(error)})${undone}`, error);
  }
  await handOver(ctx, message, staged);
}
async function handOver(_ctx, message, staged) {
  const stuck = [];
  for (const { label, path, final } of staged) {
    try {
      placeStaged(path, final);
    } catch (error) {
      stuck.push(`${label} (${describeError(error)})`);
    }
  }
  if (stuck.length) {
    throw new IntercomError("IO", `message ${message.id} was sent, but could not be put into the inbox of ${stuck.join("; ")}. ` + `It is kept aside and handed over by the next store sweep (at any MCP server start); do not send it again.`, { next: { op: "status", id: message.id, why: "to follow it" } });
  }
}
function placeStaged(path, final) {
  try {
    nodeFs().renameSync(path, final);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return false;
    throw error;
  }
}
async function undo(path) {
  try {
    await removeIfPresent(path);
    return "";
  } catch (error) {
    return `; could not remove ${path} (${describeError(error)}), the next store sweep does`;
  }
}
async function withdraw(ctx, tmp, message, staged, reason, cause) {
  let notes = "";
  for (const { path } of staged)
    notes += await undo(path);
  try {
    await publish(tmp, failedFile(ctx.layout, message.from.code, message.id), failedDir(ctx.layout, message.from.code));
  } catch (error) {
    notes += `; the failed attempt could not be recorded for status (${describeError(error)})`;
  }
  return new IntercomError("IO", `message ${message.id} was NOT sent, to anyone: ${reason}${notes}. ` + "Fix that (check the folder exists, is writable and the disk is not full), then send it again: " + `the failed attempt does not count as sent, and its receipts report it as never delivered.`, { cause, next: { op: "doctor", why: "to check the store" } });
}
async function recoverSends(ctx) {
  const { layout } = ctx;
  const folders = [
    ...(await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n)).map((box) => layout.messageDir(box, "new")),
    ...(await listNames(layout.outbox, "")).filter((n) => MACHINE_PATTERN.test(n)).map((machine) => layout.outboxDir(machine))
  ];
  let done = 0;
  for (const dir of folders) {
    for (const name of await listNames(dir, STAGED_SUFFIX)) {
      const staged = STAGED_NAME.exec(name);
      if (!staged || writerMayBeSending(Number(staged[2]), idTime(staged[1]), ctx.clock.now()))
        continue;
      if (await recoverOne(ctx, staged[1], joinPath(dir, name), joinPath(dir, `${staged[1]}.json`)))
        done++;
    }
  }
  return done;
}
function writerMayBeSending(pid, stamp, now) {
  if (!isFutureStamp(stamp, now) && now - stamp >= STAGED_MAX_AGE_MS)
    return false;
  return pid === process.pid || isProcessAlive2(pid);
}
async function recoverOne(ctx, id, path, final) {
  const { layout } = ctx;
  const message = await readRecord(layout, "message", path, ctx.report, ctx.clock.now());
  if (!message || message.id !== id)
    return false;
  const from = message.from.code;
  if (nodeFs().existsSync(layout.sentFile(from, message.id))) {
    await linkUnlessThere(path, layout.logFile(message.id), layout.log);
    return placeStaged(path, final);
  }
  await linkUnlessThere(path, failedFile(layout, from, message.id), failedDir(layout, from));
  return removeIfPresent(path);
}
async function linkUnlessThere(src, dest, destDir) {
  try {
    await publish(src, dest, destDir);
  } catch (error) {
    if (!hasErrno(error, "EEXIST"))
      throw error;
  }
}
async function findFailed(ctx, id, sender) {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, "message", failedFile(layout, box, id), ctx.report, ctx.clock.now());
    if (message)
      return message;
  }
  return;
}
async function findUnlogged(ctx, id, sender) {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, "message", layout.sentFile(box, id), ctx.report, ctx.clock.now());
    if (message)
      return message;
  }
  return;
}
async function lastFailed(ctx, box, limit) {
  const dir = failedDir(ctx.layout, box);
  const out = [];
  for (const name of (await listNames(dir)).reverse().slice(0, limit)) {
    const message = await readRecord(ctx.layout, "message", joinPath(dir, name), ctx.report, ctx.clock.now());
    if (message)
      out.push(message);
  }
  return out;
}

// src/store/mail.ts
var CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
function validateBody(body, maxBytes) {
  if (typeof body !== "string" || body.trim() === "") {
    throw new IntercomError("BAD_INPUT", "the message body is empty; write what you want to tell the other agent");
  }
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > maxBytes) {
    throw new IntercomError("BAD_INPUT", `the message body is ${bytes} bytes, over the ${maxBytes}-byte limit; shorten it, or write the content to a file and send its path`);
  }
  const bad = CONTROL_CHARS.exec(body);
  if (bad) {
    const hex = bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
    throw new IntercomError("BAD_INPUT", `the message body contains control character U+${hex} at position ${bad.index}; remove it (newlines and tabs are fine)`);
  }
  return body;
}
function createMail(ctx) {
  const { layout } = ctx;
  const messageNames = (dir) => listMessageNames(layout, dir, ctx.report, ctx.clock.now());
  const nextId = messageIdGenerator(ctx.clock);
  async function send(input) {
    const body = validateBody(input.body, ctx.maxBodyBytes);
    const to = [...new Set(input.to.map(assertRecipient))];
    if (to.length === 0)
      throw new IntercomError("BAD_INPUT", "no recipients", { next: { op: "who", why: "to list live agents" } });
    const id = nextId();
    const message = {
      v: 1,
      id,
      from: input.from,
      to,
      scope: input.scope,
      ...input.project ? { project: input.project } : {},
      thread: input.thread !== undefined ? assertMessageId(input.thread) : id,
      ...input.replyTo !== undefined ? { reply_to: assertMessageId(input.replyTo) } : {},
      ...input.expectsReply ? { expects_reply: true } : {},
      created_at: new Date(ctx.clock.now()).toISOString(),
      body
    };
    const tmp = await writeTmp(layout, `${JSON.stringify(message)}
`, ctx.clock.now());
    try {
      await commitSend(ctx, tmp, message);
    } finally {
      await removeQuietly(tmp);
    }
    return message;
  }
  async function readAt(box, state, id) {
    return readRecord(layout, "message", layout.messageFile(box, state, id), ctx.report, ctx.clock.now());
  }
  async function list(box, states = INBOX_STATES) {
    const found = [];
    for (const entry of await entries(box, states)) {
      const stored = await load(box, entry);
      if (stored)
        found.push(stored);
    }
    return found;
  }
  async function entries(box, states = INBOX_STATES) {
    const found = [];
    if (!await checkStoreFolder(layout, layout.mailbox(box), ctx.report, ctx.clock.now()))
      return found;
    for (const state of states) {
      const dir = layout.messageDir(box, state);
      if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
        continue;
      for (const name of await messageNames(dir))
        found.push({ id: name.slice(0, -".json".length), state });
    }
    return found.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  async function load(box, entry) {
    const path = layout.messageFile(box, entry.state, entry.id);
    const text = await readStoreText(layout, path, ctx.report, ctx.clock.now());
    if (text === undefined)
      return;
    const parsed = await parseRecord("message", text);
    if (!parsed.ok || parsed.value.id !== entry.id) {
      const reason = parsed.ok ? `file name ${entry.id}.json does not match message id ${parsed.value.id}` : parsed.reason;
      const problem = await quarantine(layout, path, reason, ctx.clock.now());
      if (problem)
        ctx.report(problem);
      return;
    }
    return { message: parsed.value, state: entry.state };
  }
  async function countNew(box) {
    return (await listNames(layout.messageDir(box, "new"))).length;
  }
  async function find(box, id) {
    assertMessageId(id);
    for (const state of MESSAGE_STATES) {
      const message = await readAt(box, state, id);
      if (message)
        return { message, state };
    }
    return;
  }
  async function move(box, id, from, to) {
    for (const state of from) {
      if (state === to)
        continue;
      if (await moveIfPresent(layout.messageFile(box, state, id), layout.messageFile(box, to, id), layout.messageDir(box, to))) {
        return state;
      }
    }
    return;
  }
  async function markDelivered(box, ids) {
    const moved = [];
    for (const id of ids)
      if (await move(box, id, ["new"], "delivered"))
        moved.push(id);
    return moved;
  }
  async function markSeen(box, ids) {
    const moved = [];
    for (const id of ids)
      if (await move(box, id, ["new", "delivered"], "seen"))
        moved.push(id);
    return moved;
  }
  async function ack(box, ids, as = "acked") {
    const missing = [];
    const done = [];
    for (const id of ids.map(assertMessageId)) {
      if (await move(box, id, INBOX_STATES, as))
        done.push(id);
      else if (await isIn(box, id, HISTORY_STATES))
        done.push(id);
      else
        missing.push(id);
    }
    if (missing.length) {
      throw new IntercomError("NOT_FOUND", `no message ${missing.join(", ")} in your inbox`, { next: NEXT.listMessageIds });
    }
    return done;
  }
  async function isIn(box, id, states) {
    for (const state of states) {
      if (readStoreFile(layout.messageFile(box, state, id)).kind === "text")
        return true;
    }
    return false;
  }
  async function adopt(from, to) {
    let moved = 0;
    for (const state of INBOX_STATES) {
      for (const name of await messageNames(layout.messageDir(from, state))) {
        const id = name.slice(0, -".json".length);
        if (await moveIfPresent(layout.messageFile(from, state, id), layout.messageFile(to, state, id), layout.messageDir(to, state)))
          moved++;
      }
    }
    return moved;
  }
  async function sentSince(box, sinceMs) {
    const dir = layout.sentDir(box);
    const out = [];
    if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
      return out;
    for (const name of (await messageNames(dir)).filter((n) => Number(n.slice(0, 13)) >= sinceMs)) {
      const message = await readRecord(layout, "message", `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message)
        out.push(message);
    }
    return out;
  }
  async function lastSent(box, limit) {
    const dir = layout.sentDir(box);
    const out = [];
    if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
      return out;
    for (const name of (await messageNames(dir)).reverse()) {
      const message = await readRecord(layout, "message", `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message)
        out.push(message);
      if (out.length >= limit)
        break;
    }
    return out;
  }
  async function fromLog(id) {
    return readRecord(layout, "message", layout.logFile(assertMessageId(id)), ctx.report, ctx.clock.now());
  }
  function hasMailbox(box) {
    return nodeFs().existsSync(layout.mailbox(box));
  }
  function stateOf(box, id) {
    for (const state of MESSAGE_STATES)
      if (nodeFs().existsSync(layout.messageFile(box, state, id)))
        return state;
    return;
  }
  return {
    send,
    list,
    entries,
    load,
    countNew,
    find,
    move,
    markDelivered,
    markSeen,
    ack,
    adopt,
    sentSince,
    lastSent,
    fromLog,
    hasMailbox,
    stateOf
  };
}

// src/store/claim-patterns.ts
var GLOB_CHARS = /[*?[\]{}]/;
var MAX_PATTERN_LENGTH = 200;
function normalizePattern(input, projectRoot) {
  let pattern = input.trim();
  if (pattern === "" || pattern.length > MAX_PATTERN_LENGTH) {
    throw new IntercomError("BAD_INPUT", `claim patterns must be 1-${MAX_PATTERN_LENGTH} characters, e.g. "src/auth/**"`);
  }
  if (pattern.startsWith("/")) {
    const root = projectRoot.endsWith("/") ? projectRoot : `${projectRoot}/`;
    if (!pattern.startsWith(root)) {
      throw new IntercomError("BAD_INPUT", `"${input}" is outside your project (${projectRoot}); claim paths relative to it, e.g. "src/auth/**"`);
    }
    pattern = pattern.slice(root.length);
  }
  const folder = pattern.endsWith("/");
  if (pattern.split("/").some((segment) => segment === "..")) {
    throw new IntercomError("BAD_INPUT", `"${input}" climbs out of the project with ".."; claim paths inside it`);
  }
  pattern = normalizePath(pattern);
  if (pattern === "." || pattern === "")
    return "**";
  return folder ? `${pattern}/**` : pattern;
}
function patternMatches(pattern, relativePath) {
  if (pattern === relativePath)
    return true;
  if (!GLOB_CHARS.test(pattern))
    return relativePath.startsWith(`${pattern}/`);
  return new Bun.Glob(pattern).match(relativePath);
}
function staticPrefix(pattern) {
  const i = pattern.search(GLOB_CHARS);
  return i < 0 ? pattern : pattern.slice(0, i);
}
function patternsOverlap(a, b) {
  if (a === b)
    return true;
  const aGlob = GLOB_CHARS.test(a);
  const bGlob = GLOB_CHARS.test(b);
  if (!aGlob)
    return patternMatches(b, a) || patternMatches(a, b);
  if (!bGlob)
    return patternMatches(a, b);
  const pa = staticPrefix(a);
  const pb = staticPrefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}
function patternBase(pattern) {
  const i = pattern.search(GLOB_CHARS);
  if (i < 0)
    return { dir: pattern, rest: "" };
  const slash = pattern.lastIndexOf("/", i);
  return slash < 0 ? { dir: "", rest: pattern } : { dir: pattern.slice(0, slash), rest: pattern.slice(slash + 1) };
}
function baseMatches(realDir, rest, file) {
  if (rest === "")
    return file === realDir || file.startsWith(realDir === "/" ? "/" : `${realDir}/`);
  const rel = relativeInside(realDir, file);
  return rel !== undefined && new Bun.Glob(rest).match(rel);
}
function relativeInside(root, file) {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  const normal = normalizePath(file);
  return normal.startsWith(prefix) ? normal.slice(prefix.length) : undefined;
}

// src/intercom/mesh-claims.ts
function claimToWire(claim, here) {
  return {
    machine: here,
    owner: claim.owner,
    ...claim.owner_name ? { owner_name: claim.owner_name } : {},
    project: sliceChars(claim.project, 200),
    project_root: sliceChars(claim.project_root, 1000),
    pattern: claim.pattern,
    ...claim.reason ? { reason: claim.reason } : {},
    created_at: claim.created_at,
    expires_at: claim.expires_at
  };
}
function claimRef(claim) {
  return `${claim.machine}|${claim.owner}|${claim.pattern}`;
}
function claimInForce(claim, now) {
  return now < Date.parse(claim.seen_at) + claim.ttl_ms;
}
function losingClaims(claims, here, now, isUp) {
  const losers = [];
  for (const claim of claims) {
    if (here !== undefined && claim.machine !== here)
      continue;
    const by = claims.find((o) => o.machine !== claim.machine && o.order < claim.order && isUp(o.machine) && claimInForce(o, now) && patternsOverlap(claim.pattern, o.pattern));
    if (by)
      losers.push({ claim, by });
  }
  return losers;
}

export { warmRecords, parseRecord, listRecordNames, listMessageNames, readRecord, readStoreText, idTime, scanLogNewestFirst, failedDir, isStaged, recoverSends, findFailed, findUnlogged, lastFailed, validateBody, createMail, MAX_PATTERN_LENGTH, normalizePattern, patternMatches, patternsOverlap, patternBase, baseMatches, relativeInside, claimToWire, claimRef, claimInForce, losingClaims };
