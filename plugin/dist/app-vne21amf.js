// @bun
import {
  nodeFs
} from "./app-jfdnnj6k.js";
import {
  joinPath,
  isAbsolutePath,
  normalizePath,
  baseName,
  dirName,
  relativeTo,
  CODE_PATTERN,
  MAILBOX_PATTERN,
  MACHINE_PATTERN,
  RECIPIENT_PATTERN,
  MESSAGE_ID_PATTERN,
  SESSION_ID_PATTERN,
  NAME_PATTERN,
  randomToken
} from "./app-sg4s6xy6.js";
import {
  FILE_MODE,
  moveIfPresent,
  readStoreFile,
  folderProblem,
  listNames
} from "./app-p8z4rjgm.js";

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
  schemas ??= (await import("./schema-d8vwqsbz.js")).recordSchemas;
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

// src/core/project.ts
function gitEntry(dir) {
  try {
    return nodeFs().statSync(`${dir}/.git`).isDirectory() ? "dir" : "file";
  } catch {
    return;
  }
}
function detectProject(cwd) {
  const start = normalizePath(cwd);
  for (let dir = start;; dir = dirName(dir)) {
    if (gitEntry(dir))
      return { name: baseName(dir) || dir, root: dir };
    if (dirName(dir) === dir)
      break;
  }
  return { name: baseName(start) || start, root: start };
}
function projectKey(project) {
  const entry = gitEntry(project.root);
  return (entry && remoteKey(project.root, entry)) ?? `dir:${project.name}`;
}
function readText(path) {
  try {
    return nodeFs().readFileSync(path, "utf8");
  } catch {
    return;
  }
}
function configDir(root, entry) {
  if (entry === "dir")
    return joinPath(root, ".git");
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readText(joinPath(root, ".git")) ?? "")?.[1];
  if (!pointer)
    return;
  const gitDir = isAbsolutePath(pointer) ? pointer : normalizePath(joinPath(root, pointer));
  const common = readText(joinPath(gitDir, "commondir"))?.trim();
  if (!common)
    return gitDir;
  return isAbsolutePath(common) ? common : normalizePath(joinPath(gitDir, common));
}
function remoteKey(root, entry) {
  const dir = configDir(root, entry);
  const text = dir ? readText(joinPath(dir, "config")) : undefined;
  if (!text)
    return;
  const urls = new Map;
  let remote;
  for (const line of text.split(`
`)) {
    const section = /^\s*\[\s*remote\s+"([^"]*)"\s*\]/.exec(line);
    if (section) {
      remote = section[1];
      continue;
    }
    if (/^\s*\[/.test(line))
      remote = undefined;
    const url = remote !== undefined && !urls.has(remote) ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    if (url)
      urls.set(remote, url.replace(/^"(.*)"$/, "$1"));
  }
  const url = urls.get("origin") ?? urls.values().next().value;
  return url === undefined ? undefined : normalizeRemoteUrl(url);
}
function normalizeRemoteUrl(url) {
  const trimmed = url.trim();
  const strip = (path) => path.replace(/\/+$/, "").replace(/\.git$/, "").replace(/\/+$/, "");
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?(\/.*)?$/i.exec(trimmed);
  if (withScheme) {
    if (withScheme[1].toLowerCase() === "file")
      return `path:${strip(withScheme[3] ?? "/")}`;
    return `${withScheme[2].toLowerCase()}${strip((withScheme[3] ?? "").replace(/\/{2,}/g, "/"))}`;
  }
  const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(trimmed);
  if (scp && !trimmed.startsWith("/"))
    return `${scp[1].toLowerCase()}/${strip(scp[2].replace(/^\/+/, ""))}`;
  return `path:${strip(normalizePath(trimmed))}`;
}
function projectKeyHash(key) {
  return `p${new Bun.CryptoHasher("sha256").update(key).digest("hex").slice(0, 24)}`;
}

export { detectProject, projectKey, projectKeyHash, warmRecords, parseRecord, quarantine, listRecordNames, listMessageNames, readRecord, checkStoreFolder, readStoreText, idTime, isFutureStamp, scanLogNewestFirst };
