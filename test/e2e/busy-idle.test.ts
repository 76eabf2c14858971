// Busy and idle tell the truth whatever order a session's hooks and its MCP server finish in:
// a prompt that runs before the server registers keeps the session busy; a watcher that takes
// over late never marks idle a session another watcher has just woken; `who` says when the
// current state began. Real hook processes under a real parent that plays Claude Code.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { procInfo } from '../../src/core/proc.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { agentCode, startFakeClaude, watcherArmedBy } from '../helpers/fake-claude.ts';
import type { HookRun } from '../helpers/fake-claude.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-busy-idle-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
let project: string;
let peer: TestAgent;

const codeOf = agentCode;
const agentView = async (code: string) =>
  ((await peer.call('who', { scope: 'all' })).agents as { code: string; activity: string; since: string }[]).find((a) => a.code === code);
const armedBy = (run: HookRun, code: string) => watcherArmedBy(store, run, code);
/**
 * A watcher marks its session idle just after it arms (hooks/watcher.ts: it takes over first, then
 * marks): before reading a busy that must stand, give a wrong idle the time to land.
 */
const idleMarkLands = () => Bun.sleep(300);
const becomesIdle = (code: string) => until(async () => (await agentView(code))?.activity === 'idle', `${code} to be idle`);
/** The hook's bun process has started (its start time is the time of its event). */
const isBun = (pid: number) => procInfo(pid)?.comm.startsWith('bun') === true; // "bun", or "bun.exe" from npm
const bunRunning = (run: HookRun) =>
  isBun(run.pid) || readdirSync('/proc').some((p) => /^\d+$/.test(p) && procInfo(Number(p))?.ppid === run.pid && isBun(Number(p)));

beforeAll(async () => {
  project = makeProject(sandbox, 'shop');
  peer = await startAgent({ cwd: project, env });
});
afterAll(async () => {
  await peer?.close();
});

describe('a prompt that runs before the MCP server registers', () => {
  test('keeps the session busy: the late watcher does not mark it idle, and mail waits for a tool call', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true, noMcp: true });
    try {
      const watcher = await claude.hook('session-start', { hook_event_name: 'SessionStart', source: 'startup' });
      // Claude Code runs SessionStart well before the first prompt's hook: let its process start first.
      await until(() => bunRunning(watcher), 'the SessionStart hook to start');
      const prompt = await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'build it' })).done;
      expect(prompt).toMatchObject({ exit: 0 });
      await claude.openMcp(); // registers now, after the prompt
      const code = await codeOf(claude);
      await until(() => armedBy(watcher, code), 'the SessionStart watcher to arm');
      await idleMarkLands();
      expect((await agentView(code))?.activity).toBe('busy');
      const sent = await peer.call('send', { to: code, body: 'arrives mid-turn' });
      // The turn's next tool call hands it over; the watcher must not have woken the session.
      const tool = await (await claude.hook('pre-tool-use', { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} })).done;
      expect(tool.stdout).toContain('arrives mid-turn');
      expect(existsSync(join(store, 'mail', code, 'delivered', `${sent.id}.json`))).toBe(true);
      expect((await agentView(code))?.activity).toBe('busy');
    } finally {
      await claude.exit();
    }
  });

  test('a SessionStart for compaction in the middle of a turn leaves it busy', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const code = await codeOf(claude);
      await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'long task' })).done;
      const compact = await claude.hook('session-start', { hook_event_name: 'SessionStart', source: 'compact' });
      await until(() => armedBy(compact, code), 'the compaction watcher to arm');
      await idleMarkLands();
      expect((await agentView(code))?.activity).toBe('busy');
    } finally {
      await claude.exit();
    }
  });
});

describe('one session id run by two Claude processes', () => {
  test("a prompt before one's server registers marks that one busy, never the other", async () => {
    const sessionId = randomUUID();
    const first = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true });
    const second = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true, noMcp: true });
    try {
      const firstCode = await codeOf(first);
      const watcher = await second.hook('session-start', { hook_event_name: 'SessionStart', source: 'resume' });
      await until(() => bunRunning(watcher), 'the second SessionStart hook to start');
      await (await second.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'second works' })).done;
      // The first one's own turn comes and goes; its hooks must not take the second one's mark.
      await (await first.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'first works' })).done;
      const firstStop = await first.hook('stop', { hook_event_name: 'Stop' });
      await until(() => armedBy(firstStop, firstCode), "the first one's watcher to arm");
      await second.openMcp();
      const secondCode = await codeOf(second);
      await until(() => armedBy(watcher, secondCode), "the second one's SessionStart watcher to arm");
      await becomesIdle(firstCode);
      await idleMarkLands();
      expect([(await agentView(firstCode))?.activity, (await agentView(secondCode))?.activity]).toEqual(['idle', 'busy']);
      const sent = await peer.call('send', { to: secondCode, body: 'for the busy second one' });
      const tool = await (await second.hook('pre-tool-use', { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} })).done;
      expect(tool.stdout).toContain('for the busy second one'); // its tool call got it, no wake took it first
      expect(existsSync(join(store, 'mail', secondCode, 'delivered', `${sent.id}.json`))).toBe(true);
    } finally {
      await first.exit();
      await second.exit();
    }
  });
});

