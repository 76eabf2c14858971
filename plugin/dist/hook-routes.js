// @bun @bytecode @bun-cjs
(function(exports, require, module, __filename, __dirname) {var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __hasOwnProp = Object.prototype.hasOwnProperty;
function __accessProp(key) {
  return this[key];
}
var __toCommonJS = (from) => {
  var entry = (__moduleCache ??= new WeakMap).get(from), desc;
  if (entry)
    return entry;
  entry = __defProp({}, "__esModule", { value: true });
  if (from && typeof from === "object" || typeof from === "function") {
    for (var key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(entry, key))
        __defProp(entry, key, {
          get: __accessProp.bind(from, key),
          enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable
        });
  }
  __moduleCache.set(from, entry);
  return entry;
};
var __moduleCache;
var __returnValue = (v) => v;
function __exportSetter(name, newValue) {
  this[name] = __returnValue.bind(null, newValue);
}
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, {
      get: all[name],
      enumerable: true,
      configurable: true,
      set: __exportSetter.bind(all, name)
    });
};

// src/bin/hook-routes.ts
var exports_hook_routes = {};
__export(exports_hook_routes, {
  answerHook: () => answerHook
});
module.exports = __toCommonJS(exports_hook_routes);

// src/core/paths.ts
function joinPath(...parts) {
  let out = "";
  for (const part of parts) {
    if (part === "")
      continue;
    if (out === "") {
      out = part;
      continue;
    }
    let start = 0;
    while (part.charCodeAt(start) === 47)
      start++;
    const rest = start === 0 ? part : part.slice(start);
    out = out.endsWith("/") ? `${out}${rest}` : `${out}/${rest}`;
  }
  return out;
}
function isAbsolutePath(path) {
  return path.startsWith("/");
}
function normalizePath(path) {
  const absolute = path.startsWith("/");
  const out = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".")
      continue;
    if (segment === "..") {
      if (out.length && out[out.length - 1] !== "..")
        out.pop();
      else if (!absolute)
        out.push("..");
      continue;
    }
    out.push(segment);
  }
  const joined = out.join("/");
  return absolute ? `/${joined}` : joined || ".";
}

// src/core/next-step.ts
var cmd = (text) => `\`intercom ${text}\``;
var CATALOGUE = {
  peek: { tool: () => "peek", command: () => cmd("inbox") },
  who: {
    tool: (a) => a.op === "who" && a.scope === "all" ? "who with scope all" : "who",
    command: (a) => a.op === "who" && a.withoutOverride ? `\`env -u CLAUDE_INTERCOM_SESSION intercom who\`` : cmd("who")
  },
  list_sessions: { tool: () => "list_sessions", command: () => cmd("sessions") },
  claims: { tool: () => "claims", command: () => cmd("claims") },
  status: {
    tool: (a) => a.op !== "status" ? "status" : a.id ? `status with id ${a.id}` : a.recent ? "status without ids" : "status",
    command: (a) => a.op !== "status" ? cmd("status") : a.id ? cmd(`status ${a.id}`) : a.recent ? `${cmd("status")} without ids` : cmd("status")
  },
  send: { tool: () => "send", command: () => cmd("send"), use: true },
  ask: { tool: () => "ask", command: () => cmd("ask"), use: true },
  search: { tool: () => "search", command: () => cmd("search"), use: true },
  doctor: { tool: () => cmd("doctor"), command: () => cmd("doctor"), person: true }
};
function actionName(action, surface) {
  const entry = CATALOGUE[action.op];
  return surface === "model" ? entry.tool(action) : entry.command(action);
}
function nextStepText(step, surface) {
  const entry = CATALOGUE[step.op];
  const verb = entry.use ? "use" : surface === "human" ? "run" : entry.person ? "ask the user to run" : "call";
  const or = step.or ? ` or ${actionName(step.or, surface)}` : "";
  const also = (step.also ?? []).map((a) => `, ${actionName(a, surface)}${a.why ? ` ${a.why}` : ""}`).join("");
  return `${step.lead ? `${step.lead} ` : ""}${verb} ${actionName(step, surface)}${or}${step.why ? ` ${step.why}` : ""}${also}`;
}
function withNextStep(text, step, surface) {
  if (!step)
    return text;
  const clause = nextStepText(step, surface);
  return /[.!?]$/.test(text) ? `${text} ${clause[0].toUpperCase()}${clause.slice(1)}` : `${text}; ${clause}`;
}
var NEXT = {
  listMessageIds: { op: "peek", why: "to list your message ids" }
};

