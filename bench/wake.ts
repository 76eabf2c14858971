// Wake latency: a message is written → the idle agent's watcher exits 2. The watcher is the real
// `intercom hook stop` process (from the bundle users run); the clock starts when send() has
// returned (the file is in place), and stops when the process has exited (its stderr closed), as
// Claude Code sees it. Also printed:
// when the wake text appeared on stderr. The gap between the two is the busy mark and process
// teardown; the kernel's teardown of the inotify instance, 12–20 ms of it when every core is busy,
// is left to the watcher's inotify holder (core/inotify-holder.ts). The floor has none: it exits
// with its watch open and pays that teardown itself, as any process that watches does.
//
// The floor, measured in the same run and interleaved trial by trial: a bare bun script that
// fs.watches a folder and exits 2 on the first event, timed from a file linked into that folder
// to its exit (bench/fixtures/watch-exit.ts). The bar is the ratio (DESIGN.md §5). Both are
// measured twice: on a quiet machine, and with every core kept busy by a spinning process. On
// Linux a second floor is printed too: the same script with the watcher's inotify holder
// (bench/fixtures/watch-exit-held.ts), the least a watcher that hands that teardown off can do.
// CLAUDE_INTERCOM_WATCH=poll|events in the bench's environment is passed to the watchers (the
// floor stays fs.watch): `CLAUDE_INTERCOM_WATCH=poll bun bench/wake.ts` measures the polling backend.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, linkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { WATCHER_ENV_VARS } from '../src/cli/install/hooks-spec.ts';
import { openIntercom } from '../src/intercom/index.ts';
import { lines } from '../test/helpers/lines.ts';
import { median, ms, percentile } from './stats.ts';
import { registerLive } from '../test/helpers/store.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

// What the plugin and the npm package run, with the environment their watcher hook commands set.
const ENTRY = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const FLOOR = resolve(import.meta.dir, 'fixtures', 'watch-exit.ts');
const FLOOR_HELD = resolve(import.meta.dir, 'fixtures', 'watch-exit-held.ts');
/** How long (ms) an armed watcher is given to reach its wait before the message is sent. */
const SETTLE_MS = 100;

export interface WakeSamples {
  exited: number[];
  printed: number[];
  floor: number[];
  /** The floor with the watcher's inotify holder (Linux only; empty elsewhere). */
  floorHeld: number[];
}

/** One floor trial: arm the bare watcher, link a file into its folder, time until it exits. */
async function floorTrial(dir: string, i: number, script = FLOOR): Promise<number> {
  const proc = Bun.spawn([process.execPath, script, dir], { stdout: 'pipe', stderr: 'inherit' });
  for await (const line of lines(proc.stdout)) if (line === 'armed') break;
  const tmp = join(dir, '..', `floor-${i}.tmp`);
  writeFileSync(tmp, `{"wake":${i}}\n`);
  linkSync(tmp, join(dir, `floor-${i}.json`));
  const t0 = performance.now();
  const code = await proc.exited;
  if (code !== 2) throw new Error(`floor watcher exited ${code}, expected 2`);
  return performance.now() - t0;
}

