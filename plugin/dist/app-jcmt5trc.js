// @bun
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
function baseName(path) {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
function dirName(path) {
  const trimmed = path.replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  if (i < 0)
    return ".";
  return i === 0 ? "/" : trimmed.slice(0, i);
}
function relativeTo(base, path) {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
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
function renderNote(item, surface) {
  const { next, ...rest } = item;
  return { ...rest, note: withNextStep(item.note, next, surface) };
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
function isIntercomError(error) {
  return error instanceof IntercomError;
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
function nextBoundary(s, b) {
  for (let window = WINDOW;; window *= 2) {
    const end = Math.min(s.length, b + window);
    let first = true;
    for (const { index } of graphemes().segment(s.slice(b, end))) {
      if (!first)
        return b + index;
      first = false;
    }
    if (end === s.length)
      return s.length;
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
function sliceTail(s, n) {
  const cut = s.length - Math.max(0, Math.floor(n));
  if (cut <= 0)
    return s;
  const back = boundaryAtOrBefore(s, cut);
  return s.slice(back === cut ? cut : nextBoundary(s, back));
}
function shorten(s, max, mark = "\u2026") {
  return s.length <= max ? s : `${sliceChars(s, max - mark.length)}${mark}`;
}
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
var CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
function assertPlainText(field, value, options = {}) {
  const bad = (options.oneLine ? CONTROL_ONE_LINE : CONTROL).exec(value);
  if (!bad)
    return value;
  const hex = bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
  const allowed = options.oneLine ? "write it on one line, without tabs or newlines" : "newlines and tabs are fine";
  throw new IntercomError("BAD_INPUT", `the ${field} contains control character U+${hex} at position ${bad.index}; remove it (${allowed})`);
}
var STRING_COMMAND = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
var CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
var ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
var LEFT_OVER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
var INVISIBLE_OR_BIDI = /[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
function forTerminal(s) {
  const plain = s.replace(INVISIBLE_OR_BIDI, "");
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(plain))
    return plain;
  return plain.replace(STRING_COMMAND, "").replace(CSI, "").replace(ESC_OTHER, "").replace(LEFT_OVER, "");
}
function jsonForTerminal(json) {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function oneLineForTerminal(s) {
  return forTerminal(s).replace(/\r\n|[\r\n\u2028\u2029]/g, "\\n").replace(/\t/g, "\\t");
}
function asciiEscaped(s) {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0);
    out += code >= 32 && code < 127 && ch !== "<" && ch !== ">" && ch !== "\\" ? ch : `\\u{${code.toString(16)}}`;
  }
  return out;
}

// src/core/ids.ts
var CODE_PATTERN = /^[a-z0-9]{4}$/;
var HUMAN = "human";
var MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127})$/;
var MACHINE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
var NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
var DOMAIN_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
var REMOTE_MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human)@[a-z0-9][a-z0-9-]{0,62}$/;
var RECIPIENT_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127}|(?:[a-z0-9]{4}|human)@[a-z0-9][a-z0-9-]{0,62})$/;
var MESSAGE_ID_PATTERN = /^\d{13}-[a-z0-9]{10}$/;
var SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;
var NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
var RESERVED_NAMES = new Set(["all", "everyone", "human", "me", "self"]);
var ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
function randomToken(length) {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const b of bytes)
    out += ALPHABET[b % ALPHABET.length];
  return out;
}
function newCode() {
  return randomToken(4);
}
function messageIdGenerator(clock) {
  let lastMs = -1;
  let seq = 0;
  return () => {
    const ms = clock.now();
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    const seqPart = (seq % 36 ** 3).toString(36).padStart(3, "0");
    return `${String(ms).padStart(13, "0")}-${seqPart}${randomToken(7)}`;
  };
}
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
function assertDomain(value, what = "--domain") {
  if (DOMAIN_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${what} ${JSON.stringify(value)} is not a JetStream domain: 1-64 letters, digits, "_" and "-"`);
}
function isMachine(value) {
  return MACHINE_PATTERN.test(value);
}
function splitRemote(recipient) {
  if (!REMOTE_MAILBOX_PATTERN.test(recipient))
    return;
  const at = recipient.indexOf("@");
  return { box: recipient.slice(0, at), machine: recipient.slice(at + 1) };
}
function senderAddress(from) {
  return from.machine ? `${from.code}@${from.machine}` : from.code;
}
function assertRecipient(value) {
  if (typeof value === "string" && RECIPIENT_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid recipient: expected a 4-character agent code, "human", "s-<session id>", or code@machine`);
}
function sessionMailbox(sessionId) {
  return `s-${assertSessionId(sessionId)}`;
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
function assertName(value) {
  if (typeof value !== "string" || !NAME_PATTERN.test(value)) {
    throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid agent name: start with a letter, then up to 31 letters, digits, ".", "_" or "-"`);
  }
  if (/^[a-z0-9]{4}$/i.test(value)) {
    throw new IntercomError("BAD_INPUT", `"${value}" looks like an agent code (4 letters or digits), so it could stand for another agent; pick a name of another length`);
  }
  if (RESERVED_NAMES.has(value.toLowerCase())) {
    throw new IntercomError("BAD_INPUT", `"${value}" is reserved (it has a meaning as a recipient); pick another name`);
  }
  return value;
}
function isCode(value) {
  return CODE_PATTERN.test(value);
}
function isSessionId(value) {
  return SESSION_ID_PATTERN.test(value);
}
function parseIdentityOverride(value) {
  if (value === undefined)
    return {};
  if (isCode(value))
    return { code: value };
  if (isSessionId(value) && /\d/.test(value) && value.includes("-") && value.length >= 16)
    return { sessionId: value };
  if (NAME_PATTERN.test(value))
    return { name: value };
  throw new IntercomError("BAD_INPUT", `CLAUDE_INTERCOM_SESSION=${JSON.stringify(value)} is neither a session id, a 4-character code nor a name; fix or unset it`);
}

// src/core/config.ts
var DEFAULT_NAMESPACE = "intercom";
function machineFromHostname(hostname) {
  const label = hostname.split(".")[0].toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+/, "").slice(0, 63);
  return label === "" ? "localhost" : label;
}
var DEFAULT_MAX_BODY_BYTES = 64 * 1024;
var DEFAULT_RETENTION_DAYS = 14;
var CLAIM_MODES = ["warn", "ask", "deny"];
var WATCH_MODES = ["auto", "events", "poll"];
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
function positiveInt(value, name, fallback, warn) {
  if (value === undefined)
    return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0)
    return n;
  warn(`${name}=${value} is not a positive whole number, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}
function oneOf(value, name, allowed, fallback, warn) {
  if (value === undefined)
    return fallback;
  const lower = value.toLowerCase();
  if (allowed.includes(lower))
    return lower;
  warn(`${name}=${value} is not one of ${allowed.join(", ")}, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}
function meshConfig(env, hostname, warn) {
  const wanted = nonEmpty(env.CLAUDE_INTERCOM_MACHINE);
  const fallback = machineFromHostname(hostname);
  const machineOk = wanted === undefined || MACHINE_PATTERN.test(wanted);
  const machineProblem = machineOk ? undefined : `CLAUDE_INTERCOM_MACHINE=${wanted} is not a machine name (1-63 characters of a-z, 0-9 and "-"), so "${fallback}" is used; fix or unset it`;
  if (machineProblem)
    warn(machineProblem);
  const namespace = nonEmpty(env.CLAUDE_INTERCOM_NATS_NAMESPACE);
  const namespaceOk = namespace === undefined || NAMESPACE_PATTERN.test(namespace);
  if (!namespaceOk)
    warn(`CLAUDE_INTERCOM_NATS_NAMESPACE=${namespace} is not a namespace (1-32 characters of a-z, 0-9, "_" and "-"), so "${DEFAULT_NAMESPACE}" is used; fix or unset it`);
  const domain = nonEmpty(env.CLAUDE_INTERCOM_NATS_DOMAIN);
  const domainProblem = domain === undefined || DOMAIN_PATTERN.test(domain) ? undefined : `CLAUDE_INTERCOM_NATS_DOMAIN=${domain} is not a JetStream domain (1-64 letters, digits, "_" and "-"); fix or unset it`;
  if (domainProblem)
    warn(domainProblem);
  return {
    server: nonEmpty(env.CLAUDE_INTERCOM_NATS_URL),
    machine: machineOk && wanted !== undefined ? wanted : fallback,
    machineProblem,
    namespace: namespaceOk && namespace !== undefined ? namespace : DEFAULT_NAMESPACE,
    domain: domainProblem ? undefined : domain,
    domainProblem,
    user: nonEmpty(env.CLAUDE_INTERCOM_NATS_USER),
    password: nonEmpty(env.CLAUDE_INTERCOM_NATS_PASSWORD),
    token: nonEmpty(env.CLAUDE_INTERCOM_NATS_TOKEN),
    creds: nonEmpty(env.CLAUDE_INTERCOM_NATS_CREDS),
    tlsCa: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_CA),
    tlsCert: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_CERT),
    tlsKey: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_KEY)
  };
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
function resolveConfig({ env, cwd, home, hostname = "localhost" }) {
  const warnings = [];
  const warn = (w) => warnings.push(w);
  const storeDir = nonEmpty(env.CLAUDE_INTERCOM_DIR);
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return Object.freeze({
    storeDir: storeDir ? absoluteDir(storeDir, "CLAUDE_INTERCOM_DIR", home) : joinPath(home, ".claude-intercom"),
    claudeConfigDirs: claudeConfigDirsOf(env, home),
    claudeUserConfigFile: configDir ? joinPath(absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home), ".claude.json") : joinPath(home, ".claude.json"),
    identityOverride: nonEmpty(env.CLAUDE_INTERCOM_SESSION),
    claudeSessionId: nonEmpty(env.CLAUDE_CODE_SESSION_ID),
    claudePid: claudePidOf(env.CLAUDE_PID),
    pluginRoot: nonEmpty(env.CLAUDE_PLUGIN_ROOT),
    underClaudeCode: env.CLAUDECODE === "1",
    resumeFlags: (nonEmpty(env.CLAUDE_INTERCOM_RESUME_FLAGS) ?? "").split(/\s+/).filter(Boolean),
    tmuxArgs: (nonEmpty(env.CLAUDE_INTERCOM_TMUX) ?? "").split(/\s+/).filter(Boolean),
    maxBodyBytes: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_MAX_BODY), "CLAUDE_INTERCOM_MAX_BODY", DEFAULT_MAX_BODY_BYTES, warn),
    claimMode: oneOf(nonEmpty(env.CLAUDE_INTERCOM_CLAIM_MODE), "CLAUDE_INTERCOM_CLAIM_MODE", CLAIM_MODES, "ask", warn),
    retentionDays: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_RETENTION_DAYS), "CLAUDE_INTERCOM_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, warn),
    watch: oneOf(nonEmpty(env.CLAUDE_INTERCOM_WATCH), "CLAUDE_INTERCOM_WATCH", WATCH_MODES, "auto", warn),
    mesh: meshConfig(env, hostname, warn),
    chokidarEnv: ["CHOKIDAR_USEPOLLING", "CHOKIDAR_INTERVAL"].flatMap((name) => env[name] === undefined ? [] : [`${name}=${env[name]}`]),
    debug: /\bintercom\b/.test(env.DEBUG ?? ""),
    cwd,
    warnings
  });
}

export { joinPath, isAbsolutePath, normalizePath, baseName, dirName, relativeTo, nextStepText, renderNote, NEXT, IntercomError, isIntercomError, hasErrno, describeError, boundaryAtOrBefore, sliceChars, sliceTail, shorten, assertPlainText, forTerminal, jsonForTerminal, oneLineForTerminal, asciiEscaped, CODE_PATTERN, HUMAN, MAILBOX_PATTERN, MACHINE_PATTERN, NAMESPACE_PATTERN, REMOTE_MAILBOX_PATTERN, RECIPIENT_PATTERN, MESSAGE_ID_PATTERN, SESSION_ID_PATTERN, NAME_PATTERN, randomToken, newCode, messageIdGenerator, assertCode, assertMailbox, assertMachine, assertDomain, isMachine, splitRemote, senderAddress, assertRecipient, sessionMailbox, assertMessageId, assertSessionId, assertName, isCode, isSessionId, parseIdentityOverride, DEFAULT_MAX_BODY_BYTES, resolveConfig };
