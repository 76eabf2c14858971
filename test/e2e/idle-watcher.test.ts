// An idle session costs the machine nothing: an armed watcher, started by the very command
// `intercom install` registers (through a shell, as Claude Code runs hooks), sleeps until
// something happens. It has no timer of its own more frequent than its inbox rescan (every
// 5 minutes), and its command turns off Bun's once-a-second GC timer (bench/idle-cost.ts measures
// the rate over a minute; this counts the main thread's wakeups over a few seconds).
import { expect, test } from 'bun:test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { hooksConfig } from '../../src/cli/install/hooks-spec.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { registerLive } from '../helpers/store.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

/** The voluntary and involuntary context switches of a process's main thread so far. */
function mainThreadSwitches(pid: number): number {
  const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
  return [...status.matchAll(/^(?:voluntary|nonvoluntary)_ctxt_switches:\s+(\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

test.skipIf(process.platform !== 'linux')(
  'an armed watcher, run as registered, does not wake while nothing happens',
  async () => {
    const sandbox = tmpDir('intercom-idle-watcher-');
    const env = isolatedEnv(sandbox);
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    const sessionId = randomUUID();
    const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
    const transcript = join(env.CLAUDE_CONFIG_DIR!, 'projects', '-idle', `${sessionId}.jsonl`);
    mkdirSync(dirname(transcript), { recursive: true });
    writeFileSync(transcript, '');
    const command = hooksConfig(`"${BUN}" "${ENTRY}"`).Stop![0]!.hooks[0]!.command;
    const input = JSON.stringify({ session_id: sessionId, transcript_path: transcript, hook_event_name: 'Stop', stop_hook_active: false });
    const shell = Bun.spawn(['sh', '-c', command], { env, stdin: new TextEncoder().encode(input), stdout: 'ignore', stderr: 'pipe' });
    try {
      const armed = await until(async () => {
        const pid = (await store.watchers.current(agent.code))?.pid;
        return pid !== undefined && (await store.agents.activity(agent.code)).state === 'idle' ? pid : undefined;
      }, 'the watcher to arm');
      const environ = readFileSync(`/proc/${armed}/environ`, 'utf8').split('\0');
      expect(environ).toContain('BUN_GC_TIMER_DISABLE=1');
      // Nor does it JIT-compile what it runs a few times a day: the lean wait it became runs without the JIT
      // (cli/install/hooks-spec.ts HOOK_ENV says what that saves; LEAN_WAIT_ENV_VARS).
      expect(environ).toContain('BUN_JSC_useJIT=0');
      // Nor does the allocator keep a thread that wakes every ~30 s to return memory (mimalloc's scavenger).
      const threads = readdirSync(`/proc/${armed}/task`).map((t) => readFileSync(`/proc/${armed}/task/${t}/comm`, 'utf8').trim());
      expect(threads).not.toContain('mi-scavenger');
      await Bun.sleep(1_500); // its start-up's last work (watches, a collection) is done
      const before = mainThreadSwitches(armed);
      await Bun.sleep(4_000);
      // Before: Bun's GC timer and the owner check woke it every second (≥ 8 switches here).
      expect(mainThreadSwitches(armed) - before).toBeLessThanOrEqual(1);
      // And it is still armed: mail wakes it.
      await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'still awake?' });
      expect(await shell.exited).toBe(2);
      expect(await new Response(shell.stderr).text()).toContain('still awake?');
    } finally {
      shell.kill('SIGKILL');
    }
  },
  30_000,
);