describe('a clock that was ahead', () => {
  test('a busy mark stamped a day ahead does not keep the session busy: the next Stop makes it idle and mail wakes it', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const code = await codeOf(claude);
      await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'x' })).done;
      // What that hook would have written with the clock one day fast.
      const dir = join(store, 'activity', code);
      const newest = readdirSync(dir).sort().at(-1)!;
      renameSync(join(dir, newest), join(dir, `${Number(newest.slice(0, 13)) + 86_400_000}${newest.slice(13)}`));
      const stop = await claude.hook('stop', { hook_event_name: 'Stop' });
      await until(() => armedBy(stop, code), 'the watcher to arm');
      await becomesIdle(code);
      await peer.call('send', { to: code, body: 'wake despite the skew' });
      const result = await stop.done;
      expect(result.exit).toBe(2);
      expect(result.stderr).toContain('wake despite the skew');
    } finally {
      await claude.exit();
    }
  });
});

describe('overlapping watchers', () => {
  test('a watcher taking over never marks idle a session the other has just woken (40 races)', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    // Three senders, so 40 messages in a few seconds stay within each one's rate limit.
    const senders = [peer, await startAgent({ cwd: project, env }), await startAgent({ cwd: project, env })];
    const outcomes: string[] = [];
    try {
      const code = await codeOf(claude);
      let older = await claude.hook('stop', { hook_event_name: 'Stop' });
      await until(() => armedBy(older, code), 'the first watcher to arm');
      for (let trial = 0; trial < 40; trial++) {
        const newer = await claude.hook('stop', { hook_event_name: 'Stop' });
        await until(() => bunRunning(newer), 'the second watcher to start');
        await senders[trial % senders.length]!.call('send', { to: code, body: `race ${trial}` });
        // One of the two wakes the session; the other ends replaced or stays armed.
        const woke = await Promise.race(
          [older.done, newer.done]
            .map((d, i) => d.then((r) => (r.exit === 2 ? i : undefined)))
            .map((p) => p.then((i) => i ?? new Promise<never>(() => {}))),
        );
        const survivor = woke === 0 ? newer : older;
        await until(
          async () => armedBy(survivor, code) || (await Promise.race([survivor.done.then(() => true), Bun.sleep(20).then(() => false)])),
          'the other watcher to settle',
        );
        outcomes.push(String((await agentView(code))?.activity));
        // The woken turn ends: its Stop arms the watcher the next trial races against.
        older = await claude.hook('stop', { hook_event_name: 'Stop' });
        await until(() => armedBy(older, code), 'the next watcher to arm');
        await until(async () => (await agentView(code))?.activity === 'idle', 'the session to read idle again');
      }
    } finally {
      await claude.exit();
      await Promise.all(senders.slice(1).map((s) => s.close()));
    }
    expect(outcomes.filter((o) => o !== 'busy')).toEqual([]);
  }, 120_000);
});

describe('who', () => {
  test('says since when the current state holds, not since registration', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const code = await codeOf(claude);
      const registered = (await agentView(code))!.since;
      await Bun.sleep(1_100); // so the prompt's second differs from the registration's
      const before = Date.now();
      await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'go' })).done;
      const busy = await agentView(code);
      expect(busy?.activity).toBe('busy');
      expect(busy!.since).not.toBe(registered);
      expect(Date.parse(busy!.since)).toBeGreaterThanOrEqual(before - 1_000);
    } finally {
      await claude.exit();
    }
  });
});

describe('busy marks of Claude processes that never got an agent', () => {
  test('are collected once the process is gone, kept while it runs', async () => {
    const { openIntercom } = await import('../../src/intercom/index.ts');
    const { processKey } = await import('../../src/store/activity.ts');
    const s = await openIntercom({ root: join(tmpDir('intercom-orphan-marks-'), 'store') });
    const gone = Bun.spawn(['true']);
    await gone.exited;
    const dead = { pid: gone.pid, start: '1' };
    const alive = procInfo(process.pid)!;
    await s.agents.setActivity(processKey(dead), 'busy');
    await s.agents.setActivity(processKey(alive), 'busy');
    await s.collectTmp();
    const left = readdirSync(join(s.layout.root, 'activity'));
    expect(left).toEqual([processKey(alive)]);
  });
});
