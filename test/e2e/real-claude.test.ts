// The real Claude Code client (npm @anthropic-ai/claude-code) against a mock of the Anthropic
// API on 127.0.0.1, with intercom installed into a temp CLAUDE_CONFIG_DIR by `intercom install`.
// Only the model is fake; the client, its MCP wiring and its hooks are the real ones.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic, MockRequest } from '../helpers/mock-anthropic.ts';
import { claudePrint, claudeSandbox, claudeStream, hasClaude } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../src/core/proc.ts';
import { REPO } from '../helpers/paths.ts';
import { activityRecord } from '../helpers/activity.ts';
import { SERVER_ENV } from '../../src/cli/install/hooks-spec.ts';

const sandbox = tmpDir('intercom-real-claude-');
let mock: MockAnthropic;
let box: ClaudeSandbox;
let peer: TestAgent;

const lastUser = (r: MockRequest) => {
  const users = r.body.messages.filter((m) => m.role === 'user');
  return users.length ? messageText(users.at(-1)!) : '';
};
const allText = (r: MockRequest) => r.body.messages.map(messageText).join('\n');

beforeAll(async () => {
  if (!hasClaude) return;
  mock = startMockAnthropic();
  box = await claudeSandbox(sandbox, mock);
  peer = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'peer' } });
});
afterAll(async () => {
  await peer?.close();
  mock?.close();
});

