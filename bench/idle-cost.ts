// What an idle session costs the machine (issue 14.4): an armed watcher (the real `intercom hook
// stop` process, from the bundle users run) and an MCP server (`intercom mcp`, bundle), left idle
// for a while: how often each wakes up, and how much memory each holds. Next to the floor
// measured in the same run: an idle bun script (a timer due in 23 days keeps it running).
// Wakeups are the process's context switches over the window, every thread counted
// (/proc/<pid>/task/*/status: voluntary + nonvoluntary), per minute. Bars: a watcher ≤ 1
// wakeup a minute; RSS: watcher ≤ 1.3×, server ≤ 2× the idle script's.
//   bun bench/idle-cost.ts [seconds]   (default 60)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { WATCHER_ENV } from '../src/cli/install/hooks-spec.ts';
import { openIntercom } from '../src/intercom/index.ts';
import { registerLive } from '../test/helpers/store.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const WATCHER_ENV_VARS = Object.fromEntries(WATCHER_ENV.split(' ').map((kv) => kv.split('=') as [string, string]));
const seconds = Number(process.argv[2] ?? 60);

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

const rssMiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
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
  const watcher = Bun.spawn([process.execPath, BUNDLE, 'hook', 'stop'], {
    env: { ...env, ...WATCHER_ENV_VARS },
    stdin: new TextEncoder().encode(input),
    stdout: 'ignore',
    stderr: 'inherit',
  });
  const server = Bun.spawn([process.execPath, BUNDLE, 'mcp'], {
    env: { ...env, CLAUDE_INTERCOM_SESSION: 'bench-server' },
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
  });
  procs.push(floor, floorNoTimer, watcher, server);
  server.stdin.write(
    `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } } })}\n` +
      `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
  );
  await server.stdin.flush();
  while ((await store.watchers.current(agent.code))?.pid !== watcher.pid) await Bun.sleep(20);
  await Bun.sleep(20_000); // past start-up: its idle pool threads end ~10 s after their last job
  const watched = { floor: floor.pid, floorNoTimer: floorNoTimer.pid, watcher: watcher.pid, server: server.pid };
  const before = Object.fromEntries(Object.entries(watched).map(([k, pid]) => [k, switches(pid)]));
  await Bun.sleep(seconds * 1_000);
  const perMinute = (k: keyof typeof watched) => (switchesBetween(before[k]!, switches(watched[k])) * 60) / seconds;
  const rss = { floor: rssMiB(floor.pid), watcher: rssMiB(watcher.pid), server: rssMiB(server.pid) };
  console.log(`idle cost over ${seconds} s (context switches of all threads; RSS after the window):`);
  console.log(
    `  floor (an idle bun script): ${perMinute('floor').toFixed(1)} wakeups/min, RSS ${rss.floor.toFixed(1)} MiB, ${threads(floor.pid)} threads`,
  );
  console.log(`  the same with Bun's GC timer off (as watchers run): ${perMinute('floorNoTimer').toFixed(1)} wakeups/min`);
  console.log(
    `  armed watcher: ${perMinute('watcher').toFixed(1)} wakeups/min (bar ≤ 1), RSS ${rss.watcher.toFixed(1)} MiB = ${(rss.watcher / rss.floor).toFixed(2)}× the floor (bar 1.3×), ${threads(watcher.pid)} threads`,
  );
  console.log(
    `  MCP server: ${perMinute('server').toFixed(1)} wakeups/min, RSS ${rss.server.toFixed(1)} MiB = ${(rss.server / rss.floor).toFixed(2)}× the floor (bar 2×), ${threads(server.pid)} threads`,
  );
} finally {
  for (const p of procs) p.kill('SIGKILL');
  rmSync(sandbox, { recursive: true, force: true });
}
