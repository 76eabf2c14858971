// @bun
import {
  CODE_PATTERN,
  MAILBOX_PATTERN,
  MESSAGE_ID_PATTERN,
  SESSION_ID_PATTERN,
  NAME_PATTERN,
  randomToken,
  nodeFs,
  procInfo2
} from "./app-szk2ejsq.js";
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
  processToken
} from "./app-fg5rg928.js";
import {
  joinPath,
  normalizePath,
  baseName,
  dirName,
  relativeTo,
  hasErrno,
  shorten
} from "./app-43z2an93.js";

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
  from: req(object({ code: req(mailbox), name: opt(str({ pattern: NAME_PATTERN })), project: opt(str()) })),
  to: req(arrayOf(mailbox, 1)),
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
  last_pid: opt(positiveInt)
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
  schemas ??= (await import("./schema-jy8hgph7.js")).recordSchemas;
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
  const problem = await quarantine(layout, dir, `${what} where a folder of the store belongs: never followed`, now);
  if (problem)
    report(problem);
  return false;
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
var MAX_CLOCK_SKEW_MS = 5000;
function isFutureStamp(ms, now) {
  return ms > now + MAX_CLOCK_SKEW_MS;
}
async function scanLogNewestFirst(ctx, take) {
  const names = await listMessageNames(ctx.layout, ctx.layout.log, ctx.report, ctx.clock.now());
  for (let i = names.length - 1;i >= 0; i--) {
    const message = await readRecord(ctx.layout, "message", `${ctx.layout.log}/${names[i]}`, ctx.report, ctx.clock.now());
    if (message && take(message))
      return;
  }
}