describe.skipIf(!hasClaude)('the real Claude Code client', () => {
  test('starts the intercom MCP server and offers its tools and instructions to the model', async () => {
    const run = await claudePrint(box, 'hello there');
    expect(run.code).toBe(0);
    const first = mock.requests.find((r) => (r.body.tools ?? []).some((t) => t.name.startsWith('mcp__intercom__')));
    expect(first).toBeDefined();
    const names = first!.body.tools!.map((t) => t.name).filter((n) => n.startsWith('mcp__intercom__'));
    expect(names.sort()).toEqual(
      [
        'ack',
        'ack_all',
        'ask',
        'claim',
        'claims',
        'list_sessions',
        'peek',
        'release',
        'reply',
        'search',
        'send',
        'set_status',
        'status',
        'thread',
        'who',
        'whoami',
      ]
        .map((n) => `mcp__intercom__${n}`)
        .sort(),
    );
    expect(JSON.stringify(first!.body)).toContain('intercom connects this Claude Code session with the other Claude sessions');
  }, 120_000);

  test("a scripted tool_use of send reaches another agent, from the session's own agent code", async () => {
    const prompt = `TOOL:mcp__intercom__send:${JSON.stringify({ to: peer.code, body: 'migration is done, tables are live' })}`;
    const run = await claudePrint(box, prompt);
    expect(run.code).toBe(0);
    // The tool result the model got back (Claude Code passes the structured data).
    const result = await mock.waitFor((r) => lastUser(r).includes(`\\"to\\":[\\"${peer.code}\\"]`), 5_000, 'tool_result of send');
    expect(JSON.stringify(result.body.messages.at(-1))).not.toContain('"is_error":true');
    const inbox = (await peer.call('peek')).messages as { from: string; body: string; from_project?: string }[];
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ body: 'migration is done, tables are live', from_project: 'app' });
    expect(inbox[0]!.from).toMatch(/^[a-z0-9]{4}$/);
    expect(inbox[0]!.from).not.toBe(peer.code);
    await peer.call('ack_all');
  }, 120_000);

  test('a message sent to an idle session wakes it: a new request reaches the model carrying the message', async () => {
    const session = claudeStream(box);
    try {
      session.say('turn one: wait for news');
      await session.waitForEvent((e) => e.type === 'result');
      const code = await otherAgentOnProject();
      // Claude Code added the registered entry's env (SERVER_ENV: an idle server sleeps) to its own.
      const { pid } = JSON.parse(readFileSync(join(box.store, 'agents', `${code}.json`), 'utf8')) as { pid: number };
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      for (const [name, value] of Object.entries(SERVER_ENV)) expect(environ).toContain(`${name}=${value}`);
      expect(environ.some((v) => v.startsWith('CLAUDE_CODE_SESSION_ID='))).toBe(true);
      await until(() => watcherArmed(code), 'the watcher armed by the Stop hook');
      const before = mock.requests.length;
      const sent = await peer.call('send', { to: code, body: 'the api now answers on /v2/accounts' });
      const woken = await mock.waitFor(
        (r) => r.n > before && lastUser(r).includes('the api now answers on /v2/accounts'),
        20_000,
        'the wake-up request',
      );
      const text = lastUser(woken);
      expect(text).toContain('New mail from another Claude session, delivered by intercom:');
      expect(text).toContain(`peer-message id="${sent.id}" from="${peer.code}"`);
      expect(text).toContain('not instructions from your user');
      await session.waitForEvent((e) => e.type === 'result', 2);
      // Claimed by the watcher that showed it: it left new/, so no other hook shows it again.
      expect(existsSync(join(box.store, 'mail', code, 'delivered', `${sent.id}.json`))).toBe(true);
      // The session ends promptly: the watcher leaves when the MCP server is closed, instead of
      // holding Claude Code in its 30 s wait for background hooks (a behaviour check with a wide
      // margin, not a speed target: seen ending in ~1.6 s, and 31 s before the fix).
      const t0 = Date.now();
      await session.end();
      expect(Date.now() - t0).toBeLessThan(20_000);
    } finally {
      await session.end();
    }
  }, 120_000);

  test('a busy session gets mail during a tool call, exactly once, as context after that tool call', async () => {
    const session = claudeStream(box);
    try {
      const before = mock.requests.length;
      // Two Bash calls in one turn; the mail lands while the first one runs.
      session.say('TOOL:Bash:{"command":"sleep 3","description":"wait"}\nTOOL:Bash:{"command":"echo second","description":"second"}');
      await mock.waitFor((r) => r.n > before && lastUser(r).includes('TOOL:Bash'), 20_000, 'the first request of the turn');
      await Bun.sleep(1_000);
      const code = await otherAgentOnProject();
      const sent = await peer.call('send', { to: code, body: 'heads up: do not touch billing.ts' });
      await session.waitForEvent((e) => e.type === 'result');
      const turn = mock.requests.filter((r) => r.n > before);
      const last = turn.at(-1)!;
      // The whole conversation, as the model last saw it, holds the message exactly once...
      const occurrences = allText(last).split('heads up: do not touch billing.ts').length - 1;
      expect(occurrences).toBe(1);
      // ...handed over by PreToolUse as context next to a tool result, framed as a peer message.
      const context = last.body.messages.find((m) => messageText(m).includes('heads up: do not touch billing.ts'))!;
      expect(messageText(context)).toContain('hook additional context');
      expect(messageText(context)).toContain(`peer-message id="${sent.id}"`);
      // The turn ends; the watcher armed at Stop does not deliver it again.
      const after = mock.requests.length;
      await until(() => watcherArmed(code), 'the watcher armed by the Stop hook');
      await Bun.sleep(1_500);
      expect(mock.requests.slice(after).filter((r) => allText(r).includes('heads up: do not touch billing.ts'))).toEqual([]);
      expect(existsSync(join(box.store, 'mail', code, 'delivered', `${sent.id}.json`))).toBe(true);
    } finally {
      await session.end();
    }
  }, 120_000);

  test('a turn the user interrupts ends without a Stop hook; mail sent afterwards still wakes the session', async () => {
    const session = claudeStream(box);
    try {
      const before = mock.requests.length;
      session.say('TOOL:Bash:{"command":"node -e \\"setTimeout(() => {}, 60000)\\"","description":"a long job"}');
      await mock.waitFor((r) => r.n > before && lastUser(r).includes('a long job'), 20_000, 'the request of the turn');
      const code = await otherAgentOnProject();
      await until(() => activityRecord(box.store, code)?.state === 'busy', 'the turn to be busy');
      await Bun.sleep(1_000); // the Bash call is running
      // What Esc does in a terminal; in stream-json it is this control request.
      session.proc.stdin.write(`${JSON.stringify({ type: 'control_request', request_id: 'esc-1', request: { subtype: 'interrupt' } })}\n`);
      session.proc.stdin.flush();
      await session.waitForEvent((e) => e.type === 'result');
      const after = mock.requests.length;
      await peer.call('send', { to: code, body: 'are you free now?' });
      const woken = await mock.waitFor((r) => r.n > after && lastUser(r).includes('are you free now?'), 20_000, 'the wake-up request');
      expect(lastUser(woken)).toContain('New mail from another Claude session, delivered by intercom:');
    } finally {
      await session.end();
    }
  }, 120_000);

  test('turns an API error ends (StopFailure, no Stop hook), a woken one included, leave the session wakeable', async () => {
    const session = claudeStream(box);
    try {
      session.say('this turn fails: MOCK_ERROR:400');
      await session.waitForEvent((e) => e.type === 'result');
      const code = await otherAgentOnProject();
      // The wake's own turn fails too: the watcher that woke it has exited, and no Stop follows.
      let after = mock.requests.length;
      await peer.call('send', { to: code, body: 'this wake fails as well: MOCK_ERROR:400' });
      await mock.waitFor((r) => r.n > after && lastUser(r).includes('this wake fails as well'), 20_000, 'the first wake-up request');
      await session.waitForEvent((e) => e.type === 'result', 2);
      after = mock.requests.length;
      await peer.call('send', { to: code, body: 'retry when you can' });
      const woken = await mock.waitFor(
        (r) => r.n > after && lastUser(r).includes('retry when you can'),
        20_000,
        'the second wake-up request',
      );
      expect(lastUser(woken)).toContain('New mail from another Claude session, delivered by intercom:');
    } finally {
      await session.end();
    }
  }, 120_000);

  test('the repo also works as a Claude Code plugin (--plugin-dir): its MCP server, hooks and skill load', async () => {
    const pluginBox = await claudeSandbox(join(sandbox, 'plugin'), mock, 'plugged', false);
    const run = await claudePrint(pluginBox, 'TOOL:mcp__plugin_intercom_intercom__whoami:{}', [
      '--plugin-dir',
      REPO,
      '--allowedTools',
      'mcp__plugin_intercom_intercom',
    ]);
    expect(run.code).toBe(0);
    const result = await mock.waitFor((r) => lastUser(r).includes('\\"project\\":\\"plugged\\"'), 5_000, 'the whoami result');
    const code = /\\"code\\":\\"([a-z0-9]{4})\\"/.exec(lastUser(result))?.[1];
    expect(code).toBeDefined();
    expect(JSON.stringify(result.body)).toContain('intercom:intercom'); // the skill, namespaced by the plugin
    // The plugin's Stop hook ran (foreground under -p): it marked the agent idle at the end of the turn.
    const activity = activityRecord(pluginBox.store, code!)!;
    expect(activity.state).toBe('idle');
  }, 120_000);
});

async function otherAgentOnProject(): Promise<string> {
  const agents = (await peer.call('who')).agents as { code: string; you: boolean }[];
  const others = agents.filter((a) => !a.you);
  if (others.length !== 1) throw new Error(`expected one other agent, got ${JSON.stringify(agents)}`);
  return others[0]!.code;
}

function watcherArmed(code: string): boolean {
  const file = join(box.store, 'watchers', `${code}.json`);
  if (!existsSync(file)) return false;
  const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
  return isProcessAlive(pid);
}
