// @bun
// src/core/paths.ts
function joinPath(...parts) {
  let out = "";
  for (const part of parts) {
    if (part === "")
      continue;
    out = out === "" ? part : out.endsWith("/") ? `${out}${part.replace(/^\/+/, "")}` : `${out}/${part.replace(/^\/+/, "")}`;
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

// src/core/config.ts
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
function resolveConfig({ env, cwd, home }) {
  const warnings = [];
  const warn = (w) => warnings.push(w);
  const storeDir = nonEmpty(env.CLAUDE_INTERCOM_DIR);
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return Object.freeze({
    storeDir: storeDir ? absoluteDir(storeDir, "CLAUDE_INTERCOM_DIR", home) : joinPath(home, ".claude-intercom"),
    claudeConfigDirs: [
      configDir ? absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home) : joinPath(home, ".claude"),
      ...(nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) ?? "").split(":").filter(Boolean).map((dir) => absoluteDir(dir, "CLAUDE_INTERCOM_CONFIG_DIRS", home))
    ],
    claudeUserConfigFile: configDir ? joinPath(absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home), ".claude.json") : joinPath(home, ".claude.json"),
    identityOverride: nonEmpty(env.CLAUDE_INTERCOM_SESSION),
    claudeSessionId: nonEmpty(env.CLAUDE_CODE_SESSION_ID),
    claudePid: /^\d+$/.test(env.CLAUDE_PID ?? "") ? Number(env.CLAUDE_PID) : undefined,
    pluginRoot: nonEmpty(env.CLAUDE_PLUGIN_ROOT),
    underClaudeCode: env.CLAUDECODE === "1",
    resumeFlags: (nonEmpty(env.CLAUDE_INTERCOM_RESUME_FLAGS) ?? "").split(/\s+/).filter(Boolean),
    tmuxArgs: (nonEmpty(env.CLAUDE_INTERCOM_TMUX) ?? "").split(/\s+/).filter(Boolean),
    maxBodyBytes: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_MAX_BODY), "CLAUDE_INTERCOM_MAX_BODY", DEFAULT_MAX_BODY_BYTES, warn),
    claimMode: oneOf(nonEmpty(env.CLAUDE_INTERCOM_CLAIM_MODE), "CLAUDE_INTERCOM_CLAIM_MODE", CLAIM_MODES, "ask", warn),
    retentionDays: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_RETENTION_DAYS), "CLAUDE_INTERCOM_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, warn),
    watch: oneOf(nonEmpty(env.CLAUDE_INTERCOM_WATCH), "CLAUDE_INTERCOM_WATCH", WATCH_MODES, "auto", warn),
    chokidarEnv: ["CHOKIDAR_USEPOLLING", "CHOKIDAR_INTERVAL"].flatMap((name) => env[name] === undefined ? [] : [`${name}=${env[name]}`]),
    debug: /\bintercom\b/.test(env.DEBUG ?? ""),
    cwd,
    warnings
  });
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

export { joinPath, normalizePath, baseName, dirName, relativeTo, nextStepText, renderNote, NEXT, IntercomError, isIntercomError, hasErrno, describeError, DEFAULT_MAX_BODY_BYTES, resolveConfig, boundaryAtOrBefore, sliceChars, sliceTail, shorten, assertPlainText, forTerminal, jsonForTerminal, oneLineForTerminal, asciiEscaped };
