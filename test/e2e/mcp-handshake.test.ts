// The MCP server answers the client's handshake by hand, before it loads the SDK (src/mcp/
// handshake.ts, stdio.ts): every answer it gives so must be the SDK server's own, byte for byte,
// whatever the client's protocolVersion; what it cannot be sure of is left to the SDK; and the
// server behind it (tools/list, tools/call, ping) works as before, from src/ and from the bundle.
import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { HANDSHAKE_JSON, handshakeJson, recordHandshake, sdkStdioServer } from '../../scripts/gen-handshake.ts';
import { handAnswer } from '../../src/mcp/handshake.ts';
import { BUN, ENTRY, REPO } from '../helpers/paths.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const BUNDLE = join(REPO, 'plugin', 'dist', 'intercom');

// What Claude Code 2.1.330 sent the server, as it sent it (recorded from its stdin).
const CLAUDE_CODE = {
  probe: {
    jsonrpc: '2.0',
    id: 'server-discover-probe-1',
    method: 'server/discover',
    params: {
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'claude-code', title: 'Claude Code', version: '2.1.330' },
        'io.modelcontextprotocol/clientCapabilities': { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
      },
    },
  },
  initialize: {
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: { roots: { listChanged: true }, elicitation: { form: {}, url: {} } },
      clientInfo: {
        name: 'claude-code',
        title: 'Claude Code',
        version: '2.1.330',
        description: "Anthropic's agentic coding tool",
        websiteUrl: 'https://claude.com/claude-code',
      },
    },
    jsonrpc: '2.0',
    id: 0,
  },
  initialized: { jsonrpc: '2.0', method: 'notifications/initialized' },
  list: { method: 'tools/list', jsonrpc: '2.0', id: 1 },
};

const init = (id: string | number, protocolVersion: unknown, extra: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'test', version: '1' }, ...extra },
});
const request = (id: unknown, method: string, params?: unknown) => ({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });

/** Requests answered by hand: each must get exactly the SDK's answer. */
const ANSWERED: [string, Record<string, unknown>][] = [
  ["Claude Code's server/discover probe", CLAUDE_CODE.probe],
  ["Claude Code's initialize", CLAUDE_CODE.initialize],
  ["Claude Code's tools/list", CLAUDE_CODE.list],
  ...[...SUPPORTED_PROTOCOL_VERSIONS, '2026-07-28', '2023-01-01', 'not a version', ''].map((v, i): [string, Record<string, unknown>] => [
    `initialize asking for protocolVersion "${v}"`,
    init(100 + i, v),
  ]),
  ['initialize with a string id and a progress token', init('init-1', '2025-06-18', { _meta: { progressToken: 'p' } })],
  [
    'initialize with every capability a client may have (tasks aside)',
    init(201, '2025-11-25', {
      capabilities: {
        experimental: { x: {} },
        extensions: { 'a/b': { on: true } },
        sampling: { context: {}, tools: {} },
        roots: { listChanged: false },
        elicitation: { form: { applyDefaults: true, more: 1 }, url: {}, other: 2 },
        somethingNew: 5,
      },
    }),
  ],
  ['initialize with an empty elicitation', init(202, '2025-11-25', { capabilities: { elicitation: {} } })],
  [
    'initialize with a fuller clientInfo',
    init(203, '2025-03-26', { clientInfo: { name: 'x', version: '2', title: 'X', websiteUrl: 'https://x', description: 'd', extra: 1 } }),
  ],
  ['tools/list with empty params', request(301, 'tools/list', {})],
  ['tools/list with a cursor and a progress token', request('list-2', 'tools/list', { cursor: 'c', _meta: { progressToken: 7 } })],
  ...['resources/list', 'prompts/list', 'logging/setLevel', 'completion/complete', 'tasks/list', 'no/such'].map(
    (method, i): [string, Record<string, unknown>] => [`${method}, which the server does not answer`, request(400 + i, method, {})],
  ),
];

/** Messages left to the SDK: their answers (or errors) are its own. */
const LEFT: [string, unknown][] = [
  ['ping', request(1, 'ping')],
  ['tools/call', request(2, 'tools/call', { name: 'whoami', arguments: {} })],
  ['initialize without clientInfo', { ...init(3, '2025-11-25'), params: { protocolVersion: '2025-11-25', capabilities: {} } }],
  ['initialize with capabilities.roots not an object', init(4, '2025-11-25', { capabilities: { roots: 'yes' } })],
  ['initialize with task capabilities', init(5, '2025-11-25', { capabilities: { tasks: {} } })],
  ['initialize with clientInfo icons', init(6, '2025-11-25', { clientInfo: { name: 'a', version: '1', icons: [] } })],
  ['initialize with a protocolVersion that is no string', init(7, 20251125)],
  ['a request with a key JSON-RPC has not', { ...init(8, '2025-11-25'), extra: true }],
  ['jsonrpc 1.0', { ...init(9, '2025-11-25'), jsonrpc: '1.0' }],
  ['an id of null', init(null as never, '2025-11-25')],
  ['an id that is no integer', request(1.5, 'tools/list')],
  ['params that are a list', request(10, 'tools/list', [])],
  ['a cursor that is no string', request(11, 'tools/list', { cursor: 5 })],
  ['a request tied to a task', request(12, 'no/such', { _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't' } } })],
  ['a notification', CLAUDE_CODE.initialized],
  ['a response', { jsonrpc: '2.0', id: 13, result: {} }],
];

