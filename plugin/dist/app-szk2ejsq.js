// @bun
import {
  NEXT,
  IntercomError,
  hasErrno,
  shorten
} from "./app-43z2an93.js";
var __create = Object.create;
var __getProtoOf = Object.getPrototypeOf;
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
function __accessProp(key) {
  return this[key];
}
var __toESMCache_node;
var __toESMCache_esm;
var __toESM = (mod, isNodeMode, target) => {
  var canCache = mod != null && typeof mod === "object";
  if (canCache) {
    var cache = isNodeMode ? __toESMCache_node ??= new WeakMap : __toESMCache_esm ??= new WeakMap;
    var cached = cache.get(mod);
    if (cached)
      return cached;
  }
  target = mod != null ? __create(__getProtoOf(mod)) : {};
  const to = isNodeMode || !mod || !mod.__esModule || !__hasOwnProp.call(mod, "default") ? __defProp(target, "default", { value: mod, enumerable: true }) : target;
  if (mod && typeof mod === "object" || typeof mod === "function") {
    for (let key of __getOwnPropNames(mod))
      if (!__hasOwnProp.call(to, key))
        __defProp(to, key, {
          get: __accessProp.bind(mod, key),
          enumerable: true
        });
  }
  if (canCache)
    cache.set(mod, to);
  return to;
};
var __commonJS = (cb, mod) => () => (mod || cb((mod = { exports: {} }).exports, mod), mod.exports);
var __require = import.meta.require;

// src/core/ids.ts
var CODE_PATTERN = /^[a-z0-9]{4}$/;
var HUMAN = "human";
var MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127})$/;
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

// src/core/node-fs.ts
var fs;
function nodeFs() {
  fs ??= __require("fs");
  return fs;
}

