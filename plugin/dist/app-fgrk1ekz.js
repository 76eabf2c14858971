// @bun
import {
  hasErrno
} from "./app-jcmt5trc.js";
import {
  __require
} from "./app-x0fgcxv8.js";

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
var pidMaxRead = null;
function pidMax() {
  if (pidMaxRead !== null)
    return pidMaxRead;
  pidMaxRead = undefined;
  try {
    const max = Number(nodeFs().readFileSync("/proc/sys/kernel/pid_max", "utf8").trim());
    if (Number.isInteger(max) && max > 0)
      pidMaxRead = max;
  } catch {}
  return pidMaxRead;
}
function pidCreatedAfter2(a, b) {
  const max = pidMax();
  if (max === undefined || a >= max || b >= max)
    return a > b;
  const ahead = ((a - b) % max + max) % max;
  return ahead !== 0 && ahead < max / 2;
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
function inotifyDescriptors2(pid) {
  const fs = nodeFs();
  let names;
  try {
    names = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const found = [];
  for (const name of names) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${name}`) === "anon_inode:inotify")
        found.push(Number(name));
    } catch {}
  }
  return found;
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

export { nodeFs, procInfo2, processStartedAt2, lastCreatedPid2, pidCreatedAfter2, isProcessAlive2, ancestors2, findClaudeAncestor2, findNamedClaude2, claudeCandidates2, commandLine2, processSnapshot2, descendants2, isClaudeArgv2, processCwd2, inotifyDescriptors2, stopProcess2 };
