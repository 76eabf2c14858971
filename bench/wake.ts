// Wake latency: a message is written → the idle agent's watcher exits 2. The watcher is the real
// `intercom hook stop` process; the clock starts when send() has returned (the file is in place).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../src/store/index.ts';
import { procInfo } from '../src/core/proc.ts';
import { median, ms, percentile } from './stats.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');

export async function measureWake(trials: number): Promise<number[]> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: sandbox, CLAUDE_INTERCOM_DIR: join(sandbox, 'store'), CLAUDE_CONFIG_DIR: join(sandbox, 'claude') };
    const store = await openStore({ root: env.CLAUDE_INTERCOM_DIR });
    const sessionId = randomUUID();
    const agent = await store.agents.register({ project: 'b', projectRoot: sandbox, cwd: sandbox, pid: process.pid, pidStart: procInfo(process.pid)!.start, sessionId });
    const input = new TextEncoder().encode(JSON.stringify({ session_id: sessionId, hook_event_name: 'Stop', stop_hook_active: false }));
    const latencies: number[] = [];
    for (let i = 0; i < trials; i++) {
      const watcher = Bun.spawn([process.execPath, ENTRY, 'hook', 'stop'], { env, stdin: input, stdout: 'ignore', stderr: 'ignore' });
      // Armed = it has recorded itself as the agent's watcher (after its initial inbox check).
      while ((await store.watchers.current(agent.code))?.pid !== watcher.pid) await Bun.sleep(1);
      await Bun.sleep(5); // let it reach its wait
      await store.send({ sender: { kind: 'human' }, to: agent.code, body: `wake ${i}` });
      const t0 = performance.now();
      const code = await watcher.exited;
      latencies.push(performance.now() - t0);
      if (code !== 2) throw new Error(`watcher exited ${code}, expected 2`);
      await store.ackAll(agent.code);
    }
    return latencies;
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const t = await measureWake(200);
  console.log(`wake latency (message written → watcher exit 2), n=200: p50 ${ms(median(t))}, p99 ${ms(percentile(t, 99))}, max ${ms(Math.max(...t))}`);
}
