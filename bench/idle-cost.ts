// What an idle session costs the machine (issue 14.4): an armed watcher (the real `intercom hook
// stop` process, from the bundle users run) and MCP servers (`intercom mcp`, bundle), each started
// exactly as its registration starts it (the hook command's env; `intercom install`'s mcpServers
// entry: command, args and env), left idle for a while: how often each wakes up, and how much
// memory each holds. Two servers: one that has answered Claude Code's handshake only
// (initialize, tools/list), and one that has also run a tool call (the SDK loaded). Next to the
// floor measured in the same run: an idle bun script (a timer due in 23 days keeps it running).
// Wake-ups are the seconds of the window in which the process ran at all (its context switches,
// every thread counted, /proc/<pid>/task/*/status: voluntary + nonvoluntary, read once a second),
// per minute; the context switches per minute are printed beside them. Memory: RSS, and from
// /proc/<pid>/smaps_rollup Pss (shared pages divided among their users: much of RSS is the bun
// executable's clean pages, shared by every bun process) and private pages (this process's own).
// The watcher's inotify holder (core/inotify-holder.ts: a sleeping `sh`, one per watcher) is
// measured too, since an armed watcher brings it. So is the least a watcher written for bun holds
// (fixtures/least-watcher.ts: its input read, one fs.watch, nothing else), in the lean wait's
// environment: how close to the memory bar any watcher can come.
// Bars: a watcher and a server ≤ 1 wakeup a minute; RSS: watcher ≤ 1.3×, server ≤ 2× the idle script's.
//   bun bench/idle-cost.ts [seconds]   (default: two of the watcher's backstop rescans, 600 s)
// IDLE_WARMUP_S (default 70): how long everything idles before the window opens.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { LEAN_WAIT_ENV_VARS, SERVER_ENV, WATCHER_ENV_VARS } from '../src/cli/install/hooks-spec.ts';
import { INBOX_RESCAN_MS } from '../src/store/agent-watch.ts';
import { serverEntry } from '../src/cli/install/plan.ts';
import { openIntercom } from '../src/intercom/index.ts';
import { holdersOf } from '../test/helpers/holders.ts';
import { registerLive } from '../test/helpers/store.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const LEAST_WATCHER = resolve(import.meta.dir, 'fixtures', 'least-watcher.ts');
const seconds = Number(process.argv[2] ?? (2 * INBOX_RESCAN_MS) / 1_000);

/** Context switches of each thread of `pid` so far, by thread id. */
function switches(pid: number): Map<string, number> {
  const byThread = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    let total = 0;
    for (const m of status.matchAll(/^(?:voluntary|nonvoluntary)_ctxt_switches:\s+(\d+)$/gm)) total += Number(m[1]);
    byThread.set(tid, total);
  }
  return byThread;
}

/** Switches between two readings: threads that ended count what they had until the first; new ones all theirs. */
function switchesBetween(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [tid, n] of after) total += n - (before.get(tid) ?? 0);
  return total;
}

/** MiB of memory: RSS, Pss and private (clean + dirty), from /proc/<pid>/smaps_rollup. */
function memory(pid: number): { rss: number; pss: number; private: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(rollup)?.[1] ?? Number.NaN);
  return { rss: kB('Rss') / 1024, pss: kB('Pss') / 1024, private: (kB('Private_Clean') + kB('Private_Dirty')) / 1024 };
}
const mem = (m: ReturnType<typeof memory>) =>
  `RSS ${m.rss.toFixed(1)} MiB, Pss ${m.pss.toFixed(1)} MiB, private ${m.private.toFixed(1)} MiB`;
