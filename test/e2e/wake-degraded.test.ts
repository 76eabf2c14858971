// Wakes when no fs watch can be had. Linux caps inotify instances per user (128 by default), and
// every process with an fs.watch holds one: with many sessions, editors and Claude Code itself
// running, a new watcher gets EMFILE. It must still wake its session (by polling), say why, and
// doctor must name the cause. The cap is reached for real here: a helper process takes every
// instance the user has left.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { agentCode, startFakeClaude, watcherArmedBy } from '../helpers/fake-claude.ts';
import { lines } from '../helpers/lines.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-degraded-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
const canRun = process.platform === 'linux' && Bun.which('python3') !== null;
let project: string;
let peer: TestAgent;

/** Hold every inotify instance this user has left until `release` is called. */
async function exhaustInotify(): Promise<{ held: number; release(): Promise<void> }> {
  const holder = Bun.spawn(['python3', join(FIXTURES, 'hold-inotify.py')], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
  let held = 0;
  for await (const line of lines(holder.stdout)) {
    held = Number(/^held (\d+)$/.exec(line)?.[1] ?? 0);
    break;
  }
  return {
    held,
    async release() {
      holder.stdin.end();
      await holder.exited;
    },
  };
}

beforeAll(async () => {
  if (!canRun) return;
  project = makeProject(sandbox, 'shop');
  peer = await startAgent({ cwd: project, env });
});
afterAll(async () => {
  await peer?.close();
});

describe.skipIf(!canRun)('with every inotify instance taken', () => {
  test('a watcher still wakes its session (by polling), and says why', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    const code = await agentCode(claude);
    const inotify = await exhaustInotify();
    try {
      const run = await claude.hook('stop', { hook_event_name: 'Stop' });
      await until(() => watcherArmedBy(store, run, code), 'the watcher to arm');
      await Bun.sleep(300); // let it reach its wait (and fail to watch)
      await peer.call('send', { to: code, body: 'wake up without inotify' });
      const result = await run.done;
      expect(result.exit).toBe(2);
      expect(result.stderr).toContain('wake up without inotify');
      expect(result.stderr).toContain('polling it instead');
      expect(result.stderr).toContain('max_user_instances');
    } finally {
      await inotify.release();
      await claude.exit();
    }
  }, 60_000);

  test('doctor names the cause and the fix', async () => {
    const inotify = await exhaustInotify();
    try {
      const doctor = await runIntercom(['doctor'], { env });
      expect(doctor.stdout).toMatch(/FAIL\s+inotify\s+\d+ of \d+ inotify instances in use/);
      expect(doctor.stdout).toContain('sysctl fs.inotify.max_user_instances=');
    } finally {
      await inotify.release();
    }
  }, 60_000);
});

describe('a busy mark that cannot be written at the wake', () => {
  test('the claimed mail still reaches the model (exit 2 with its text): never delivered unseen', async () => {
    const claude = await startFakeClaude({
      sandbox,
      cwd: project ?? makeProject(sandbox, 'shop'),
      sessionId: randomUUID(),
      env,
      namedClaude: true,
    });
    const code = await agentCode(claude);
    const activity = join(store, 'activity', code);
    try {
      const run = await claude.hook('stop', { hook_event_name: 'Stop' });
      await until(() => watcherArmedBy(store, run, code), 'the watcher to arm');
      await Bun.sleep(300); // past its idle mark
      // The agent's activity folder becomes a file: the wake's busy mark fails (ENOTDIR).
      rmSync(activity, { recursive: true, force: true });
      writeFileSync(activity, '');
      await peer.call('send', { to: code, body: 'read me even so' });
      const result = await run.done;
      expect(result.exit).toBe(2);
      expect(result.stderr).toContain('read me even so');
    } finally {
      rmSync(activity, { force: true });
      mkdirSync(activity, { recursive: true });
      await claude.exit();
    }
  });
});
