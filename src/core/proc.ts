// Facts about processes: is a pid alive *and still the same process* (pid reuse), and who are
// a process's ancestors. Linux reads /proc (a few µs per level). Elsewhere (macOS) one `ps -A`
// snapshot serves a whole ancestor walk — never one `ps` spawn per level — and one `ps -p` call
// answers about a single process.
import { hasErrno } from './errors.ts';
import { nodeFs } from './node-fs.ts';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** Executable name as the kernel reports it (for a `#!` script: the script's file name). */
  comm: string;
  /** Opaque start-time token; equal tokens for one pid mean the same process. */
  start: string;
  /** True for a process that has exited but not been reaped by its parent. */
  zombie: boolean;
}

let hasProcFs: boolean | undefined;
const hasProc = () => (hasProcFs ??= nodeFs().existsSync('/proc/self/stat'));

/** Parse /proc/<pid>/stat. comm may hold spaces and parentheses, so split at the last ')'. */
export function parseProcStat(pid: number, text: string): ProcInfo | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is the state (field 3), so field N of stat is rest[N - 3].
  const ppid = Number(rest[1]);
  const start = rest[19];
  if (!Number.isFinite(ppid) || start === undefined) return undefined;
  return { pid, ppid, comm: text.slice(open + 1, close), start, zombie: rest[0] === 'Z' };
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    return parseProcStat(pid, nodeFs().readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ESRCH', 'EACCES')) return undefined;
    throw error;
  }
}

/** One `ps` call, for every process (no pid) or for one: used where /proc does not exist (macOS). */
function psSnapshot(pid?: number): Map<number, ProcInfo> {
  const which = pid === undefined ? ['-A'] : ['-p', String(pid)];
  const out = Bun.spawnSync(['ps', ...which, '-o', 'pid=,ppid=,lstart=,comm='], { stdout: 'pipe', stderr: 'ignore' });
  const table = new Map<number, ProcInfo>();
  for (const line of out.stdout.toString().split('\n')) {
    // lstart is five words: "Fri Nov 21 22:09:01 2026"
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const comm = (m[4] ?? '').trim();
    table.set(pid, { pid, ppid: Number(m[2]), start: m[3] ?? '', comm: comm.slice(comm.lastIndexOf('/') + 1), zombie: false });
  }
  return table;
}

export function procInfo(pid: number): ProcInfo | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (hasProc()) return readProc(pid);
  return psSnapshot(pid).get(pid);
}

/**
 * Linux reports times in /proc in USER_HZ ticks, which the kernel ABI fixes at 100 per second
 * (proc(5): "clock ticks"; 100 on every architecture Claude Code ships for).
 */
const TICK_MS = 10;

/**
 * When a process started, as epoch ms, never later than the truth and at most 20 ms before it:
 * /proc/<pid>/stat field 22 (start, in ticks since boot) placed on the wall clock through
 * /proc/uptime (time since boot, 10 ms steps). Both are truncated to a tick, so the estimate is
 * within ±10 ms; one tick is taken off to keep it early. Undefined without /proc (macOS, whose
 * `ps` shows starts to the second only) or when the process is gone.
 */
export function processStartedAt(pid: number): number | undefined {
  if (!hasProc() || !Number.isInteger(pid) || pid <= 0) return undefined;
  const info = readProc(pid);
  let uptime: string;
  try {
    uptime = nodeFs().readFileSync('/proc/uptime', 'utf8');
  } catch {
    return undefined;
  }
  const now = Date.now();
  const sinceBoot = Number(uptime.slice(0, uptime.indexOf(' '))) * 1000;
  const startTicks = Number(info?.start);
  if (!info || !Number.isFinite(sinceBoot) || !Number.isFinite(startTicks)) return undefined;
  return Math.floor(now - sinceBoot + startTicks * TICK_MS - TICK_MS);
}

/**
 * The pid most recently created in this pid namespace (the fifth field of /proc/loadavg, proc(5)),
 * or undefined without /proc. Pids are handed out in increasing order (until they wrap at
 * pid_max), so a process with a higher pid was created after this was read.
 */