const threads = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
const procs: Bun.Subprocess[] = [];
try {
  const env = isolatedEnv(sandbox);
  const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
  const sessionId = randomUUID();
  const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
  const transcript = join(env.CLAUDE_CONFIG_DIR!, 'projects', '-bench', `${sessionId}.jsonl`);
  mkdirSync(dirname(transcript), { recursive: true });
  writeFileSync(transcript, '');
  const input = JSON.stringify({ session_id: sessionId, transcript_path: transcript, hook_event_name: 'Stop', stop_hook_active: false });
  const floor = Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 2_000_000_000)'], { stdout: 'ignore', stderr: 'ignore' });
  // As watchers run (their hook command: cli/install/hooks-spec.ts): with Bun's GC timer off.
  const floorNoTimer = Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 2_000_000_000)'], {
    env: { ...env, ...WATCHER_ENV_VARS },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  // As the server runs (its registered env: SERVER_ENV).
  const floorServerEnv = Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 2_000_000_000)'], {
    env: { ...env, ...SERVER_ENV },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  const watcher = Bun.spawn([process.execPath, BUNDLE, 'hook', 'stop'], {
    env: { ...env, ...WATCHER_ENV_VARS },
    stdin: new TextEncoder().encode(input),
    stdout: 'ignore',
    stderr: 'inherit',
  });
  const inbox = join(env.CLAUDE_INTERCOM_DIR!, 'mail', agent.code, 'new');
  mkdirSync(inbox, { recursive: true });
  // As the lean wait runs, which is what an armed watcher is by then (LEAN_WAIT_ENV_VARS: no JIT).
  const leastWatcher = Bun.spawn([process.execPath, LEAST_WATCHER, inbox], {
    env: { ...env, ...LEAN_WAIT_ENV_VARS },
    stdin: new TextEncoder().encode(input),
    stdout: 'ignore',
    stderr: 'inherit',
  });
  procs.push(floor, floorNoTimer, floorServerEnv, watcher, leastWatcher);
  // As `intercom install` registers the server (Claude Code adds the entry's env to its own).
  const registered = serverEntry({ bun: process.execPath, entry: BUNDLE, skill: '' });
  const startServer = async (name: string, requests: object[]) => {
    const proc = Bun.spawn([registered.command, ...registered.args], {
      env: { ...env, ...registered.env, CLAUDE_INTERCOM_SESSION: name },
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'ignore',
    });
    procs.push(proc);
    const handshake = [
      {
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
      },
      { method: 'notifications/initialized' },
      { id: 2, method: 'tools/list' },
    ];
    const all = [...handshake, ...requests];
    proc.stdin.write(all.map((m) => `${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`).join(''));
    await proc.stdin.flush();
    // Every request answered (stdout is then left unread: nothing more comes).
    const reader = proc.stdout.getReader();
    let text = '';
    while (text.split('\n').length <= all.filter((m) => 'id' in m).length) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the server ${name} ended before answering: ${text}`);
      text += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    return proc;
  };
  const server = await startServer('bench-server', []);
  const served = await startServer('bench-served', [{ id: 3, method: 'tools/call', params: { name: 'whoami', arguments: {} } }]);
  while ((await store.watchers.current(agent.code))?.pid !== watcher.pid) await Bun.sleep(20);
  // Past start-up: its idle pool threads end ~10 s after their last job, and JSC runs its last
  // collection of start-up garbage 30–55 s in (seen with strace: a read of /proc/self/statm, then
  // madvise, once).
  await Bun.sleep(Number(process.env.IDLE_WARMUP_S ?? 70) * 1_000);
  const [holder] = holdersOf(watcher.pid);
  const watched = {
    floor: floor.pid,
    floorNoTimer: floorNoTimer.pid,
    floorServerEnv: floorServerEnv.pid,
    watcher: watcher.pid,
    leastWatcher: leastWatcher.pid,
    holder: holder ?? watcher.pid,
    server: server.pid,
    served: served.pid,
  };
  const before = Object.fromEntries(Object.entries(watched).map(([k, pid]) => [k, switches(pid)]));
  // Wake-ups: the seconds in which a process ran at all (its switch count moved), read once a
  // second. One wake-up, a backstop rescan say, is several context switches (each read it waits
  // for, any preemption), so the switches per minute over-count what the bar counts.
  const active = Object.fromEntries(Object.keys(watched).map((k) => [k, 0])) as Record<keyof typeof watched, number>;
  let last = before;
  for (let s = 0; s < seconds; s++) {
    await Bun.sleep(1_000);
    const now = Object.fromEntries(Object.entries(watched).map(([k, pid]) => [k, switches(pid)]));
    for (const k of Object.keys(watched) as (keyof typeof watched)[]) if (switchesBetween(last[k]!, now[k]!) > 0) active[k]++;
    last = now;
  }
  const perMinute = (k: keyof typeof watched) => (switchesBetween(before[k]!, switches(watched[k])) * 60) / seconds;
  /** Wake-ups a minute (seconds with any activity), and the context switches a minute beside them. */
  const wakeups = (k: keyof typeof watched) =>
    `${((active[k] * 60) / seconds).toFixed(1)} wake-ups/min (${perMinute(k).toFixed(1)} context switches/min)`;
  const m = {
    floor: memory(floor.pid),
    watcher: memory(watcher.pid),
    leastWatcher: memory(leastWatcher.pid),
    server: memory(server.pid),
    served: memory(served.pid),
  };
  const times = (k: 'watcher' | 'leastWatcher' | 'server' | 'served', bar: number) =>
    `RSS ${(m[k].rss / m.floor.rss).toFixed(2)}× (bar ${bar}×), Pss ${(m[k].pss / m.floor.pss).toFixed(2)}×, private ${(m[k].private / m.floor.private).toFixed(2)}× the floor's`;
  console.log(`idle cost over ${seconds} s (wake-ups: seconds in which a process ran, read each second; memory after the window):`);
  console.log(`  floor (an idle bun script): ${wakeups('floor')}, ${mem(m.floor)}, ${threads(floor.pid)} threads`);
  console.log(`  the same with Bun's GC timer off (as watchers run): ${wakeups('floorNoTimer')}`);
  console.log(
    `  the same with the server's env (GC timer off, no allocator scavenger): ${wakeups('floorServerEnv')}, ${mem(memory(floorServerEnv.pid))}`,
  );
  console.log(
    `  armed watcher: ${wakeups('watcher')} (bar ≤ 1 wake-up), ${mem(m.watcher)} = ${times('watcher', 1.3)}, ${threads(watcher.pid)} threads`,
  );
  console.log(
    `  the least a bun watcher holds (fixtures/least-watcher.ts): ${wakeups('leastWatcher')}, ${mem(m.leastWatcher)} = ${times('leastWatcher', 1.3)} (the bar's reach); the watcher is RSS ${(m.watcher.rss / m.leastWatcher.rss).toFixed(2)}× it`,
  );
  if (holder === undefined) console.log('  (no inotify holder beside the watcher)');
  else {
    const h = memory(holder);
    console.log(
      `  its inotify holder: ${wakeups('holder')}, ${mem(h)}; watcher + holder: RSS ${((m.watcher.rss + h.rss) / m.floor.rss).toFixed(2)}×, Pss ${((m.watcher.pss + h.pss) / m.floor.pss).toFixed(2)}× the floor's`,
    );
  }
  console.log(
    `  MCP server after the handshake: ${wakeups('server')} (bar ≤ 1 wake-up), ${mem(m.server)} = ${times('server', 2)}, ${threads(server.pid)} threads`,
  );
  console.log(
    `  MCP server after a tool call too (SDK loaded): ${wakeups('served')} (bar ≤ 1 wake-up), ${mem(m.served)} = ${times('served', 2)}, ${threads(served.pid)} threads`,
  );
} finally {
  for (const p of procs) p.kill('SIGKILL');
  rmSync(sandbox, { recursive: true, force: true });
}
