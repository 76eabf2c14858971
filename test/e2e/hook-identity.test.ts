// Whose mail a hook takes, under a real parent that plays Claude Code: a subagent's hooks take
// none; a resumed session is woken for its waiting mail whenever its new MCP server registers;
// two live Claude processes running one session id each get their own mail.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { agentCode, startFakeClaude } from '../helpers/fake-claude.ts';
import type { FakeClaude } from '../helpers/fake-claude.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-hook-identity-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
let project: string;
let peer: TestAgent;

const codeOf = agentCode;
const stateOf = (box: string, id: string) =>
  ['new', 'delivered', 'seen', 'acked', 'replied'].find((s) => existsSync(join(store, 'mail', box, s, `${id}.json`)));
const bash = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } };

beforeAll(async () => {
  project = makeProject(sandbox, 'shop');
  peer = await startAgent({ cwd: project, env });
});
afterAll(async () => {
  await peer?.close();
});

describe('a hook fired inside a subagent (input with agent_id)', () => {
  test('takes no mail, on any event; the main thread gets it on its next tool call', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const code = await codeOf(claude);
      const sent = await peer.call('send', { to: code, body: 'for the main thread only' });
      const subagent = { agent_id: 'a1b2c3d4', agent_type: 'general-purpose' };
      for (const [event, input] of [
        ['pre-tool-use', { ...bash, ...subagent }],
        ['user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'x', ...subagent }],
        ['stop', { hook_event_name: 'SubagentStop', ...subagent }],
      ] as const) {
        const run = await (await claude.hook(event, input)).done;
        expect({ event, ...run }).toMatchObject({ event, exit: 0, stdout: '' });
        expect(stateOf(code, String(sent.id))).toBe('new');
      }
      const main = await (await claude.hook('pre-tool-use', bash)).done;
      expect(main.stdout).toContain('for the main thread only');
      expect(stateOf(code, String(sent.id))).toBe('delivered');
    } finally {
      await claude.exit();
    }
  });

  test('still gets the claim guard: an edit of a claimed file is held', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      await peer.call('claim', { paths: ['src/vault.ts'], reason: 'rotating keys' });
      const edit = {
        hook_event_name: 'PreToolUse',
        tool_name: 'Edit',
        tool_input: { file_path: join(project, 'src/vault.ts') },
        agent_id: 'a1',
        agent_type: 'x',
      };
      const run = await (await claude.hook('pre-tool-use', edit)).done;
      expect(JSON.parse(run.stdout).hookSpecificOutput.permissionDecision).toBe('ask');
      await peer.call('release', {});
    } finally {
      await claude.exit();
    }
  });
});

describe('a resumed session whose new MCP server registers late', () => {
  // The old Claude process ran the session and left mail unread; the resumed one arms its
  // SessionStart watcher first and connects its MCP server DELAY seconds later.
  const resumeWithDelay = async (delayS: number) => {
    const sessionId = randomUUID();
    const before = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true });
    const code = await codeOf(before);
    const sent = await peer.call('send', { to: code, body: `waiting for the resume (${delayS} s)` });
    await before.exit();
    const after = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true, noMcp: true });
    try {
      const run = await after.hook('session-start', { hook_event_name: 'SessionStart', source: 'resume' });
      await Bun.sleep(delayS * 1000);
      await after.openMcp();
      const result = await run.done;
      return {
        delayS,
        exit: result.exit,
        woke: result.stderr.includes(`waiting for the resume (${delayS} s)`),
        state: stateOf(code, String(sent.id)),
        sameCode: (await codeOf(after)) === code,
      };
    } finally {
      await after.exit();
    }
  };

  test('its waiting mail wakes it whatever the delay (0, 1.5, 3, 10 s)', async () => {
    const outcomes = await Promise.all([0, 1.5, 3, 10].map(resumeWithDelay));
    for (const outcome of outcomes)
      expect(outcome).toEqual({ delayS: outcome.delayS, exit: 2, woke: true, state: 'delivered', sameCode: true });
  }, 60_000);
});

describe('one session id run by two live Claude processes', () => {
  let first: FakeClaude;
  let second: FakeClaude;
  let firstCode: string;
  let secondCode: string;
  const sessionId = randomUUID();

  beforeAll(async () => {
    first = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true });
    firstCode = await codeOf(first);
    second = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true });
    secondCode = await codeOf(second);
  });
  afterAll(async () => {
    await first?.exit();
    await second?.exit();
  });

  test('they are two agents, and the session link lists both', () => {
    expect(firstCode).not.toBe(secondCode);
    const linked = readFileSync(join(store, 'sessions', sessionId), 'utf8')
      .split('\n')
      .sort();
    expect(linked).toEqual([firstCode, secondCode].sort());
  });

  test("each one's hooks take only its own mail (PreToolUse and the watcher)", async () => {
    const toFirst = await peer.call('send', { to: firstCode, body: 'for the first terminal' });
    const toSecond = await peer.call('send', { to: secondCode, body: 'for the second terminal' });
    const secondRun = await (await second.hook('pre-tool-use', bash)).done;
    expect(secondRun.stdout).toContain('for the second terminal');
    expect(secondRun.stdout).not.toContain('for the first terminal');
    expect(stateOf(firstCode, String(toFirst.id))).toBe('new');
    const firstRun = await (await first.hook('stop', { hook_event_name: 'Stop' })).done;
    expect(firstRun.exit).toBe(2);
    expect(firstRun.stderr).toContain('for the first terminal');
    expect(firstRun.stderr).not.toContain('for the second terminal');
    expect([stateOf(firstCode, String(toFirst.id)), stateOf(secondCode, String(toSecond.id))]).toEqual(['delivered', 'delivered']);
  });

  test('sending to the shared session id is refused, naming both agents', async () => {
    const result = await peer.raw('send', { to: sessionId, body: 'which one?' });
    const text = result.text;
    expect(result.isError).toBe(true);
    expect(text).toContain('2 live Claude processes');
    expect(text).toContain(firstCode);
    expect(text).toContain(secondCode);
  });

  test("a fork whose hooks carry the parent session id takes none of the parent's mail", async () => {
    const fork = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const forkCode = await codeOf(fork);
      const toParent = await peer.call('send', { to: firstCode, body: 'for the parent only' });
      const run = await (await fork.hook('pre-tool-use', { ...bash, session_id: sessionId })).done;
      expect(run.stdout).not.toContain('for the parent only');
      expect(stateOf(firstCode, String(toParent.id))).toBe('new');
      const toFork = await peer.call('send', { to: forkCode, body: 'for the fork' });
      const own = await (await fork.hook('pre-tool-use', { ...bash, session_id: sessionId })).done;
      expect(own.stdout).toContain('for the fork');
      expect(stateOf(forkCode, String(toFork.id))).toBe('delivered');
    } finally {
      await fork.exit();
    }
  });
});

describe('a session id that changed after /clear', () => {
  test('the new id reaches the same agent once its hooks linked it', async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
    try {
      const code = await codeOf(claude);
      const cleared = randomUUID();
      // After /clear Claude Code's hooks carry the new id; the MCP server registered with the old.
      await (await claude.hook('user-prompt-submit', { hook_event_name: 'UserPromptSubmit', prompt: 'after clear', session_id: cleared }))
        .done;
      const sent = await peer.call('send', { to: cleared, body: 'to the new id' });
      expect(sent.to).toEqual([code]);
      expect(stateOf(code, String(sent.id))).toBe('new');
    } finally {
      await claude.exit();
    }
  });
});
