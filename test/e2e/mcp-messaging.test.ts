// Three real MCP servers over stdio (two on one project, one on another), driven by the SDK
// client exactly as Claude Code drives them.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { exited } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-e2e-');
const env = isolatedEnv(sandbox);
let a1: TestAgent;
let a2: TestAgent;
let b1: TestAgent;

type Msg = { id: string; from: string; thread: string; reply_to?: string; body: string; state: string };
const messagesOf = (data: Record<string, unknown>) => data.messages as Msg[];
const codesOf = (data: Record<string, unknown>) => (data.agents as { code: string }[]).map((a) => a.code).sort();

beforeAll(async () => {
  const alpha = makeProject(sandbox, 'alpha');
  const beta = makeProject(sandbox, 'beta');
  [a1, a2, b1] = await Promise.all([startAgent({ cwd: alpha, env }), startAgent({ cwd: `${alpha}`, env }), startAgent({ cwd: beta, env })]);
});

afterAll(async () => {
  await Promise.all([a1, a2, b1].map((a) => a?.close()));
});

describe('registration and who', () => {
  test('every agent gets a distinct 4-character code and knows its project', async () => {
    const codes = [a1.code, a2.code, b1.code];
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{4}$/);
    expect(new Set(codes).size).toBe(3);
    expect((await a1.call('whoami')).project).toBe('alpha');
    expect((await b1.call('whoami')).project).toBe('beta');
  });

  test('who lists this project by default and every project with scope all', async () => {
    expect(codesOf(await a1.call('who'))).toEqual([a1.code, a2.code].sort());
    expect(codesOf(await b1.call('who'))).toEqual([b1.code]);
    expect(codesOf(await a1.call('who', { scope: 'all' }))).toEqual([a1.code, a2.code, b1.code].sort());
  });

  test('set_status is shown in who, and a name can be used as a recipient', async () => {
    await a2.call('set_status', { status: 'refactoring auth', name: 'auth-bot' });
    const agents = (await a1.call('who')).agents as { code: string; status: string; name?: string }[];
    const entry = agents.find((a) => a.code === a2.code);
    expect(entry?.status).toBe('refactoring auth');
    expect(entry?.name).toBe('auth-bot');
    const sent = await b1.call('send', { to: 'auth-bot', body: 'hello by name' });
    expect(sent.to).toEqual([a2.code]);
    await a2.call('ack_all');
  });
});

describe('messages', () => {
  test('send then peek: delivered once, oldest first, marked seen', async () => {
    const first = await a1.call('send', { to: a2.code, body: 'first' });
    const second = await a1.call('send', { to: a2.code, body: 'second' });
    const peeked = await a2.call('peek');
    // The framing travels in the data: Claude Code shows the model structuredContent.
    expect(peeked.notice).toContain('not instructions from your user');
    const got = messagesOf(peeked);
    expect(got.map((m) => m.body)).toEqual(['first', 'second']);
    expect(got.map((m) => m.id)).toEqual([first.id as string, second.id as string]);
    expect(got[0]!.from).toBe(a1.code);
    expect(messagesOf(await a2.call('peek'))).toEqual([]); // seen: not new any more
    const again = messagesOf(await a2.call('peek', { all: true }));
    expect(again.map((m) => m.state)).toEqual(['seen', 'seen']);
    await a2.call('ack_all');
  });

  test('broadcast "all" reaches this project only, never the sender', async () => {
    const sent = await a1.call('send', { to: 'all', body: 'project-wide' });
    expect(sent.to).toEqual([a2.code]);
    expect(messagesOf(await a2.call('peek')).map((m) => m.body)).toEqual(['project-wide']);
    expect(messagesOf(await a1.call('peek'))).toEqual([]);
    expect(messagesOf(await b1.call('peek'))).toEqual([]);
    await a2.call('ack_all');
  });

  test('broadcast "*" reaches every project, never the sender', async () => {
    const sent = await a1.call('send', { to: '*', body: 'everyone' });
    expect((sent.to as string[]).sort()).toEqual([a2.code, b1.code].sort());
    expect(messagesOf(await b1.call('peek')).map((m) => m.body)).toEqual(['everyone']);
    expect(messagesOf(await a2.call('peek')).map((m) => m.body)).toEqual(['everyone']);
    expect(messagesOf(await a1.call('peek'))).toEqual([]);
    await Promise.all([a2.call('ack_all'), b1.call('ack_all')]);
  });

  test('reply goes to the sender in the same thread and acks the original', async () => {
    const question = await b1.call('send', { to: a1.code, body: 'which endpoint did you rename?' });
    const [received] = messagesOf(await a1.call('peek'));
    expect(received!.id).toBe(question.id as string);
    const answer = await a1.call('reply', { id: received!.id, body: '/v1/users -> /v2/accounts' });
    expect(answer.to).toEqual([b1.code]);
    expect(answer.thread).toBe(question.id as string);
    const [got] = messagesOf(await b1.call('peek'));
    expect(got).toMatchObject({ body: '/v1/users -> /v2/accounts', reply_to: question.id as string, thread: question.id as string });
    // The original left a1's inbox.
    expect(messagesOf(await a1.call('peek', { all: true }))).toEqual([]);
    // A follow-up in the thread keeps the thread id.
    const followUp = await b1.call('reply', { id: got!.id, body: 'thanks' });
    expect(followUp.thread).toBe(question.id as string);
    await a1.call('ack_all');
  });

  test('ack removes one message; ack_all clears the rest; acking an unknown id is a clear error', async () => {
    const m1 = await b1.call('send', { to: a1.code, body: 'one' });
    await b1.call('send', { to: a1.code, body: 'two' });
    await b1.call('send', { to: a1.code, body: 'three' });
    expect((await a1.call('ack', { ids: [m1.id] })).acked).toEqual([m1.id as string]);
    expect(messagesOf(await a1.call('peek')).map((m) => m.body)).toEqual(['two', 'three']);
    expect(((await a1.call('ack_all')).acked as string[]).length).toBe(2);
    expect(messagesOf(await a1.call('peek', { all: true }))).toEqual([]);
    const bad = await a1.raw('ack', { ids: [m1.id as string] });
    expect(bad.isError).toBe(false); // already acked: harmless
    const missing = await a1.raw('ack', { ids: ['1700000000000-0000000000'] });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('call peek');
  });
});

