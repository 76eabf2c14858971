// doctor's round trip through the real store and the real hook: a throwaway agent, its watcher
// (`intercom hook stop`, as Claude Code runs it), a message, and the wake (exit 2) it causes.
import { procInfo } from '../../core/proc.ts';
import type { Intercom } from '../../intercom/index.ts';
import type { CliDeps } from '../command.ts';

export interface SelfTestResult {
  ok: boolean;
  detail: string;
  wakeMs?: number;
}

const ARM_TIMEOUT_MS = 10_000;
const WAKE_TIMEOUT_MS = 10_000;
/** Slower than this, the wake came from a poll or a rescan rather than an fs event. */
const SLOW_WAKE_MS = 1_000;

export async function wakeRoundTrip(store: Intercom, deps: CliDeps): Promise<SelfTestResult> {
  const sessionId = `doctor-${crypto.randomUUID()}`;
  const me = procInfo(process.pid);
  if (!me) return { ok: false, detail: 'cannot read this process in /proc (or ps)' };
  const agent = await store.agents.register({
    project: 'intercom-doctor',
    projectRoot: deps.config.cwd,
    cwd: deps.config.cwd,
    pid: me.pid,
    pidStart: me.start,
    sessionId,
    status: 'intercom doctor self-test',
  });
  const messageIds: string[] = [];
  // The hook must find this agent by its session id, not by whatever session runs doctor.
  // doctor plays Claude Code here: it is the process whose life bounds the watcher.
  const env = {
    ...deps.childEnv,
    CLAUDE_INTERCOM_DIR: deps.config.storeDir,
    CLAUDE_INTERCOM_SESSION: undefined,
    CLAUDE_PID: String(process.pid),
  };
  const watcher = Bun.spawn([deps.runtime.bun, deps.runtime.entry, 'hook', 'stop'], {
    env,
    stdin: new TextEncoder().encode(JSON.stringify({ session_id: sessionId, hook_event_name: 'Stop', stop_hook_active: false })),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  try {
    const armedBy = Date.now() + ARM_TIMEOUT_MS;
    while ((await store.watchers.current(agent.code))?.pid !== watcher.pid) {
      if (Date.now() > armedBy || watcher.exitCode !== null) {
        return {
          ok: false,
          detail: `the watcher did not arm (exit ${watcher.exitCode ?? 'none'}): ${(await stderrOf(watcher)).trim() || 'no output'}`,
        };
      }
      await Bun.sleep(5);
    }
    // From the throwaway agent to itself, so every file it leaves is in its own mailbox (purged below).
    const message = await store.mail.send({
      from: { code: agent.code },
      to: [agent.code],
      scope: 'direct',
      body: 'intercom doctor: wake-up test',
    });
    messageIds.push(message.id);
    const t0 = performance.now();
    const exit = await Promise.race([watcher.exited, Bun.sleep(WAKE_TIMEOUT_MS).then(() => 'timeout' as const)]);
    const wakeMs = performance.now() - t0;
    if (exit === 'timeout')
      return { ok: false, detail: `no wake within ${WAKE_TIMEOUT_MS / 1000} s: is fs.watch working on ${deps.config.storeDir}?` };
    const stderr = await stderrOf(watcher);
    if (exit !== 2 || !stderr.includes('wake-up test'))
      return { ok: false, detail: `the watcher exited ${exit} without the message: ${stderr.trim()}` };
    // An fs event wakes a watcher in milliseconds; a second or more means it saw none and found
    // the message by polling or rescanning (see store/watch.ts): it works, but slowly.
    if (wakeMs > SLOW_WAKE_MS) {
      const why = stderr.match(/cannot watch [^\n]*/)?.[0];
      return {
        ok: false,
        detail: `the watcher woke in ${wakeMs.toFixed(0)} ms, not from an fs event: ${why ?? `is fs.watch working on ${deps.config.storeDir}?`}`,
        wakeMs,
      };
    }
    return { ok: true, detail: `message written → watcher woke (exit 2) in ${wakeMs.toFixed(1)} ms`, wakeMs };
  } finally {
    if (watcher.exitCode === null) watcher.kill('SIGTERM');
    await watcher.exited;
    await store.purgeAgent(agent.code, { sessionId, messageIds });
  }
}

async function stderrOf(proc: { stderr: ReadableStream<Uint8Array> }): Promise<string> {
  return new Response(proc.stderr).text();
}