export async function measureWake(trials: number): Promise<WakeSamples> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const watch = process.env.CLAUDE_INTERCOM_WATCH;
    const env = isolatedEnv(sandbox, watch ? { CLAUDE_INTERCOM_WATCH: watch } : {});
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    const sessionId = randomUUID();
    const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
    // As Claude Code sends it: with the session's transcript, which the watcher watches as well.
    const transcript = join(env.CLAUDE_CONFIG_DIR!, 'projects', '-bench', `${sessionId}.jsonl`);
    mkdirSync(dirname(transcript), { recursive: true });
    writeFileSync(transcript, '');
    const floorDir = join(sandbox, 'floor', 'new');
    mkdirSync(floorDir, { recursive: true });
    const input = new TextEncoder().encode(
      JSON.stringify({ session_id: sessionId, transcript_path: transcript, hook_event_name: 'Stop', stop_hook_active: false }),
    );
    const samples: WakeSamples = { exited: [], printed: [], floor: [], floorHeld: [] };
    for (let i = 0; i < trials; i++) {
      samples.floor.push(await floorTrial(floorDir, i));
      if (process.platform === 'linux') samples.floorHeld.push(await floorTrial(floorDir, i + trials, FLOOR_HELD));
      const watcher = Bun.spawn([process.execPath, ENTRY, 'hook', 'stop'], {
        env: { ...env, ...WATCHER_ENV_VARS },
        stdin: input,
        stdout: 'ignore',
        stderr: 'pipe',
      });
      // Armed = it has recorded itself as the agent's watcher and marked the session idle.
      while ((await store.watchers.current(agent.code))?.pid !== watcher.pid || (await store.agents.activity(agent.code)).state !== 'idle')
        await Bun.sleep(1);
      // Let it reach its wait: after marking the session idle it still sets up its watches (with
      // polling, the first chokidar watch of a process takes ~15 ms, ~35 ms with every core busy:
      // the import and its first use). Mail that lands meanwhile is found by its first check;
      // that is arming, not waking. The random part keeps a polling watcher's timer out of step
      // with the send, so its wait for the next poll is measured as users meet it.
      await Bun.sleep(SETTLE_MS + Math.random() * SETTLE_MS);
      // The low-level send: the post office would (rightly) rate-limit 200 messages from one sender.
      await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: `wake ${i}` });
      const t0 = performance.now();
      let firstOutput = 0;
      const drained = (async () => {
        for await (const _chunk of watcher.stderr) firstOutput ||= performance.now();
      })();
      const code = await watcher.exited;
      samples.exited.push(performance.now() - t0);
      await drained;
      samples.printed.push(firstOutput - t0);
      if (code !== 2) throw new Error(`watcher exited ${code}, expected 2`);
      await store.ackAll(agent.code);
    }
    return samples;
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

/** Keep every core busy while `work` runs: one spinning process per core. */
async function underLoad<T>(work: () => Promise<T>): Promise<T> {
  const spinners = Array.from({ length: availableParallelism() }, () =>
    Bun.spawn([process.execPath, '-e', 'for (;;) {}'], { stdout: 'ignore', stderr: 'ignore' }),
  );
  try {
    return await work();
  } finally {
    for (const s of spinners) s.kill('SIGKILL');
  }
}

function report(label: string, s: WakeSamples): void {
  const n = s.exited.length;
  const [p50, p99, f50, f99] = [median(s.exited), percentile(s.exited, 99), median(s.floor), percentile(s.floor, 99)];
  console.log(
    `wake latency, ${label} (message written → watcher exit 2), n=${n}: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...s.exited))}` +
      ` | floor (bare fs.watch → exit 2): p50 ${ms(f50)}, p99 ${ms(f99)} | ratio p50 ${(p50 / f50).toFixed(2)} (bar 1.3), p99 ${(p99 / f99).toFixed(2)} (bar 1.5)`,
  );
  console.log(`  ${label}: message written → wake text printed: p50 ${ms(median(s.printed))}, p99 ${ms(percentile(s.printed, 99))}`);
  if (s.floorHeld.length > 0) {
    const [h50, h99] = [median(s.floorHeld), percentile(s.floorHeld, 99)];
    console.log(
      `  ${label}: floor with the watcher's inotify holder too: p50 ${ms(h50)}, p99 ${ms(h99)} | ratio p50 ${(p50 / h50).toFixed(2)}, p99 ${(p99 / h99).toFixed(2)}`,
    );
  }
}

if (import.meta.main) {
  const trials = Number(process.env.WAKE_TRIALS ?? 200);
  if (process.env.CLAUDE_INTERCOM_WATCH) console.log(`watchers run with CLAUDE_INTERCOM_WATCH=${process.env.CLAUDE_INTERCOM_WATCH}`);
  report('quiet', await measureWake(trials));
  report(`loaded (${availableParallelism()} cores spinning)`, await underLoad(() => measureWake(trials)));
}