export function lastCreatedPid(): number | undefined {
  if (!hasProc()) return undefined;
  try {
    const text = nodeFs().readFileSync('/proc/loadavg', 'utf8');
    const last = Number(text.trim().split(' ')[4]);
    return Number.isInteger(last) && last > 0 ? last : undefined;
  } catch {
    return undefined;
  }
}

/** Pids run below this (proc(5): /proc/sys/kernel/pid_max), read once; undefined without /proc. */
let pidMaxRead: number | undefined | null = null;
function pidMax(): number | undefined {
  if (pidMaxRead !== null) return pidMaxRead;
  pidMaxRead = undefined;
  try {
    const max = Number(nodeFs().readFileSync('/proc/sys/kernel/pid_max', 'utf8').trim());
    if (Number.isInteger(max) && max > 0) pidMaxRead = max;
  } catch {
    // no /proc: pids are compared as numbers
  }
  return pidMaxRead;
}

/**
 * Whether process `a` was created after process `b`, for two pids handed out close together
 * (within seconds): pids grow until they wrap at pid_max, so past the wrap a small pid is the
 * newer one. Counted forward from `b` around pid_max: less than half the space means after.
 */
export function pidCreatedAfter(a: number, b: number): boolean {
  const max = pidMax();
  if (max === undefined || a >= max || b >= max) return a > b;
  const ahead = (((a - b) % max) + max) % max;
  return ahead !== 0 && ahead < max / 2;
}

/** True when `pid` runs and, if `start` is given, is the process that had that start token. */
export function isProcessAlive(pid: number, start?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (hasErrno(error, 'ESRCH')) return false;
    if (!hasErrno(error, 'EPERM')) throw error; // EPERM: alive, owned by someone else
  }
  if (start === undefined) return true;
  const info = procInfo(pid);
  // A zombie has exited; its pid is not a live agent.
  return info !== undefined && !info.zombie && info.start === start;
}

