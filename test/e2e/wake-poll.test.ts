// Wakes with the polling backend (store/watch.ts), as on a store whose filesystem raises no change
// events (NFS, SMB, 9p, FUSE): the real watcher hook under a parent that plays Claude Code, with
// CLAUDE_INTERCOM_WATCH=poll. That it really polls is seen from outside: while armed it holds no
// inotify instance, where the same watcher with fs events holds one (Linux /proc).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { agentCode, startFakeClaude, watcherArmedBy } from '../helpers/fake-claude.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-poll-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
const canRun = process.platform === 'linux';
let project: string;
let peer: TestAgent;

/** inotify instances held by process `pid`. */
function inotifyInstances(pid: number): number {
  let held = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) === 'anon_inode:inotify') held++;
    } catch {
      // closed while we looked
    }
  }
  return held;
}

/** The armed watcher's own pid (the hook may run under a shell). */
const watcherPid = (code: string) => JSON.parse(readFileSync(join(store, 'watchers', `${code}.json`), 'utf8')).pid as number;

beforeAll(async () => {
  if (!canRun) return;
  project = makeProject(sandbox, 'shop');
  peer = await startAgent({ cwd: project, env });
});
afterAll(async () => {
  await peer?.close();
});

describe.skipIf(!canRun)('CLAUDE_INTERCOM_WATCH', () => {
  test.each([
    ['poll', 0],
    ['events', 1],
  ] as const)(
    '=%s: the watcher holds %d inotify instance(s) while armed, and wakes its session',
    async (mode, instances) => {
      const claude = await startFakeClaude({
        sandbox,
        cwd: project,
        sessionId: randomUUID(),
        env: { ...env, CLAUDE_INTERCOM_WATCH: mode },
        namedClaude: true,
      });
      try {
        const code = await agentCode(claude);
        const run = await claude.hook('stop', { hook_event_name: 'Stop' });
        await until(() => watcherArmedBy(store, run, code), 'the watcher to arm');
        const pid = watcherPid(code);
        if (instances > 0) await until(() => inotifyInstances(pid) === instances, 'the watcher to watch');
        else await Bun.sleep(500); // long past setting up its watches (milliseconds), had it used inotify
        expect(inotifyInstances(pid)).toBe(instances);
        await peer.call('send', { to: code, body: `woken with ${mode}` });
        const result = await run.done;
        expect(result.exit).toBe(2);
        expect(result.stderr).toContain(`woken with ${mode}`);
        expect(result.stderr).not.toContain('cannot watch');
      } finally {
        await claude.exit();
      }
    },
    60_000,
  );

  // The busy mark (activity folder) and the mail (inbox) land in folders watched apart: an inbox
  // event must not be taken to mean "still idle". With polling the activity folder is seen up to
  // a second late, so on the old code the watcher woke the busy session every time.
  test.each(['poll', 'events'] as const)(
    '=%s: a prompt just before the mail keeps the session busy: no wake mid-turn',
    async (mode) => {
      const claude = await startFakeClaude({
        sandbox,
        cwd: project,
        sessionId: randomUUID(),
        env: { ...env, CLAUDE_INTERCOM_WATCH: mode },
        namedClaude: true,
      });
      try {
        const code = await agentCode(claude);
        for (let round = 0; round < 3; round++) {
          const run = await claude.hook('stop', { hook_event_name: 'Stop' });
          await until(() => watcherArmedBy(store, run, code), 'the watcher to arm');
          await Bun.sleep(300); // armed and past its first check, as between two turns
          await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'go' })).done;
          await peer.call('send', { to: code, body: `sent mid-turn ${round}` });
          // Long past a poll of every folder (100 ms inbox, 1 s the others): a wake would have come.
          const early = await Promise.race([run.done, Bun.sleep(2_500).then(() => undefined)]);
          expect(early?.exit).toBeUndefined();
          // The turn ends: the next Stop takes over, and its watcher wakes with the mail.
          const next = await claude.hook('stop', { hook_event_name: 'Stop' });
          expect((await run.done).exit).toBe(0); // replaced, quietly
          const woke = await next.done;
          expect(woke.exit).toBe(2);
          expect(woke.stderr).toContain(`sent mid-turn ${round}`);
        }
      } finally {
        await claude.exit();
      }
    },
    90_000,
  );

  test('doctor says which backend the store gets and why, and its round trip wakes by polling', async () => {
    const doctor = await runIntercom(['doctor'], { env: { ...env, CLAUDE_INTERCOM_WATCH: 'poll' } });
    expect(doctor.stdout).toMatch(/ok\s+watch\s+polling: CLAUDE_INTERCOM_WATCH=poll/);
    expect(doctor.stdout).toMatch(/ok\s+self-test\s+message written → watcher woke/);
    const auto = await runIntercom(['doctor'], { env });
    expect(auto.stdout).toMatch(/ok\s+watch\s+fs events: local filesystem \(statfs type 0x[0-9a-f]+\)/);
  }, 60_000);
});
