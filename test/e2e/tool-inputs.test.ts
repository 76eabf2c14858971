// Tool inputs through the real MCP server over stdio: every number and list declares its bounds
// in the schema the model reads, and a value outside them is refused before the tool runs, in the
// same words on every tool, naming the field and what it must be (never the SDK's
// "MCP error -32602: Input validation error: …").
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-tool-inputs-');
let agent: TestAgent;
let tools: Tool[];

beforeAll(async () => {
  agent = await startAgent({ cwd: makeProject(sandbox, 'webapp'), env: isolatedEnv(sandbox) });
  tools = (await agent.client.listTools()).tools;
});
afterAll(() => agent?.close());

const WHOLE_0_UP = 'must be a whole number, 0 or more';
const TIMEOUT = 'must be a whole number of seconds from 1 to 600; to wait longer, use send: the answer lands in your inbox';
const TTL = 'must be a number of minutes more than 0 and at most 1440; claim again to extend';

describe('a value outside its bounds is refused in the same words on every tool', () => {
  test.each([
    ['ack', { ids: [] }, 'ids must list at least one message id; peek lists yours, ack_all acks them all'],
    ['claim', { paths: [] }, 'paths must list at least one path or glob, e.g. ["src/auth/**"]'],
    [
      'claim',
      { paths: Array.from({ length: 51 }, (_, i) => `src/f${i}.ts`) },
      'paths must list at most 50; claim a folder ("src/auth/") for all the files in it',
    ],
    ['claim', { paths: ['src/a.ts'], ttl_minutes: 0 }, `ttl_minutes ${TTL}`],
    ['claim', { paths: ['src/a.ts'], ttl_minutes: 1441 }, `ttl_minutes ${TTL}`],
    ['search', { query: 'x', limit: 0 }, 'limit must be a whole number from 1 to 50'],
    ['search', { query: 'x', limit: 51 }, 'limit must be a whole number from 1 to 50'],
    ['search', { query: 'x', limit: 2.5 }, 'limit must be a whole number from 1 to 50'],
    ['search', { query: 'x', since: 'garbage' }, 'since must be a duration (30m, 2h, 3d) or a date (2026-11-21T09:00)'],
    ['list_sessions', { limit: 0 }, 'limit must be a whole number from 1 to 500'],
    ['list_sessions', { limit: 501 }, 'limit must be a whole number from 1 to 500'],
    ['list_sessions', { offset: -1 }, `offset ${WHOLE_0_UP}`],
    ['peek', { offset: -1 }, `offset ${WHOLE_0_UP}`],
    ['who', { offset: -1 }, `offset ${WHOLE_0_UP}`],
    ['who', { offset: 1.5 }, `offset ${WHOLE_0_UP}`],
    ['claims', { offset: -1 }, `offset ${WHOLE_0_UP}`],
    ['ask', { to: 'zz99', question: 'q?', timeout_s: 0 }, `timeout_s ${TIMEOUT}`],
    ['ask', { to: 'zz99', question: 'q?', timeout_s: 601 }, `timeout_s ${TIMEOUT}`],
    ['send', { to: 'zz99' }, 'body is required'],
    ['send', { to: 'zz99', body: 42 }, 'body must be a string'],
    ['who', { scope: 'everywhere' }, 'scope must be one of "project", "all"'],
  ] as [string, Record<string, unknown>, string][])('%s %j', async (tool, args, problem) => {
    const result = await agent.raw(tool, args);
    expect(result).toMatchObject({ isError: true, text: `${tool} was not run: ${problem}.` });
  });

  test('several problems are named together', async () => {
    const result = await agent.raw('claim', { paths: [], ttl_minutes: -1 });
    expect(result.text).toBe(`claim was not run: paths must list at least one path or glob, e.g. ["src/auth/**"]; ttl_minutes ${TTL}.`);
  });

  test('values at the bounds are taken', async () => {
    expect((await agent.raw('search', { query: 'x', limit: 50, since: '2h' })).isError).toBe(false);
    expect((await agent.raw('who', { offset: 0 })).isError).toBe(false);
    expect((await agent.raw('list_sessions', { limit: 500 })).isError).toBe(false);
    expect((await agent.raw('claim', { paths: ['src/a.ts'], ttl_minutes: 0.5 })).isError).toBe(false);
    expect((await agent.raw('release', {})).isError).toBe(false);
  });
});

test('the model reads the bounds: every number input has a minimum and a maximum in tools/list, every required list a minimum', () => {
  const unbounded: string[] = [];
  for (const tool of tools) {
    for (const [name, prop] of Object.entries((tool.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const number = prop.type === 'number' || prop.type === 'integer';
      if (number && (!('minimum' in prop || 'exclusiveMinimum' in prop) || !('maximum' in prop))) unbounded.push(`${tool.name}.${name}`);
      if (prop.type === 'array' && tool.inputSchema.required?.includes(name) && !('minItems' in prop))
        unbounded.push(`${tool.name}.${name}`);
    }
  }
  expect(unbounded).toEqual([]);
});
