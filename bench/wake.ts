// Wake latency: a message is written → the idle agent's watcher exits 2. The watcher is the real
// `intercom hook stop` process; the clock starts when send() has returned (the file is in place),
// and stops when the process has exited (its stderr closed), as Claude Code sees it. Also printed:
// when the wake text appeared on stderr. The gap between the two is process teardown, mostly the
// kernel releasing the inotify instance (seen: libc _exit() with an open fs.watch takes as long).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../src/store/index.ts';
import { procInfo } from '../src/core/proc.ts';
import { median, ms, percentile } from './stats.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');

export async function measureWake(trials: number): Promise<{ exited: number[]; printed: number[] }> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: sandbox, CLAUDE_INTERCOM_DIR: join(sandbox, 'store'), CLAUDE_CONFIG_DIR: join(sandbox, 'claude') };
    const store = await openStore({ root: env.CLAUDE_INTERCOM_DIR });
    const sessionId = randomUUID();
    const agent = await store.agents.register({ project: 'b', projectRoot: sandbox, cwd: sandbox, pid: process.pid, pidStart: procInfo(process.pid)!.start, sessionId });
    // As Claude Code sends it: with the session's transcript, which the watcher watches as well.
    const transcript = join(env.CLAUDE_CONFIG_DIR, 'projects', '-bench', `${sessionId}.jsonl`);
    mkdirSync(dirname(transcript), { recursive: true });
    writeFileSync(transcript, '');
    const input = new TextEncoder().encode(JSON.stringify({ session_id: sessionId, transcript_path: transcript, hook_event_name: 'Stop', stop_hook_active: false }));
    const exited: number[] = [];
    const printed: number[] = [];
    for (let i = 0; i < trials; i++) {
      const watcher = Bun.spawn([process.execPath, ENTRY, 'hook', 'stop'], { env, stdin: input, stdout: 'ignore', stderr: 'pipe' });
      // Armed = it has recorded itself as the agent's watcher and marked the session idle.
      while ((await store.watchers.current(agent.code))?.pid !== watcher.pid || (await store.agents.activity(agent.code)).state !== 'idle') await Bun.sleep(1);
      await Bun.sleep(5); // let it reach its wait
      // The low-level send: the post office would (rightly) rate-limit 200 messages from one sender.
      await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: `wake ${i}` });
      const t0 = performance.now();
      let firstOutput = 0;
      const drained = (async () => {
        for await (const _chunk of watcher.stderr) firstOutput ||= performance.now();
      })();
      const code = await watcher.exited;
      exited.push(performance.now() - t0);
      await drained;
      printed.push(firstOutput - t0);
      if (code !== 2) throw new Error(`watcher exited ${code}, expected 2`);
      await store.ackAll(agent.code);
    }
    return { exited, printed };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { exited, printed } = await measureWake(200);
  console.log(`wake latency (message written → watcher exit 2), n=200: p50 ${ms(median(exited))}, p99 ${ms(percentile(exited, 99))}, max ${ms(Math.max(...exited))}`);
  console.log(`  message written → wake text printed: p50 ${ms(median(printed))}, p99 ${ms(percentile(printed, 99))}`);
}