// src/core/errors.ts
class IntercomError extends Error {
  name = "IntercomError";
  code;
  next;
  constructor(code, message, options) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.next = options?.next;
  }
}
function hasErrno(error, ...codes) {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" && codes.includes(error.code);
}
function describeError(error, surface) {
  if (error instanceof IntercomError && surface)
    return withNextStep(error.message, error.next, surface);
  if (error instanceof Error)
    return error.message;
  return String(error);
}

// src/core/text.ts
var segmenter;
var graphemes = () => segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
var WINDOW = 64;
var isHigh = (c) => c >= 55296 && c <= 56319;
var isLow = (c) => c >= 56320 && c <= 57343;
function codePointBoundary(s, i) {
  return i > 0 && i < s.length && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1)) ? i - 1 : i;
}
function boundaryAtOrBefore(s, i, floor = 0) {
  if (i <= floor)
    return floor;
  if (i >= s.length)
    return s.length;
  const code = s.charCodeAt(i);
  const prev = s.charCodeAt(i - 1);
  if (code < 128 && prev < 128 && !(prev === 13 && code === 10))
    return i;
  for (let window = WINDOW;; window *= 2) {
    const start = Math.max(floor, i - window);
    let at = start;
    for (const { index } of graphemes().segment(s.slice(start, Math.min(s.length, i + window)))) {
      if (start + index > i)
        break;
      at = start + index;
    }
    if (at > start || start === floor)
      return at;
  }
}
function sliceChars(s, n, from = 0) {
  const limit = Math.min(s.length, from + Math.max(0, Math.floor(n)));
  if (limit >= s.length)
    return s.slice(from);
  let end = boundaryAtOrBefore(s, limit, from);
  if (end <= from)
    end = Math.max(from, codePointBoundary(s, limit));
  return s.slice(from, end);
}
function shorten(s, max, mark = "\u2026") {
  return s.length <= max ? s : `${sliceChars(s, max - mark.length)}${mark}`;
}

// src/core/ids.ts
var CODE_PATTERN = /^[a-z0-9]{4}$/;
var MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127})$/;
var MACHINE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
var RECIPIENT_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127}|(?:[a-z0-9]{4}|human)@[a-z0-9][a-z0-9-]{0,62})$/;
var MESSAGE_ID_PATTERN = /^\d{13}-[a-z0-9]{10}$/;
var SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;
var RESERVED_NAMES = new Set(["all", "everyone", "human", "me", "self"]);
function show(value) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text === undefined ? String(value) : shorten(text, 61));
}
function assertCode(value, what = "agent code") {
  if (typeof value === "string" && CODE_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid ${what}: codes are 4 characters of a-z and 0-9, e.g. "x7k2"`);
}
function assertMailbox(value) {
  if (typeof value === "string" && MAILBOX_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid mailbox: expected a 4-character agent code, "human" or "s-<session id>"`);
}
function assertMachine(value, what = "machine name") {
  if (typeof value === "string" && MACHINE_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid ${what}: 1-63 characters of a-z, 0-9 and "-", starting with a letter or digit (e.g. "laptop")`);
}
function assertRecipient(value) {
  if (typeof value === "string" && RECIPIENT_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid recipient: expected a 4-character agent code, "human", "s-<session id>", or code@machine`);
}
function assertMessageId(value) {
  if (typeof value === "string" && MESSAGE_ID_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid message id: ids look like "1763760000000-0a1b2c3d4e"`, {
    next: NEXT.listMessageIds
  });
}
function assertSessionId(value) {
  if (typeof value === "string" && SESSION_ID_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid session id: expected letters, digits, "-" or "_" (8-128 characters)`);
}
function isCode(value) {
  return CODE_PATTERN.test(value);
}
function isSessionId(value) {
  return SESSION_ID_PATTERN.test(value);
}