// src/store/activity.ts
var TIE_MS = 50;
var eventName = (at) => `${String(Math.max(0, Math.floor(at))).padStart(13, "0")}-${randomToken(6)}.json`;
var eventTime = (name) => Number(name.slice(0, 13));
function processKeyAlive(pid, startKey) {
  const info = procInfo2(pid);
  return info !== undefined && !info.zombie && processKey(info) === `p-${pid}-${startKey}`;
}
function processKey(proc) {
  return `p-${processToken(proc.pid, proc.start)}`;
}
function createActivity(ctx) {
  const { layout } = ctx;
  async function newest(key) {
    const dir = layout.activityDir(key);
    return newestIn(dir, await listNames(dir));
  }
  async function newestIn(dir, names) {
    const now = ctx.clock.now();
    const ordered = [...names.filter((n) => isFutureStamp(eventTime(n), now)), ...names.filter((n) => !isFutureStamp(eventTime(n), now))];
    for (let i = ordered.length - 1;i >= 0; i--) {
      const record = await readRecord(layout, "activity", joinPath(dir, ordered[i]), ctx.report, now);
      if (record)
        return { name: ordered[i], record };
    }
    return;
  }
  async function record(key, event) {
    const dir = layout.activityDir(key);
    const now = ctx.clock.now();
    const names = await listNames(dir);
    const latestName = names.findLast((name) => !isFutureStamp(eventTime(name), now));
    let stamp = event.at;
    const latest = event.firstPid !== undefined || event.state === "idle" ? await newestIn(dir, names) : undefined;
    const wake = latest?.record.state === "busy" && latest.record.last_pid !== undefined ? latest : undefined;
    if (wake && event.firstPid !== undefined && Math.abs(eventTime(wake.name) - event.at) <= TIE_MS) {
      if (event.firstPid <= wake.record.last_pid)
        return;
      stamp = Math.max(stamp, eventTime(wake.name) + 1);
    } else if (latestName && eventTime(latestName) > event.at)
      return;
    if (event.state === "idle" && latest?.record.state === "idle")
      return;
    const at = new Date(stamp).toISOString();
    const record = {
      v: 1,
      state: event.state,
      at,
      since: at,
      ...event.sessionId ? { session_id: event.sessionId } : {},
      ...event.transcriptPath ? { transcript_path: event.transcriptPath } : {},
      ...event.lastPid ? { last_pid: event.lastPid } : {}
    };
    const name = eventName(stamp);
    const tmp = await writeTmp(layout, `${JSON.stringify(record)}
`, ctx.clock.now(), false);
    try {
      await publish(tmp, joinPath(dir, name), dir);
    } finally {
      await removeQuietly(tmp);
    }
    await prune(dir, name);
  }
  async function prune(dir, keep) {
    const now = ctx.clock.now();
    for (const name of await listNames(dir)) {
      if (name !== keep && (name < keep || isFutureStamp(eventTime(name), now)))
        await removeIfPresent(joinPath(dir, name));
    }
  }
  async function read(key) {
    const latest = await newest(key);
    if (!latest)
      return { state: "unknown" };
    const { record } = latest;
    const view = { at: record.at, since: record.since ?? record.at, sessionId: record.session_id, transcriptPath: record.transcript_path };
    return { ...view, state: record.state };
  }
  async function adopt(fromKey, code) {
    const from = layout.activityDir(fromKey);
    const to = layout.activityDir(code);
    const names = await listNames(from);
    if (names.length === 0)
      return;
    for (const name of names)
      await moveIfPresent(joinPath(from, name), joinPath(to, name), to);
    const latest = await newest(code);
    if (latest)
      await prune(to, latest.name);
  }
  async function collectOrphans() {
    let removed = 0;
    for (const key of await listNames(layout.activity, "")) {
      const m = /^p-(\d+)-(\w+)$/.exec(key);
      if (!m)
        continue;
      if (processKeyAlive(Number(m[1]), m[2]))
        continue;
      nodeFs().rmSync(layout.activityDir(key), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
  return { record, read, adopt, collectOrphans };
}

// src/claude/transcript-head.ts
var CHUNK = 16 * 1024;
var MAX_HEAD_BYTES = 256 * 1024;
var NOISE = [
  /^<command-(name|message|args)>/,
  /^<local-command-(stdout|stderr|caveat)>/,
  /^Caveat: The messages below were generated by the user while running local commands/,
  /^<system-reminder>/,
  /^\[Request interrupted by user/,
  /^<bash-(input|stdout|stderr)>/,
  /^<user-prompt-submit-hook>/
];
var NOT_A_TITLE = [/^<ide_opened_file>/, /^<ide_selection>/, /^<session-start-hook>/];
var WAKE_PREFIXES = [/^<task-notification>/, /^Stop hook (feedback|blocking error)/i, /^intercom: \d+ new message/, /^\[intercom\] /];
var WAKE_MARKS = ["New mail from another Claude session, delivered by intercom:"];
function promptText(content) {
  return joinBlocks(content, NOISE);
}
function joinBlocks(content, skip) {
  if (typeof content === "string")
    return content;
  if (!Array.isArray(content))
    return;
  if (content.some((b) => b?.type === "tool_result"))
    return;
  const text = content.filter((b) => b?.type === "text" && typeof b.text === "string").map((b) => b.text).filter((t) => !skip.some((re) => re.test(t.trimStart()))).join(" ");
  return text || undefined;
}
function isWakeText(text) {
  const start = text.trimStart();
  return WAKE_PREFIXES.some((re) => re.test(start)) || WAKE_MARKS.some((mark) => text.includes(mark));
}
function isPersonTurn(record) {
  if (record.type !== "user" || record.message?.role !== "user")
    return false;
  if (record.isMeta || record.isSidechain || record.isCompactSummary)
    return false;
  const kind = record.origin?.kind;
  return kind === undefined || kind === "human";
}
function oneLine(text) {
  const line = text.trim().replace(/\s+/g, " ");
  return shorten(line, 120);
}
function titleOf(record) {
  if (!isPersonTurn(record))
    return;
  const text = joinBlocks(record.message.content, [...NOISE, ...NOT_A_TITLE])?.trim();
  if (!text || NOISE.some((re) => re.test(text)) || isWakeText(text))
    return;
  return oneLine(text) || undefined;
}
function readTranscriptHead(path, maxBytes = MAX_HEAD_BYTES) {
  const fs = nodeFs();
  let fd;
  try {
    fd = fs.openSync(path, "r");
  } catch (error) {
    if (hasErrno(error, "ENOENT", "EACCES", "EISDIR"))
      return { sidechain: false, complete: true, bytesRead: 0 };
    throw error;
  }
  const head = { sidechain: false, complete: false, bytesRead: 0 };
  let sidechainKnown = false;
  try {
    const buffer = Buffer.alloc(CHUNK);
    let pending = "";
    while (head.bytesRead < maxBytes) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, head.bytesRead);
      if (n === 0) {
        head.complete = true;
        break;
      }
      head.bytesRead += n;
      pending += buffer.toString("utf8", 0, n);
      const lines = pending.split(`
`);
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const record = parseLine(line);
        if (!record)
          continue;
        if (!head.sessionId && typeof record.sessionId === "string")
          head.sessionId = record.sessionId;
        if (!head.cwd && typeof record.cwd === "string")
          head.cwd = record.cwd;
        if (!sidechainKnown && typeof record.isSidechain === "boolean") {
          sidechainKnown = true;
          head.sidechain = record.isSidechain;
          if (head.sidechain)
            return head;
        }
        if (!head.title)
          head.title = titleOf(record);
        if (head.sessionId && head.cwd && head.title)
          return head;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return head;
}
function parseLine(line) {
  if (!line.trim())
    return;
  try {
    const record = JSON.parse(line);
    return record && typeof record === "object" ? record : undefined;
  } catch {
    return;
  }
}

// src/claude/transcript-tail.ts
function transcriptSize(path) {
  try {
    return nodeFs().statSync(path).size;
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return 0;
    throw error;
  }
}
function readRecordsFrom(path, offset) {
  const size = transcriptSize(path);
  if (size <= offset)
    return { records: [], next: offset };
  const fs = nodeFs();
  const fd = fs.openSync(path, "r");
  let text;
  try {
    const buffer = Buffer.alloc(size - offset);
    const n = fs.readSync(fd, buffer, 0, buffer.length, offset);
    text = buffer.toString("utf8", 0, n);
  } finally {
    fs.closeSync(fd);
  }
  const end = text.lastIndexOf(`
`);
  if (end < 0)
    return { records: [], next: offset };
  const records = [];
  for (const line of text.slice(0, end).split(`
`)) {
    if (!line.trim())
      continue;
    try {
      records.push(JSON.parse(line));
    } catch {}
  }
  return { records, next: offset + Buffer.byteLength(text.slice(0, end + 1), "utf8") };
}
function recordText(record) {
  const content = record.message?.content;
  if (typeof content === "string")
    return content;
  return (content ?? []).filter((b) => b?.type === "text" && typeof b.text === "string").map((b) => b.text).join(`
`);
}
function assistantText(record) {
  if (record.type !== "assistant")
    return;
  return recordText(record) || undefined;
}
function userPromptText(record) {
  if (record.type !== "user")
    return;
  return promptText(record.message?.content);
}
var TITLE_WINDOW = 64 * 1024;
var CUSTOM = { type: "custom-title", field: "customTitle" };
var GENERATED = [
  { type: "ai-title", field: "aiTitle" },
  { type: "summary", field: "summary" }
];
function readRecordedTitles(path, size, wantPrompt = false) {
  const windows = readWindows(path, size);
  const titles = {};
  const custom = firstFound(windows, CUSTOM);
  if (custom)
    titles.custom = custom;
  for (const kind of GENERATED) {
    titles.generated ??= firstFound(windows, kind);
  }
  if (wantPrompt)
    titles.prompt = windows.some(hasPrompt);
  return titles;
}
var scratch = Buffer.allocUnsafe(2 * TITLE_WINDOW);
function readWindows(path, size) {
  const fs = nodeFs();
  let fd;
  try {
    fd = fs.openSync(path, "r");
  } catch (error) {
    if (hasErrno(error, "ENOENT", "EACCES", "EISDIR"))
      return [];
    throw error;
  }
  try {
    const read = (at, start, length) => scratch.subarray(at, at + fs.readSync(fd, scratch, at, length, start));
    if (size <= 2 * TITLE_WINDOW)
      return [read(0, 0, size)];
    return [read(0, size - TITLE_WINDOW, TITLE_WINDOW), read(TITLE_WINDOW, 0, TITLE_WINDOW)];
  } finally {
    fs.closeSync(fd);
  }
}
function firstFound(windows, kind) {
  for (const window of windows) {
    const value = lastValue(window, kind);
    if (value !== undefined)
      return value;
  }
  return;
}
function lastValue(window, kind) {
  const needle = `"type":"${kind.type}"`;
  for (let at = window.lastIndexOf(needle);at >= 0; at = at > 0 ? window.lastIndexOf(needle, at - 1) : -1) {
    const record = parseLine(lineAround(window, at));
    const value = record?.type === kind.type ? record[kind.field] : undefined;
    if (typeof value === "string" && value.trim())
      return oneLine(value);
  }
  return;
}
function lineAround(window, at) {
  const start = window.lastIndexOf(10, at) + 1;
  const end = window.indexOf(10, at);
  return window.toString("utf8", start, end < 0 ? window.length : end);
}
function hasPrompt(window) {
  const needle = '"type":"user"';
  for (let at = window.indexOf(needle);at >= 0; ) {
    const record = parseLine(lineAround(window, at));
    if (record && titleOf(record))
      return true;
    const next = window.indexOf(10, at);
    at = next < 0 ? -1 : window.indexOf(needle, next);
  }
  return false;
}

// src/claude/interrupted.ts
var TAIL_BYTES = 64 * 1024;
var INTERRUPT_MARK = "[Request interrupted by user";
function tailLines(path, bytes) {
  const fs = nodeFs();
  let fd;
  try {
    fd = fs.openSync(path, "r");
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    const n = fs.readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8", 0, n).split(`
`);
    return start > 0 ? lines.slice(1) : lines;
  } finally {
    fs.closeSync(fd);
  }
}
function interruptedAt(transcriptPath, since) {
  const lines = tailLines(transcriptPath, TAIL_BYTES);
  for (let i = lines.length - 1;i >= 0; i--) {
    const line = lines[i].trim();
    if (!line)
      continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (record.type !== "user" && record.type !== "assistant")
      continue;
    if (record.type !== "user" || !recordText(record).startsWith(INTERRUPT_MARK))
      return;
    const at = typeof record.timestamp === "string" ? Date.parse(record.timestamp) : Number.NaN;
    if (since !== undefined && !(Number.isFinite(at) && at >= Date.parse(since)))
      return;
    return Number.isFinite(at) ? new Date(at).toISOString() : since ?? new Date(0).toISOString();
  }
  return;
}

// src/intercom/presence.ts
function presenceOf(recorded) {
  if (recorded.state !== "busy" || recorded.transcriptPath === undefined)
    return recorded;
  const interrupted = interruptedAt(recorded.transcriptPath, recorded.at);
  return interrupted ? { ...recorded, state: "idle", since: interrupted } : recorded;
}
function createPresence(agents) {
  async function of(code) {
    return presenceOf(await agents.activity(code));
  }
  async function mark(who, state, seen) {
    await agents.setActivity(typeof who === "string" ? who : processKey(who), state, seen);
  }
  async function adopt(claude, code) {
    await agents.adoptActivity(processKey(claude), code);
  }
  return { of, mark, adopt };
}

// src/core/project.ts
function hasGitEntry(dir) {
  try {
    nodeFs().statSync(`${dir}/.git`);
    return true;
  } catch {
    return false;
  }
}
function detectProject(cwd) {
  const start = normalizePath(cwd);
  for (let dir = start;; dir = dirName(dir)) {
    if (hasGitEntry(dir))
      return { name: baseName(dir) || dir, root: dir };
    if (dirName(dir) === dir)
      break;
  }
  return { name: baseName(start) || start, root: start };
}

export { detectProject, readTranscriptHead, transcriptSize, readRecordsFrom, assistantText, userPromptText, readRecordedTitles, warmRecords, parseRecord, quarantine, listRecordNames, listMessageNames, readRecord, checkStoreFolder, readStoreText, idTime, isFutureStamp, scanLogNewestFirst, createActivity, presenceOf, createPresence };