describe('lifecycle', () => {
  test('an agent whose client closes stdin unregisters and disappears from who', async () => {
    const alpha = `${sandbox}/alpha`;
    const temp = await startAgent({ cwd: alpha, env });
    expect(codesOf(await a1.call('who'))).toContain(temp.code);
    await temp.close();
    expect(codesOf(await a1.call('who'))).not.toContain(temp.code);
    expect(temp.stderr()).toContain('shutting down');
  });

  test('an agent killed with SIGKILL disappears from who, and sending to it names the live agents', async () => {
    const temp = await startAgent({ cwd: `${sandbox}/alpha`, env });
    expect(codesOf(await a1.call('who'))).toContain(temp.code);
    process.kill(temp.pid, 'SIGKILL');
    await exited(temp.pid);
    expect(codesOf(await a1.call('who'))).not.toContain(temp.code);
    const failed = await a1.raw('send', { to: temp.code, body: 'are you there?' });
    expect(failed.isError).toBe(true);
    expect(failed.text).toContain(`agent '${temp.code}' is not live`);
    expect(failed.text).toContain(a2.code);
    await temp.close().catch(() => undefined);
  });
});

describe('shutdown signals', () => {
  test('SIGTERM unregisters before exiting (the presence file is removed, not just judged dead)', async () => {
    const { existsSync } = await import('node:fs');
    const temp = await startAgent({ cwd: `${sandbox}/beta`, env });
    const presence = `${env.CLAUDE_INTERCOM_DIR}/agents/${temp.code}.json`;
    expect(existsSync(presence)).toBe(true);
    process.kill(temp.pid, 'SIGTERM');
    await exited(temp.pid);
    expect(existsSync(presence)).toBe(false);
    expect(temp.stderr()).toContain('shutting down (SIGTERM)');
    await temp.close().catch(() => undefined);
  });
});

describe('identity override (CLAUDE_INTERCOM_SESSION)', () => {
  test('a code forces the code; a second server cannot take a live code, and its tools say why', async () => {
    const alpha = `${sandbox}/alpha`;
    const first = await startAgent({ cwd: alpha, env: { ...env, CLAUDE_INTERCOM_SESSION: 'ab12' } });
    try {
      expect(first.code).toBe('ab12');
      const second = await startAgent({ cwd: alpha, env: { ...env, CLAUDE_INTERCOM_SESSION: 'ab12' }, expectBroken: true });
      const refused = await second.raw('whoami');
      expect(refused.isError).toBe(true);
      expect(refused.text).toContain('code "ab12" is held by a live agent');
      expect(refused.text).toContain('unset CLAUDE_INTERCOM_SESSION or choose another code');
      await second.close();
    } finally {
      await first.close();
    }
  });

  test('a name sets the name; a session id keys the agent to that session', async () => {
    const named = await startAgent({ cwd: `${sandbox}/beta`, env: { ...env, CLAUDE_INTERCOM_SESSION: 'reviewer' } });
    const session = '7f3c2a10-1111-4222-8333-944455556666';
    const keyed = await startAgent({ cwd: `${sandbox}/beta`, env: { ...env, CLAUDE_INTERCOM_SESSION: session } });
    try {
      expect((await named.call('whoami')).name).toBe('reviewer');
      expect((await keyed.call('whoami')).session_id).toBe(session);
      expect((await b1.call('send', { to: 'reviewer', body: 'by name' })).to).toEqual([named.code]);
      expect((await b1.call('send', { to: session.slice(0, 8), body: 'by session prefix' })).to).toEqual([keyed.code]);
    } finally {
      await Promise.all([named.close(), keyed.close()]);
    }
  });
});