// src/core/config.ts
var DEFAULT_MAX_BODY_BYTES = 64 * 1024;
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
function absoluteDir(value, name, home) {
  const expanded = value === "~" ? home : value.startsWith("~/") ? joinPath(home, value.slice(2)) : value;
  if (!isAbsolutePath(expanded)) {
    throw new IntercomError("BAD_INPUT", `${name}=${value} must be an absolute path, e.g. ${name}=$HOME/${value}`);
  }
  return normalizePath(expanded);
}
function quickConfig(env, home, cwd) {
  if (env.CLAUDE_INTERCOM_SESSION !== undefined && env.CLAUDE_INTERCOM_SESSION.trim() !== "")
    return;
  const dir = env.CLAUDE_INTERCOM_DIR;
  const storeDir = dir === undefined || dir.trim() === "" ? `${home}/.claude-intercom` : dir;
  if (!isPlainAbsolute(storeDir))
    return;
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  if (configDir !== undefined && !configDir.startsWith("/") || nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) !== undefined) {
    try {
      claudeConfigDirsOf(env, home);
    } catch {
      return;
    }
  }
  return { storeDir, cwd, identityOverride: undefined, claudePid: claudePidOf(env.CLAUDE_PID) };
}
function isPlainAbsolute(path) {
  return path.startsWith("/") && path.length > 1 && !path.endsWith("/") && !path.includes("//") && !path.includes("/./") && !path.includes("/../") && !path.endsWith("/.") && !path.endsWith("/..") && path.trim() === path;
}
function claudeConfigDirsOf(env, home) {
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return [
    configDir ? absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home) : joinPath(home, ".claude"),
    ...(nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) ?? "").split(":").filter(Boolean).map((dir) => absoluteDir(dir, "CLAUDE_INTERCOM_CONFIG_DIRS", home))
  ];
}
function claudePidOf(value) {
  return /^\d+$/.test(value ?? "") ? Number(value) : undefined;
}

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

// src/store/files.ts
var MAX_RECORD_BYTES = 64 * 1024 * 1024;
async function readTextWithoutNodeFs(path) {
  try {
    return await Bun.file(path).text();
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return;
    throw error;
  }
}
async function listNamesWithoutNodeFs(dir, suffix = ".json") {
  const names = [];
  try {
    for (const name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false }))
      names.push(name);
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return [];
    throw error;
  }
  return names.sort();
}
function hasNamesWithoutNodeFs(dir, suffix = ".json") {
  try {
    for (const _name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false }))
      return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return false;
    throw error;
  }
  return false;
}