describe('the answers given by hand', () => {
  test('src/mcp/handshake.json is what the SDK server answers now (run `npm run build` after changing a tool, the instructions or the SDK)', async () => {
    expect(readFileSync(HANDSHAKE_JSON, 'utf8')).toBe(handshakeJson(await recordHandshake()));
  });

  test("are the SDK server's own, byte for byte: initialize for any protocolVersion, tools/list, unknown methods", async () => {
    const sdk = await sdkStdioServer(VERSION);
    for (const [what, message] of ANSWERED) {
      const hand = handAnswer(message, VERSION);
      expect(hand === undefined ? `${what}: not answered by hand` : what).toBe(what);
      sdk.write(JSON.stringify(message));
      expect(`${what}: ${hand!.line}`).toBe(`${what}: ${await sdk.answer(message.id as string | number)}`);
    }
  });

  test('what they cannot be sure of is left to the SDK', () => {
    for (const [what, message] of LEFT) expect(`${what}: ${handAnswer(message, VERSION)?.line}`).toBe(`${what}: undefined`);
  });
});

/**
 * `intercom mcp` from `entry`, fed `messages` at once: its stdout lines and stderr, once it has
 * written `count` lines, `before` has resolved, and stdin was closed.
 */
async function serve(entry: string, messages: unknown[], count: number, before?: (store: string) => Promise<void>) {
  const env = isolatedEnv(tmpDir('intercom-hs-'));
  const proc = Bun.spawn([BUN, entry, 'mcp'], { env, cwd: env.HOME, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  proc.stdin.write(messages.map((m) => `${JSON.stringify(m)}\n`).join(''));
  await proc.stdin.flush();
  const lines: string[] = [];
  const decoder = new TextDecoder();
  let text = '';
  const reader = proc.stdout.getReader();
  while (lines.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const parts = text.split('\n');
    text = parts.pop()!;
    lines.push(...parts);
  }
  await before?.(env.CLAUDE_INTERCOM_DIR!);
  proc.stdin.end();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    lines.push(...decoder.decode(value).split('\n').filter(Boolean));
  }
  const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
  return { lines, stderr, code, store: env.CLAUDE_INTERCOM_DIR! };
}

const answerTo = (lines: string[], id: unknown) =>
  lines.filter((l) => JSON.stringify((JSON.parse(l) as { id?: unknown }).id) === JSON.stringify(id));
const registered = (store: string) =>
  existsSync(join(store, 'agents')) && readdirSync(join(store, 'agents')).some((n) => n.endsWith('.json'));
async function untilRegistered(store: string) {
  for (let i = 0; i < 400 && !registered(store); i++) await Bun.sleep(25);
  expect(registered(store)).toBe(true);
}

describe.each([
  ['src/', ENTRY],
  ['the bundle', BUNDLE],
])('intercom mcp from %s', (_, entry) => {
  test("answers Claude Code's handshake as the SDK would, registers the agent, then serves tools/call, ping and tools/list through the SDK", async () => {
    const sdk = await sdkStdioServer(VERSION);
    const handshake = [CLAUDE_CODE.probe, CLAUDE_CODE.initialize, CLAUDE_CODE.initialized, CLAUDE_CODE.list];
    for (const m of handshake) sdk.write(JSON.stringify(m));
    const expected = await Promise.all([CLAUDE_CODE.probe.id, CLAUDE_CODE.initialize.id, CLAUDE_CODE.list.id].map((id) => sdk.answer(id)));
    // The handshake alone: the agent registers though no tool was called.
    const first = await serve(entry, handshake, 3, untilRegistered);
    expect(first.lines).toEqual(expected);
    expect(first.stderr).toContain('registered as agent');
    expect(first.code).toBe(0);
    expect(registered(first.store)).toBe(false); // unregistered when stdin closed

    const later = [request(2, 'tools/call', { name: 'whoami', arguments: {} }), request(3, 'ping'), request(4, 'tools/list')];
    const run = await serve(entry, [...handshake, ...later], 6);
    expect(run.lines.slice(0, 3)).toEqual(expected);
    expect(JSON.parse(answerTo(run.lines, 2)[0]!).result.structuredContent.code).toMatch(/^[a-z0-9]{4}$/);
    expect(answerTo(run.lines, 3)).toEqual(['{"result":{},"jsonrpc":"2.0","id":3}']);
    expect(answerTo(run.lines, 4)).toEqual([expected[2]!.replace('"id":1}', '"id":4}')]);
    expect(run.lines).toHaveLength(6); // the SDK's own answers to the handshake were dropped
    expect(run.stderr).not.toContain('unlike the MCP SDK');
  });

  test('a tool call that comes before tools/list, in the same write: each request answered once, in the SDK words after it', async () => {
    const sdk = await sdkStdioServer(VERSION);
    const messages = [
      CLAUDE_CODE.initialize,
      CLAUDE_CODE.initialized,
      request(1, 'tools/call', { name: 'ack', arguments: { id: '../x' } }),
      request(2, 'tools/list'),
      { not: 'json-rpc' },
    ];
    for (const m of messages) sdk.write(JSON.stringify(m));
    const run = await serve(entry, messages, 3);
    expect(run.lines).toHaveLength(3);
    expect(answerTo(run.lines, 0)).toEqual([await sdk.answer(0)]);
    expect(JSON.parse(answerTo(run.lines, 1)[0]!).result.isError).toBe(true);
    expect(answerTo(run.lines, 2)).toEqual([await sdk.answer(2)]);
  });
});

test('a server that is sent nothing registers its agent anyway', async () => {
  const env = isolatedEnv(tmpDir('intercom-hs-'));
  const proc = Bun.spawn([BUN, ENTRY, 'mcp'], { env, cwd: env.HOME, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  await untilRegistered(env.CLAUDE_INTERCOM_DIR!);
  proc.stdin.end();
  expect(await proc.exited).toBe(0);
  expect(await new Response(proc.stdout).text()).toBe('');
});
