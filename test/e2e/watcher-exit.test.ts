// A watcher's exit is what wakes a session, and what lets a closing one end: it must not wait
// for the kernel to tear its inotify instance down (core/inotify-holder.ts: 12–20 ms when the
// machine is busy). An armed watcher, run as registered (through a shell, as Claude Code runs
// hooks), hands its inotify instance to a holder process that sleeps, holds none of Claude
// Code's pipes, and ends with the watcher, however the watcher ends. bench/wake.ts measures
// what this buys; this checks the arrangement.
import { afterEach, expect, test } from 'bun:test';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { hooksConfig } from '../../src/cli/install/hooks-spec.ts';
import { ORPHAN_AGE_MS, UNREAPED_LIMIT } from '../../src/core/inotify-holder.ts';
import { procInfo } from '../../src/core/proc.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { holdersOf } from '../helpers/holders.ts';
import { BUN, ENTRY, FIXTURES } from '../helpers/paths.ts';
import { registerLive } from '../helpers/store.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const linux = process.platform === 'linux';
/** A new pid namespace can be had here (root, or unprivileged user namespaces). */
const pidNamespaces = linux && Bun.spawnSync(['unshare', '-fp', '--mount-proc', 'true'], { stderr: 'ignore' }).exitCode === 0;
const spawned: Bun.Subprocess[] = [];
afterEach(() => {
  for (const p of spawned.splice(0)) p.kill('SIGKILL');
});

/** The watched inodes of each inotify descriptor of `pid` (from /proc/<pid>/fdinfo), by descriptor. */
function inotifyWatches(pid: number): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (target !== 'anon_inode:inotify') continue;
    const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
    found.set(Number(fd), [...info.matchAll(/^inotify wd:\S+ ino:(\S+) sdev:(\S+)/gm)].map((m) => `${m[2]}:${m[1]}`).sort());
  }
  return found;
}

/** Gone, or a zombie (its parent died; whoever adopted it reaps it when it gets to it). */
const ended = (pid: number) => procInfo(pid)?.zombie !== false;

async function armWatcher() {
  const sandbox = tmpDir('intercom-watcher-exit-');
  const env = isolatedEnv(sandbox);
  const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
  const sessionId = randomUUID();
  const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
  const transcript = join(env.CLAUDE_CONFIG_DIR!, 'projects', '-exit', `${sessionId}.jsonl`);
  mkdirSync(dirname(transcript), { recursive: true });
  writeFileSync(transcript, '');
  const command = hooksConfig(`"${BUN}" "${ENTRY}"`).Stop![0]!.hooks[0]!.command;
  const input = JSON.stringify({ session_id: sessionId, transcript_path: transcript, hook_event_name: 'Stop', stop_hook_active: false });
  const shell = Bun.spawn(['sh', '-c', command], { env, stdin: new TextEncoder().encode(input), stdout: 'pipe', stderr: 'pipe' });
  spawned.push(shell);
  const watcher = await until(async () => {
    const pid = (await store.watchers.current(agent.code))?.pid;
    return pid !== undefined && (await store.agents.activity(agent.code)).state === 'idle' ? pid : undefined;
  }, 'the watcher to arm');
  const holder = await until(() => holdersOf(watcher)[0], 'the watcher to start its inotify holder');
  return { store, agent, shell, watcher, holder };
}

test.skipIf(!linux)('an armed watcher hands its inotify instance to a holder that sleeps and holds none of its pipes', async () => {
  const { store, agent, shell, watcher, holder } = await armWatcher();
  expect(holdersOf(watcher)).toEqual([holder]); // one, however many watches
  // The same instance: the holder's descriptor watches exactly what the watcher's does.
  const watcherWatches = [...inotifyWatches(watcher).values()];
  const holderWatches = [...inotifyWatches(holder).values()];
  expect(watcherWatches).toHaveLength(1);
  expect(watcherWatches[0]!.length).toBeGreaterThanOrEqual(4); // inbox, activity, watchers, agents (+ transcript)
  expect(holderWatches).toEqual(watcherWatches);
  // Claude Code reads the hook's stdout and stderr to their end: the holder must not keep them open.
  for (const fd of [1, 2]) expect(readlinkSync(`/proc/${holder}/fd/${fd}`)).toBe('/dev/null');
  // It sleeps: no context switches while nothing happens.
  const switches = () =>
    [...readFileSync(`/proc/${holder}/status`, 'utf8').matchAll(/^(?:voluntary|nonvoluntary)_ctxt_switches:\s+(\d+)$/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  const before = switches();
  await Bun.sleep(1_000);
  expect(switches() - before).toBe(0);
  // The wake is as before, and the holder ends with the watcher.
  await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'wake up' });
  expect(await shell.exited).toBe(2);
  expect(await new Response(shell.stderr).text()).toContain('wake up');
  await until(() => ended(holder), 'the holder to end after the wake');
});

test.skipIf(!linux)('a watcher killed outright leaves no holder behind', async () => {
  const { watcher, holder } = await armWatcher();
  process.kill(watcher, 'SIGKILL');
  await until(() => ended(holder), 'the holder to end after its watcher was killed');
});

// The holder ends as an orphan: where PID 1 never reaps orphans (a container whose first process
// is Claude Code or another JavaScript runtime, with no init), each would stay a zombie, one per
// wake. Seen by a tester with the real client as PID 1: 12 zombies in one session of 9 wakes.
test.skipIf(!pidNamespaces)(
  'where PID 1 never reaps orphans, holders stop once a few zombies show it',
  async () => {
    // UNREAPED_LIMIT watchers armed long enough for their holders to count once they are zombies,
    // woken; then as many more: before, each of those left a zombie too.
    const run = Bun.spawn(
      ['unshare', '-fp', '--mount-proc', BUN, join(FIXTURES, 'wakes-under-pid1.ts'), String(UNREAPED_LIMIT), String(ORPHAN_AGE_MS + 500)],
      { stdout: 'pipe', stderr: 'pipe' },
    );
    spawned.push(run);
    const [out, err, code] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text(), run.exited]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const { woken, zombies } = JSON.parse(out) as { woken: number; zombies: number };
    expect(woken).toBe(2 * UNREAPED_LIMIT); // every wake still wakes
    expect(zombies).toBe(UNREAPED_LIMIT); // before: one per wake
  },
  60_000,
);