// src/store/layout.ts
var INBOX_STATES = ["new", "delivered", "seen"];
var HISTORY_STATES = ["acked", "replied"];
var MESSAGE_STATES = [...INBOX_STATES, ...HISTORY_STATES];
function processToken(pid, start) {
  if (!Number.isInteger(pid) || pid <= 0 || !/^[\w:. -]+$/.test(start))
    throw new Error(`bad process key ${pid}/${start}`);
  return `${pid}-${start.replace(/[^\w]/g, "_")}`;
}
var CLAIMS_KEY = /^p[0-9a-f]{24}$/;
var ACTIVITY_KEY = /^(?:[a-z0-9]{4}|p-\d+-\w+)$/;
function createLayout(root) {
  const agents = joinPath(root, "agents");
  const sessions = joinPath(root, "sessions");
  const activity = joinPath(root, "activity");
  const procs = joinPath(root, "procs");
  const watchers = joinPath(root, "watchers");
  const claims = joinPath(root, "claims");
  const mail = joinPath(root, "mail");
  const log = joinPath(root, "log");
  const outbox = joinPath(root, "outbox");
  const remote = joinPath(root, "remote");
  const remoteMachines = joinPath(remote, "machines");
  const remoteAgents = joinPath(remote, "agents");
  const remoteClaims = joinPath(remote, "claims");
  const mailbox = (box) => joinPath(mail, assertMailbox(box));
  const messageDir = (box, state) => joinPath(mailbox(box), state);
  return {
    root,
    marker: joinPath(root, "store.json"),
    tmp: joinPath(root, "tmp"),
    agents,
    agentFile: (code) => joinPath(agents, `${assertCode(code)}.json`),
    sessions,
    sessionFile: (sessionId) => joinPath(sessions, assertSessionId(sessionId)),
    activity,
    activityDir: (key) => {
      if (!ACTIVITY_KEY.test(key))
        throw new IntercomError("BAD_INPUT", `${JSON.stringify(key)} is not an activity key: an agent code or p-<pid>-<start>`);
      return joinPath(activity, key);
    },
    claims,
    claimsFile: (owner) => joinPath(claims, `${assertMailbox(owner)}.json`),
    claimsLock: joinPath(root, "claims.lock"),
    watchers,
    watcherFile: (code) => joinPath(watchers, `${assertCode(code)}.json`),
    procs,
    procFile: (pid, start) => joinPath(procs, processToken(pid, start)),
    mail,
    mailbox,
    messageDir,
    messageFile: (box, state, id) => joinPath(messageDir(box, state), `${assertMessageId(id)}.json`),
    sentDir: (box) => joinPath(mailbox(box), "sent"),
    sentFile: (box, id) => joinPath(mailbox(box), "sent", `${assertMessageId(id)}.json`),
    log,
    logFile: (id) => joinPath(log, `${assertMessageId(id)}.json`),
    quarantine: joinPath(root, "quarantine"),
    asks: joinPath(root, "asks"),
    relay: joinPath(root, "relay"),
    relayLock: joinPath(root, "relay", "lock"),
    relayState: joinPath(root, "relay", "state.json"),
    outbox,
    outboxDir: (machine) => joinPath(outbox, assertMachine(machine)),
    outboxFile: (machine, id) => joinPath(outbox, assertMachine(machine), `${assertMessageId(id)}.json`),
    remote,
    remoteMachines,
    remoteMachineFile: (machine) => joinPath(remoteMachines, `${assertMachine(machine)}.json`),
    remoteAgents,
    remoteAgentsDir: (machine) => joinPath(remoteAgents, assertMachine(machine)),
    remoteAgentFile: (machine, code) => joinPath(remoteAgents, assertMachine(machine), `${assertCode(code)}.json`),
    remoteClaims,
    remoteClaimsFile: (key) => {
      if (!CLAIMS_KEY.test(key))
        throw new IntercomError("BAD_INPUT", `${JSON.stringify(key)} is not a project key hash`);
      return joinPath(remoteClaims, `${key}.json`);
    },
    refusedFile: (owner) => joinPath(remote, "refused", `${assertMailbox(owner)}.json`),
    remoteReceipts: joinPath(remote, "receipts"),
    remoteReceiptFile: (id, recipient) => joinPath(remote, "receipts", `${assertMessageId(id)}.${assertRecipient(recipient)}.json`),
    inboundJournal: joinPath(remote, "inbound.jsonl"),
    feed: joinPath(remote, "feed"),
    feedFile: (id) => joinPath(remote, "feed", `${assertMessageId(id)}.json`)
  };
}

