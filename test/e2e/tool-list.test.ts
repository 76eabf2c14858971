// The tool list is pinned (adding or renaming a tool is a deliberate change), the README's tool
// table matches the real server's tools/list, and the whole list stays small.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { renderToolTable } from '../../scripts/readme-tools.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { REPO } from '../helpers/paths.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-tools-');
let agent: TestAgent;
let tools: Tool[];

beforeAll(async () => {
  agent = await startAgent({ cwd: sandbox, env: isolatedEnv(sandbox) });
  tools = (await agent.client.listTools()).tools;
});
afterAll(() => agent?.close());

test('the server offers exactly these tools', () => {
  expect(tools.map((t) => t.name)).toEqual([
    'whoami',
    'who',
    'send',
    'peek',
    'reply',
    'ack',
    'ack_all',
    'set_status',
    'list_sessions',
    'ask',
    'claim',
    'release',
    'claims',
    'status',
    'thread',
    'search',
  ]);
});

test('every tool has a title, a description for the model, described inputs and annotations', () => {
  for (const tool of tools) {
    expect(tool.title).toBeTruthy();
    expect((tool.description ?? '').length).toBeGreaterThan(40);
    expect(tool.annotations).toMatchObject({ destructiveHint: false, openWorldHint: false });
    expect(typeof tool.annotations?.readOnlyHint).toBe('boolean');
    for (const [name, prop] of Object.entries(tool.inputSchema.properties ?? {})) {
      expect(`${tool.name}.${name}: ${(prop as { description?: string }).description ?? ''}`).toMatch(/: .{8,}/);
    }
  }
});

test('README.md carries the tool table of the real server (regenerate with `bun scripts/readme-tools.ts`)', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  expect(readme).toContain(renderToolTable(tools));
});

test('the whole tools/list costs under 3,000 tokens (characters / 4)', () => {
  const tokens = JSON.stringify({ tools }).length / 4;
  expect(tokens).toBeLessThan(3000);
});
