// Busy stays busy whatever order Claude Code connects things in, with the real client (the
// @anthropic-ai/claude-code devDependency, 2.1.330) against the mock API. Claude Code may run the
// first prompt while its MCP servers still connect (anthropics/claude-code #42148): here the
// intercom server is started 8 s late by a wrapper, so the prompt's UserPromptSubmit finds no agent
// and the SessionStart watcher registers in the middle of a long Bash tool. The session must read
// busy from then on, and mail sent during the tool must wait for the turn's next tool call: never
// a wake in the middle of the turn.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic, MockRequest } from '../helpers/mock-anthropic.ts';
import { claudeSandbox, claudeStream, hasClaude } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-real-claude-busy-');
let mock: MockAnthropic;
const peers: TestAgent[] = [];

beforeAll(() => {
  if (hasClaude) mock = startMockAnthropic();
});
afterAll(async () => {
  for (const peer of peers) await peer.close();
  mock?.close();
});

const allText = (r: MockRequest) => r.body.messages.map(messageText).join('\n');

/** Start the installed intercom MCP server `seconds` late: a shell waits, then execs the registered command. */
function delayServer(configDir: string, seconds: number): void {
  const file = join(configDir, '.claude.json');
  const user = JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: Record<string, { command: string; args?: string[] }> };
  const server = user.mcpServers.intercom!;
  user.mcpServers.intercom = {
    ...server,
    command: '/bin/sh',
    args: ['-c', `sleep ${seconds}; exec "$0" "$@"`, server.command, ...(server.args ?? [])],
  };
  writeFileSync(file, JSON.stringify(user));
}

describe.skipIf(!hasClaude)('a session whose MCP server registers after its first prompt (real client)', () => {
  test('stays busy through its tool once registered, and mail sent meanwhile comes with the next tool call, not as a wake', async () => {
    const box = await claudeSandbox(join(sandbox, 'late'), mock);
    delayServer(box.configDir, 8);
    const peer = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'peer' } });
    peers.push(peer);
    const body = 'late server test: the schema changed, regenerate the client';
    const session = claudeStream(box);
    try {
      const before = mock.requests.length;
      session.say(
        'late server test\nTOOL:Bash:{"command":"sleep 24","description":"long build"}\nTOOL:Bash:{"command":"echo after-build","description":"after"}',
      );
      await mock.waitFor((r) => r.n > before, 30_000, 'the first request of the turn');
      // The turn runs before the agent exists: this is the case of the issue.
      expect(((await peer.call('who')).agents as { you: boolean }[]).filter((a) => !a.you)).toEqual([]);
      const code = await until(
        async () => {
          const agents = (await peer.call('who')).agents as { code: string; you: boolean }[];
          return agents.find((a) => !a.you)?.code;
        },
        'the session to register its agent (8 s late)',
        30_000,
      );
      // The SessionStart watcher, waiting for the agent, arms now; whatever it writes, busy stands.
      await until(() => existsSync(join(box.store, 'watchers', `${code}.json`)), 'the SessionStart watcher to arm');
      for (let i = 0; i < 4; i++) {
        const me = ((await peer.call('who')).agents as { code: string; activity: string }[]).find((a) => a.code === code);
        expect(me?.activity).toBe('busy');
        await Bun.sleep(400);
      }
      const sent = (await peer.call('send', { to: code, body })) as { id: string };
      await Bun.sleep(2_000); // a watcher that took the session for idle would have taken the mail by now
      expect(existsSync(join(box.store, 'mail', code, 'new', `${sent.id}.json`))).toBe(true);
      await session.waitForEvent((e) => e.type === 'result');
      const turn = mock.requests.filter((r) => r.n > before);
      const carrying = turn.filter((r) => allText(r).includes(body));
      expect(carrying.length).toBeGreaterThanOrEqual(1);
      // It came inside the same turn, after the build and the next tool call: the prompt and both
      // tool results are in that request.
      expect(allText(carrying[0]!)).toContain('late server test');
      expect(allText(carrying[0]!)).toContain('after-build');
      expect(existsSync(join(box.store, 'mail', code, 'delivered', `${sent.id}.json`))).toBe(true);
    } finally {
      await session.end();
    }
  }, 120_000);
});
