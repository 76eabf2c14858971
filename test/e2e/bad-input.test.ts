// Bad input through the real MCP server: each a clear error that names the fix, and nothing lost.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-bad-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
let sender: TestAgent;
let receiver: TestAgent;

beforeAll(async () => {
  const project = makeProject(sandbox, 'proj');
  [sender, receiver] = await Promise.all([startAgent({ cwd: project, env }), startAgent({ cwd: project, env })]);
});
afterAll(async () => {
  await Promise.all([sender?.close(), receiver?.close()]);
});

async function inboxOf(agent: TestAgent) {
  return ((await agent.call('peek', { all: true })).messages as { body: string }[]).map((m) => m.body);
}

describe('recipients', () => {
  test.each([
    ['../x', 'is not a valid recipient'],
    ['a/b', 'is not a valid recipient'],
    ['', 'no recipient given'],
    ['  ', 'no recipient given'],
    ['nobody-here', "no live agent or Claude session matches 'nobody-here'"],
    ['zz99', "no live agent or Claude session matches 'zz99'"],
  ])('to %p is refused: %s', async (to, expected) => {
    const result = await sender.raw('send', { to, body: 'hello' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(expected);
    // Every refusal names the way forward.
    expect(result.text).toMatch(/call who|use an agent code/i);
    expect(await inboxOf(receiver)).toEqual([]);
  });

  test('an unknown recipient error lists who is live', async () => {
    const result = await sender.raw('send', { to: 'ghost', body: 'hello' });
    expect(result.text).toContain(receiver.code);
  });
});

describe('bodies', () => {
  test('a 1 MiB body is refused with the limit and what to do instead', async () => {
    const result = await sender.raw('send', { to: receiver.code, body: 'x'.repeat(1024 * 1024) });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('over the 65536-byte limit');
    expect(result.text).toContain('write the content to a file');
    expect(await inboxOf(receiver)).toEqual([]);
  });

  test.each(['', '   \n\t'])('an empty body %p is refused', async (body) => {
    const result = await sender.raw('send', { to: receiver.code, body });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('the message body is empty');
  });

  test('control characters (terminal escapes) are refused with their position', async () => {
    const result = await sender.raw('send', { to: receiver.code, body: 'hi \u001b[2J there' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('U+001B at position 3');
    const ok = await sender.raw('send', { to: receiver.code, body: 'tabs\tand\nnewlines are fine' });
    expect(ok.isError).toBe(false);
    expect(await inboxOf(receiver)).toEqual(['tabs\tand\nnewlines are fine']);
    await receiver.call('ack_all');
  });
});

describe('ids with path characters never touch a path', () => {
  test.each(['../../etc/passwd', '1795300000000-abc/../../x', 'a'.repeat(300), ''])('reply/ack id %p', async (id) => {
    for (const [tool, args] of [
      ['reply', { id, body: 'x' }],
      ['ack', { ids: [id] }],
      ['send', { to: receiver.code, body: 'x', reply_to: id }],
    ] as const) {
      const result = await sender.raw(tool, args);
      expect(result.isError).toBe(true);
      expect(result.text).toContain('is not a valid message id');
      expect(result.text).toContain('call peek');
    }
    expect(await inboxOf(receiver)).toEqual([]);
  });
});

describe('corrupt store files', () => {
  test('a corrupt JSON file in an inbox is quarantined and reported; the good mail still arrives', async () => {
    await sender.call('send', { to: receiver.code, body: 'before' });
    const newDir = join(store, 'mail', receiver.code, 'new');
    writeFileSync(join(newDir, '1795300000000-corrupt000.json'), '{"v":1,"id":"1795300000000-corrupt000","bo', { mode: 0o600 });
    writeFileSync(join(newDir, '1795300000001-wrongshape.json'), '{"v":1,"hello":"world"}', { mode: 0o600 });
    await sender.call('send', { to: receiver.code, body: 'after' });
    const result = await receiver.raw('peek');
    expect(result.isError).toBe(false);
    expect((result.data!.messages as { body: string }[]).map((m) => m.body)).toEqual(['before', 'after']);
    expect(result.data!.warnings).toHaveLength(2);
    expect(result.text).toContain('moved corrupt file');
    expect(result.text).toContain('not valid JSON');
    const quarantined = readdirSync(join(store, 'quarantine'));
    expect(quarantined.filter((n) => n.endsWith('.json'))).toHaveLength(2);
    // The original bytes are kept, with a note of why.
    const kept = quarantined.find((n) => n.includes('corrupt000') && n.endsWith('.json'))!;
    expect(readFileSync(join(store, 'quarantine', kept), 'utf8')).toBe('{"v":1,"id":"1795300000000-corrupt000","bo');
    expect(readFileSync(join(store, 'quarantine', `${kept}.reason.txt`), 'utf8')).toContain('not valid JSON');
    // Reported once: the next peek is clean.
    expect((await receiver.raw('peek', { all: true })).data!.warnings).toBeUndefined();
    await receiver.call('ack_all');
  });
});

describe('liveness', () => {
  test('a presence file whose pid is alive but belongs to another process (pid reuse) is not listed and is reaped', async () => {
    const fake = {
      v: 1,
      code: 'zz00',
      project: 'proj',
      project_root: '/nowhere',
      cwd: '/nowhere',
      pid: process.pid, // alive...
      pid_start: '1', // ...but it started at another time: a different process
      status: '',
      status_at: new Date().toISOString(),
      registered_at: new Date().toISOString(),
    };
    writeFileSync(join(store, 'agents', 'zz00.json'), JSON.stringify(fake), { mode: 0o600 });
    const codes = ((await sender.call('who', { scope: 'all' })).agents as { code: string }[]).map((a) => a.code);
    expect(codes).not.toContain('zz00');
    expect(existsSync(join(store, 'agents', 'zz00.json'))).toBe(false);
    const result = await sender.raw('send', { to: 'zz00', body: 'hello?' });
    expect(result.isError).toBe(true);
  });
});

describe('store ownership and permissions', () => {
  test('a store open to other users is refused with the chmod that fixes it', async () => {
    const root = join(tmpDir('intercom-perm-'), 'store');
    mkdirSync(root, { mode: 0o700 });
    chmodSync(root, 0o755);
    await expect(openIntercom({ root })).rejects.toThrow(`Run: chmod 700 '${root}'`);
    // Through the server: it still starts, and every tool says what is wrong.
    const agent = await startAgent({ cwd: sandbox, env: { ...env, CLAUDE_INTERCOM_DIR: root }, expectBroken: true });
    const result = await agent.raw('who');
    expect(result.isError).toBe(true);
    expect(result.text).toContain('chmod 700');
    await agent.close();
  });

  test.skipIf(process.getuid?.() !== 0)('a store owned by another user is refused (needs root to create one)', async () => {
    const root = join(tmpDir('intercom-owner-'), 'store');
    mkdirSync(root, { mode: 0o700 });
    chownSync(root, 65534, 65534);
    await expect(openIntercom({ root })).rejects.toThrow('belongs to uid 65534');
  });
});