// src/store/quick.ts
async function quickHasClaims(root) {
  const layout = createLayout(root);
  return (await listNamesWithoutNodeFs(layout.claims)).length > 0 || (await listNamesWithoutNodeFs(layout.remoteClaims)).length > 0;
}
async function quickInbox(root, sessionId) {
  const layout = createLayout(root);
  const code = (await readLinkQuickly(layout.sessionFile(sessionId)))?.trim();
  if (!code || !isCode(code))
    return;
  return { code, hasMail: hasNamesWithoutNodeFs(layout.messageDir(code, "new")) };
}
async function readLinkQuickly(path) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, 100);
  });
  try {
    return await Promise.race([readTextWithoutNodeFs(path), late]);
  } catch (error) {
    if (error instanceof Error)
      return;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// src/hooks/pre-tool-use-quick.ts
function isIntercomTool(toolName) {
  return toolName !== undefined && /^mcp__(?:.*_)?intercom__/.test(toolName);
}
var EDIT_TOOLS = { Edit: "file_path", Write: "file_path", MultiEdit: "file_path", NotebookEdit: "notebook_path" };
function editedFile(input, cwd) {
  const field = input.toolName ? EDIT_TOOLS[input.toolName] : undefined;
  const value = field ? input.toolInput?.[field] : undefined;
  if (typeof value !== "string" || value === "")
    return;
  return value.startsWith("/") ? value : `${input.cwd ?? cwd}/${value}`;
}
var NOTHING = { kind: "nothing" };
var FULL = { kind: "full" };
async function quickVerdict(config, input) {
  if (isIntercomTool(input.toolName))
    return NOTHING;
  const file = editedFile(input, config.cwd);
  if (file !== undefined && await quickHasClaims(config.storeDir))
    return FULL;
  if (input.agentId !== undefined)
    return NOTHING;
  if (!input.sessionId || config.identityOverride !== undefined)
    return FULL;
  const inbox = await quickInbox(config.storeDir, input.sessionId);
  if (inbox === undefined)
    return FULL;
  return inbox.hasMail ? { kind: "mail", inbox } : NOTHING;
}

// src/bin/hook-routes.ts
async function answerHook(event, input) {
  const answer = await hookAnswer(event, input);
  if (answer === undefined)
    return;
  let code = 0;
  for (const [stream, name, text] of [
    [Bun.stderr, "stderr", answer.err],
    [Bun.stdout, "stdout", answer.out]
  ]) {
    if (text === "")
      continue;
    try {
      await Bun.write(stream, text);
    } catch (error) {
      if (hasErrno(error, "EPIPE"))
        continue;
      code = 1;
      if (name === "stdout")
        await Bun.write(Bun.stderr, `intercom: cannot write to stdout: ${describeError(error)}
`).catch(() => 0);
    }
  }
  return code;
}
async function hookAnswer(event, input) {
  try {
    const home = process.env.HOME;
    const config = home ? quickConfig(process.env, home, process.cwd()) : undefined;
    if (config === undefined)
      return;
    const hookInput = parseHookInput(input);
    if (event === "pre-tool-use") {
      const answer = await preToolUseAnswer(config, hookInput);
      return answer === undefined ? undefined : { out: answer === "" ? "" : `${answer}
`, err: "" };
    }
    const { leanLifecycleHook } = await import("./lifecycle-lean.js");
    return await leanLifecycleHook(event, config, hookInput, process.pid, Math.floor(performance.timeOrigin));
  } catch {
    return;
  }
}
async function preToolUseAnswer(config, hookInput) {
  const verdict = await quickVerdict(config, hookInput);
  if (verdict.kind !== "mail")
    return verdict.kind === "nothing" ? "" : undefined;
  const { leanPreToolUse } = await import("./pre-tool-use-lean.js");
  return leanPreToolUse(config, hookInput, verdict.inbox, process.pid);
}
})