// src/core/proc.ts
var hasProcFs;
var hasProc = () => hasProcFs ??= nodeFs().existsSync("/proc/self/stat");
function parseProcStat(pid, text) {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open)
    return;
  const rest = text.slice(close + 2).split(" ");
  const ppid = Number(rest[1]);
  const start = rest[19];
  if (!Number.isFinite(ppid) || start === undefined)
    return;
  return { pid, ppid, comm: text.slice(open + 1, close), start, zombie: rest[0] === "Z" };
}
function readProc(pid) {
  try {
    return parseProcStat(pid, nodeFs().readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ESRCH", "EACCES"))
      return;
    throw error;
  }
}
function psSnapshot(pid) {
  const which = pid === undefined ? ["-A"] : ["-p", String(pid)];
  const out = Bun.spawnSync(["ps", ...which, "-o", "pid=,ppid=,lstart=,comm="], { stdout: "pipe", stderr: "ignore" });
  const table = new Map;
  for (const line of out.stdout.toString().split(`
`)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s+(.*)$/.exec(line);
    if (!m)
      continue;
    const pid = Number(m[1]);
    const comm = (m[4] ?? "").trim();
    table.set(pid, { pid, ppid: Number(m[2]), start: m[3] ?? "", comm: comm.slice(comm.lastIndexOf("/") + 1), zombie: false });
  }
  return table;
}
function procInfo2(pid) {
  if (!Number.isInteger(pid) || pid <= 0)
    return;
  if (hasProc())
    return readProc(pid);
  return psSnapshot(pid).get(pid);
}
var TICK_MS = 10;
function processStartedAt2(pid) {
  if (!hasProc() || !Number.isInteger(pid) || pid <= 0)
    return;
  const info = readProc(pid);
  let uptime;
  try {
    uptime = nodeFs().readFileSync("/proc/uptime", "utf8");
  } catch {
    return;
  }
  const now = Date.now();
  const sinceBoot = Number(uptime.slice(0, uptime.indexOf(" "))) * 1000;
  const startTicks = Number(info?.start);
  if (!info || !Number.isFinite(sinceBoot) || !Number.isFinite(startTicks))
    return;
  return Math.floor(now - sinceBoot + startTicks * TICK_MS - TICK_MS);
}
function lastCreatedPid2() {
  if (!hasProc())
    return;
  try {
    const text = nodeFs().readFileSync("/proc/loadavg", "utf8");
    const last = Number(text.trim().split(" ")[4]);
    return Number.isInteger(last) && last > 0 ? last : undefined;
  } catch {
    return;
  }
}
function isProcessAlive2(pid, start) {
  if (!Number.isInteger(pid) || pid <= 0)
    return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (hasErrno(error, "ESRCH"))
      return false;
    if (!hasErrno(error, "EPERM"))
      throw error;
  }
  if (start === undefined)
    return true;
  const info = procInfo2(pid);
  return info !== undefined && !info.zombie && info.start === start;
}
function ancestors2(pid, maxDepth = 64) {
  const chain = [];
  const table = hasProc() ? undefined : psSnapshot();
  const lookup = (p) => table ? table.get(p) : readProc(p);
  let current = lookup(pid);
  while (current && current.ppid > 1 && chain.length < maxDepth) {
    const parent = lookup(current.ppid);
    if (!parent)
      break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}
var CLAUDE_COMMS = new Set(["claude", "claude.exe", "claude-code"]);
function findClaudeAncestor2(chain) {
  return findNamedClaude2(chain) ?? chain[0];
}
function findNamedClaude2(chain) {
  return chain.find((p) => CLAUDE_COMMS.has(p.comm));
}
function claudeCandidates2(chain, claudePid) {
  const ordered = [chain.find((p) => p.pid === claudePid), findNamedClaude2(chain), chain[1], chain[0]];
  return ordered.filter((p, i) => p !== undefined && ordered.indexOf(p) === i);
}
function commandLine2(pid) {
  if (!Number.isInteger(pid) || pid <= 0)
    return [];
  if (hasProc()) {
    try {
      return nodeFs().readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\x00").filter((a) => a !== "");
    } catch (error) {
      if (hasErrno(error, "ENOENT", "ESRCH", "EACCES"))
        return [];
      throw error;
    }
  }
  const out = Bun.spawnSync(["ps", "-o", "args=", "-p", String(pid)], { stdout: "pipe", stderr: "ignore" });
  return out.stdout.toString().trim().split(/\s+/).filter(Boolean);
}
function processSnapshot2() {
  const out = Bun.spawnSync(["ps", "-A", "-ww", "-o", "pid=,ppid=,args="], { stdout: "pipe", stderr: "ignore" });
  const table = new Map;
  for (const line of out.stdout.toString().split(`
`)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m)
      continue;
    table.set(Number(m[1]), { pid: Number(m[1]), ppid: Number(m[2]), argv: (m[3] ?? "").trim().split(/\s+/) });
  }
  return table;
}
function descendants2(table, root) {
  const children = new Map;
  for (const p of table.values()) {
    const list = children.get(p.ppid);
    if (list)
      list.push(p);
    else
      children.set(p.ppid, [p]);
  }
  const out = [];
  const queue = [root];
  const seen = new Set([root]);
  while (queue.length) {
    for (const child of children.get(queue.shift()) ?? []) {
      if (seen.has(child.pid))
        continue;
      seen.add(child.pid);
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}
var INTERPRETERS = new Set(["node", "bun", "sh", "bash"]);
var base = (path) => (path ?? "").slice((path ?? "").lastIndexOf("/") + 1);
function isClaudeArgv2(argv) {
  if (CLAUDE_COMMS.has(base(argv[0])))
    return true;
  return INTERPRETERS.has(base(argv[0])) && (CLAUDE_COMMS.has(base(argv[1])) || /claude-code\/cli\.m?js$/.test(argv[1] ?? ""));
}
function processCwd2(pid) {
  if (hasProc()) {
    try {
      return nodeFs().readlinkSync(`/proc/${pid}/cwd`);
    } catch (error) {
      if (hasErrno(error, "ENOENT", "ESRCH", "EACCES"))
        return;
      throw error;
    }
  }
  const out = Bun.spawnSync(["lsof", "-a", "-p", String(pid), "-d", "cwd", "-Fn"], { stdout: "pipe", stderr: "ignore" });
  const line = out.stdout.toString().split(`
`).find((l) => l.startsWith("n"));
  return line ? line.slice(1) : undefined;
}
function stopProcess2(pid) {
  try {
    process.kill(pid, "SIGTERM");
    return true;
  } catch (error) {
    if (hasErrno(error, "ESRCH"))
      return false;
    throw error;
  }
}

export { __toESM, __commonJS, __require, CODE_PATTERN, HUMAN, MAILBOX_PATTERN, MESSAGE_ID_PATTERN, SESSION_ID_PATTERN, NAME_PATTERN, randomToken, newCode, messageIdGenerator, assertCode, assertMailbox, sessionMailbox, assertMessageId, assertSessionId, assertName, isCode, isSessionId, parseIdentityOverride, nodeFs, procInfo2, processStartedAt2, lastCreatedPid2, isProcessAlive2, ancestors2, findClaudeAncestor2, findNamedClaude2, claudeCandidates2, commandLine2, processSnapshot2, descendants2, isClaudeArgv2, processCwd2, stopProcess2 };