/** The chain of ancestors of `pid`, nearest first, excluding `pid` itself and pid 1. */
export function ancestors(pid: number, maxDepth = 64): ProcInfo[] {
  const chain: ProcInfo[] = [];
  const table = hasProc() ? undefined : psSnapshot();
  const lookup = (p: number) => (table ? table.get(p) : readProc(p));
  let current = lookup(pid);
  while (current && current.ppid > 1 && chain.length < maxDepth) {
    const parent = lookup(current.ppid);
    if (!parent) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** Names the Claude Code CLI runs under: the native binary, or a `claude` launcher script. */
const CLAUDE_COMMS = new Set(['claude', 'claude.exe', 'claude-code']);

/**
 * The Claude Code process that owns a process (an MCP server, a hook): the nearest ancestor
 * named `claude`. When none is found (another client, or claude run through node), the direct
 * parent stands in, which is what spawned the MCP server.
 */
export function findClaudeAncestor(chain: ProcInfo[]): ProcInfo | undefined {
  return findNamedClaude(chain) ?? chain[0];
}

/** The nearest process named like the Claude Code CLI, if any. */
export function findNamedClaude(chain: ProcInfo[]): ProcInfo | undefined {
  return chain.find((p) => CLAUDE_COMMS.has(p.comm));
}

/**
 * Processes that may be the Claude Code process running a hook, most likely first: the one
 * Claude Code names in CLAUDE_PID, the nearest process named claude, the grandparent (hooks run
 * through `sh -c`), the parent (exec-form hooks). Nothing further up: a far ancestor (a terminal,
 * tmux, a test runner) is shared by unrelated sessions and must never link a hook to someone
 * else's agent.
 */
export function claudeCandidates(chain: ProcInfo[], claudePid?: number): ProcInfo[] {
  const ordered = [chain.find((p) => p.pid === claudePid), findNamedClaude(chain), chain[1], chain[0]];
  return ordered.filter((p, i): p is ProcInfo => p !== undefined && ordered.indexOf(p) === i);
}

/** A process's argv (Linux: /proc/<pid>/cmdline; elsewhere one `ps` call). [] if it is gone. */
export function commandLine(pid: number): string[] {
  if (!Number.isInteger(pid) || pid <= 0) return [];
  if (hasProc()) {
    try {
      return nodeFs()
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .filter((a) => a !== '');
    } catch (error) {
      if (hasErrno(error, 'ENOENT', 'ESRCH', 'EACCES')) return [];
      throw error;
    }
  }
  const out = Bun.spawnSync(['ps', '-o', 'args=', '-p', String(pid)], { stdout: 'pipe', stderr: 'ignore' });
  return out.stdout.toString().trim().split(/\s+/).filter(Boolean);
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  argv: string[];
}

/**
 * Every process, from one `ps` call (Linux and macOS alike). argv is split on spaces, which is
 * enough to read flags like `--resume <id>`; paths with spaces in them come out in pieces.
 */
export function processSnapshot(): Map<number, ProcessEntry> {
  const out = Bun.spawnSync(['ps', '-A', '-ww', '-o', 'pid=,ppid=,args='], { stdout: 'pipe', stderr: 'ignore' });
  const table = new Map<number, ProcessEntry>();
  for (const line of out.stdout.toString().split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    table.set(Number(m[1]), { pid: Number(m[1]), ppid: Number(m[2]), argv: (m[3] ?? '').trim().split(/\s+/) });
  }
  return table;
}

/** The descendants of `root` in a snapshot, nearest first. */
export function descendants(table: Map<number, ProcessEntry>, root: number): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const p of table.values()) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const out: ProcessEntry[] = [];
  const queue = [root];
  const seen = new Set<number>([root]);
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

const INTERPRETERS = new Set(['node', 'bun', 'sh', 'bash']);
const base = (path: string | undefined) => (path ?? '').slice((path ?? '').lastIndexOf('/') + 1);

/**
 * True for an argv that runs the Claude Code CLI: the native binary (`claude`, `claude.exe`), or
 * an interpreter running it (`node …/claude-code/cli.js`, or a script named claude).
 */
export function isClaudeArgv(argv: string[]): boolean {
  if (CLAUDE_COMMS.has(base(argv[0]))) return true;
  return INTERPRETERS.has(base(argv[0])) && (CLAUDE_COMMS.has(base(argv[1])) || /claude-code\/cli\.m?js$/.test(argv[1] ?? ''));
}

/** A process's working folder (Linux: /proc; elsewhere one lsof call). */
export function processCwd(pid: number): string | undefined {
  if (hasProc()) {
    try {
      return nodeFs().readlinkSync(`/proc/${pid}/cwd`);
    } catch (error) {
      if (hasErrno(error, 'ENOENT', 'ESRCH', 'EACCES')) return undefined;
      throw error;
    }
  }
  const out = Bun.spawnSync(['lsof', '-a', '-p', String(pid), '-d', 'cwd', '-Fn'], { stdout: 'pipe', stderr: 'ignore' });
  const line = out.stdout
    .toString()
    .split('\n')
    .find((l) => l.startsWith('n'));
  return line ? line.slice(1) : undefined;
}

/**
 * The inotify descriptors a process holds (Linux: those of /proc/<pid>/fd that link to
 * `anon_inode:inotify`; Bun keeps one for all of a process's fs.watch handles). [] when the
 * process is gone, may not be read, or there is no /proc (macOS).
 */
export function inotifyDescriptors(pid: number | 'self'): number[] {
  const fs = nodeFs();
  let names: string[];
  try {
    names = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return []; // gone, not ours to read, or no /proc
  }
  const found: number[] = [];
  for (const name of names) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${name}`) === 'anon_inode:inotify') found.push(Number(name));
    } catch {
      // closed since the listing (the listing's own descriptor among them)
    }
  }
  return found;
}

/** Ask a process to stop (SIGTERM); false when it was already gone. */
export function stopProcess(pid: number): boolean {
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch (error) {
    if (hasErrno(error, 'ESRCH')) return false;
    throw error;
  }
}
