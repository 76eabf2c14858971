// Wake latency with many watchers armed at once (issue 14.2, DESIGN.md §5): `N` idle agents, each
// with the real `intercom hook stop` watcher armed, get one broadcast (one message to all N, as a
// send to "*" writes it, from a process of its own); each watcher's time from the send's return to
// its exit 2 is one sample.
// The floor, in the same run: N bare bun scripts, each fs.watching its own folder and exiting 2
// on the first event (bench/fixtures/watch-exit.ts), with one file linked into every folder (from a
// process of its own too), each timed from its own link to its exit. Also the least a real watcher can do (bench/fixtures/least-wake.ts:
// the same, but it lists the folder, reads the message, claims it by a rename and prints it before
// exiting 2), timed the same way: how close to the bar any watcher can come. Rounds alternate
// floor, least and watchers; the spread (p50, p99, max) across all samples is printed next to the
// floor's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { WATCHER_ENV_VARS } from '../src/cli/install/hooks-spec.ts';
import { openIntercom } from '../src/intercom/index.ts';
import type { AgentRecord } from '../src/intercom/index.ts';
import { lines } from '../test/helpers/lines.ts';
import { registerLive } from '../test/helpers/store.ts';
import { median, ms, percentile } from './stats.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

// What the plugin and the npm package run, with the environment their watcher hook commands set.
const ENTRY = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const FLOOR = resolve(import.meta.dir, 'fixtures', 'watch-exit.ts');
const LEAST = resolve(import.meta.dir, 'fixtures', 'least-wake.ts');
const LINK_EACH = resolve(import.meta.dir, 'fixtures', 'link-each.ts');
const BROADCAST = resolve(import.meta.dir, 'fixtures', 'broadcast.ts');

/**
 * When `proc` exited (epoch ms, with the fraction), NaN unless with 2. The messages are written
 * by other processes (fixtures/link-each.ts, fixtures/broadcast.ts), so this one, idle, sees each
 * exit as it comes; writing them itself, it saw none until the last was written, and a time from
 * the last write counted ~0 ms for those that had exited already (the floor's p50 swung from 1 to
 * 12 ms across runs that way).
 */
async function exitedAt(proc: Bun.Subprocess): Promise<number> {
  return (await proc.exited) === 2 ? performance.timeOrigin + performance.now() : Number.NaN;
}

/** Each `script` process's time from its own message's link to its exit (ms). */
async function floorRound(root: string, n: number, round: number, script = FLOOR): Promise<number[]> {
  const dirs = Array.from({ length: n }, (_, i) => join(root, `r${round}-${i}`, 'new'));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  const procs = dirs.map((dir) => Bun.spawn([process.execPath, script, dir], { stdout: 'pipe', stderr: 'ignore' }));
  await Promise.all(
    procs.map(async (p) => {
      for await (const line of lines(p.stdout)) if (line === 'armed') break;
    }),
  );
  const exits = procs.map(exitedAt);
  const linker = Bun.spawn([process.execPath, LINK_EACH, ...dirs], { stdout: 'pipe', stderr: 'inherit' });
  const linked = JSON.parse(await new Response(linker.stdout).text()) as number[];
  return (await Promise.all(exits)).map((at, i) => at - linked[i]!);
}

/** Each watcher's time from the broadcast's return to its exit 2 (ms). */
async function watcherRound(
  store: Awaited<ReturnType<typeof openIntercom>>,
  agents: AgentRecord[],
  env: Record<string, string>,
  round: number,
) {
  const watchers = agents.map((agent) => {
    const transcript = join(env.CLAUDE_CONFIG_DIR!, 'projects', '-bench', `${agent.session_id}.jsonl`);
    mkdirSync(dirname(transcript), { recursive: true });
    writeFileSync(transcript, '');
    const input = JSON.stringify({
      session_id: agent.session_id,
      transcript_path: transcript,
      hook_event_name: 'Stop',
      stop_hook_active: false,
    });
    return Bun.spawn([process.execPath, ENTRY, 'hook', 'stop'], {
      env: { ...env, ...WATCHER_ENV_VARS },
      stdin: new TextEncoder().encode(input),
      stdout: 'ignore',
      stderr: 'ignore',
    });
  });
  // Armed: each recorded as its agent's watcher, each session idle; then time to reach the wait.
  for (const [i, agent] of agents.entries()) {
    while (
      (await store.watchers.current(agent.code))?.pid !== watchers[i]!.pid ||
      (await store.agents.activity(agent.code)).state !== 'idle'
    )
      await Bun.sleep(2);
  }
  await Bun.sleep(500);
  const exits = watchers.map(exitedAt);
  const sender = Bun.spawn([process.execPath, BROADCAST, env.CLAUDE_INTERCOM_DIR!, `wake all ${round}`, ...agents.map((a) => a.code)], {
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const sent = Number(await new Response(sender.stdout).text());
  const times = (await Promise.all(exits)).map((at) => at - sent);
  for (const agent of agents) await store.ackAll(agent.code);
  return times;
}

export async function measureWakeMany(n: number, rounds: number): Promise<{ watchers: number[]; floor: number[]; least: number[] }> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-many-'));
  try {
    const env = isolatedEnv(sandbox);
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    const agents: AgentRecord[] = [];
    for (let i = 0; i < n; i++) agents.push(await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId: randomUUID() }));
    const out = { watchers: [] as number[], floor: [] as number[], least: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      out.floor.push(...(await floorRound(join(sandbox, 'floor'), n, round)));
      out.least.push(...(await floorRound(join(sandbox, 'least'), n, round, LEAST)));
      out.watchers.push(...(await watcherRound(store, agents, env, round)));
    }
    return out;
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const n = Number(process.env.WAKE_WATCHERS ?? 50);
  const rounds = Number(process.env.WAKE_ROUNDS ?? 4);
  const r = await measureWakeMany(n, rounds);
  const missed = [r.watchers, r.floor, r.least].reduce((k, t) => k + t.filter(Number.isNaN).length, 0);
  const w = r.watchers.filter((t) => !Number.isNaN(t));
  const f = r.floor.filter((t) => !Number.isNaN(t));
  const l = r.least.filter((t) => !Number.isNaN(t));
  const line = (t: number[]) => `p50 ${ms(median(t))}, p99 ${ms(percentile(t, 99))}, max ${ms(Math.max(...t))}`;
  console.log(`wake latency, ${n} watchers armed, one broadcast, ${rounds} rounds (n=${w.length}): ${line(w)}`);
  console.log(`  floor (${n} bare fs.watch → exit 2): ${line(f)}`);
  console.log(
    `  the least a watcher can do (${n} × fixtures/least-wake.ts): ${line(l)}  → / floor: p50 ${(median(l) / median(f)).toFixed(2)}, p99 ${(percentile(l, 99) / percentile(f, 99)).toFixed(2)} (the bars' reach); the watchers are p50 ${(median(w) / median(l)).toFixed(2)}×, p99 ${(percentile(w, 99) / percentile(l, 99)).toFixed(2)}× it`,
  );
  console.log(
    `  ratio p50 ${(median(w) / median(f)).toFixed(2)} (bar 1.3), p99 ${(percentile(w, 99) / percentile(f, 99)).toFixed(2)} (bar 1.5)` +
      (missed ? `; ${missed} process(es) did not exit 2` : ''),
  );
}
