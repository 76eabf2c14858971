// intercom send (post office): addressing as a sender sees it, through send's results and error
// codes only. A code, a name, "all" (live agents on the sender's project) and "*" (every live
// agent) reach exactly who they say, never the sender; an unknown recipient is NOT_FOUND and
// names who is live and the next step; a dead agent is NOT_LIVE; a shared name is AMBIGUOUS.
import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { rejection, registerDead, registerLive, tempStores } from '../helpers/store.ts';
import type { TempIntercom } from '../helpers/store.ts';
import type { AgentRecord } from '../../src/store/schema.ts';

const stores = tempStores('intercom-unit-send-');

const as = (agent: AgentRecord) => ({ kind: 'agent' as const, agent });
const inboxOf = async (t: TempIntercom, code: string) => (await t.intercom.mail.list(code)).map((m) => m.message.body);
/** The next step an error names: its structured `next` where it carries one, else its words. */
const nextStep = (error: Error & { next?: unknown }) => (error.next !== undefined ? JSON.stringify(error.next) : error.message);
const sentBy = (t: TempIntercom, code: string) => {
  const dir = t.intercom.layout.sentDir(code);
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** alice, bob (named "api") and carol on alpha; dave on beta. */
async function office() {
  const t = await stores.intercom();
  const alice = await registerLive(t.intercom, { project: 'alpha', name: 'alice' });
  const bob = await registerLive(t.intercom, { project: 'alpha', name: 'api' });
  const carol = await registerLive(t.intercom, { project: 'alpha' });
  const dave = await registerLive(t.intercom, { project: 'beta' });
  return { t, alice, bob, carol, dave };
}

describe('who a send reaches', () => {
  test('a code: that agent only', async () => {
    const { t, alice, bob, carol } = await office();
    const { message, delivery } = await t.intercom.send({ sender: as(alice), to: bob.code, body: 'by code' });
    expect(message.to).toEqual([bob.code]);
    expect(message.scope).toBe('direct');
    expect(delivery.map((d) => [d.to, d.via])).toEqual([[bob.code, 'inbox']]);
    expect(await inboxOf(t, bob.code)).toEqual(['by code']);
    expect(await inboxOf(t, carol.code)).toEqual([]);
  });

  test('a name, in any case: the agent that carries it', async () => {
    const { t, alice, bob } = await office();
    const { message } = await t.intercom.send({ sender: as(alice), to: 'API', body: 'by name' });
    expect(message.to).toEqual([bob.code]);
    expect(await inboxOf(t, bob.code)).toEqual(['by name']);
  });

  test('several recipients, comma-separated, each get one copy', async () => {
    const { t, alice, bob, carol } = await office();
    const { message } = await t.intercom.send({ sender: as(alice), to: `${bob.code}, ${carol.code}, api`, body: 'to two' });
    expect([...message.to].sort()).toEqual([bob.code, carol.code].sort());
    expect(await inboxOf(t, bob.code)).toEqual(['to two']);
  });

  test('"all": every live agent on the sender’s project except the sender; not other projects, not the dead', async () => {
    const { t, alice, bob, carol, dave } = await office();
    const ghost = await registerDead(t.intercom, { project: 'alpha' });
    const { message } = await t.intercom.send({ sender: as(alice), to: 'all', body: 'standup' });
    expect([...message.to].sort()).toEqual([bob.code, carol.code].sort());
    expect(message.scope).toBe('project');
    expect(message.project).toBe('alpha');
    expect(await inboxOf(t, alice.code)).toEqual([]);
    expect(await inboxOf(t, dave.code)).toEqual([]);
    expect(await inboxOf(t, ghost.code)).toEqual([]);
  });

  test('"*": every live agent on every project except the sender', async () => {
    const { t, alice, bob, carol, dave } = await office();
    const { message } = await t.intercom.send({ sender: as(alice), to: '*', body: 'freeze' });
    expect([...message.to].sort()).toEqual([bob.code, carol.code, dave.code].sort());
    expect(message.scope).toBe('everyone');
    expect(await inboxOf(t, dave.code)).toEqual(['freeze']);
    expect(await inboxOf(t, alice.code)).toEqual([]);
  });

  test('"all" when nobody else is on the project is NOT_FOUND, and nothing is sent', async () => {
    const { t, dave } = await office();
    expect((await rejection(t.intercom.send({ sender: as(dave), to: 'all', body: 'anyone?' }))).code).toBe('NOT_FOUND');
    expect(sentBy(t, dave.code)).toEqual([]);
  });

  test('the person at the CLI can send to an agent, and agents can answer "human"', async () => {
    const { t, alice } = await office();
    await t.intercom.send({ sender: { kind: 'human' }, to: alice.code, body: 'from the terminal' });
    expect(await inboxOf(t, alice.code)).toEqual(['from the terminal']);
    await t.intercom.send({ sender: as(alice), to: 'human', body: 'to the terminal' });
    expect(await inboxOf(t, 'human')).toEqual(['to the terminal']);
  });

  test('replyTo keeps the conversation in one thread', async () => {
    const { t, alice, bob } = await office();
    const { message: first } = await t.intercom.send({ sender: as(alice), to: bob.code, body: 'question' });
    const { message: answer } = await t.intercom.send({ sender: as(bob), to: alice.code, body: 'answer', replyTo: first.id });
    expect(answer.thread).toBe(first.id);
    expect(answer.reply_to).toBe(first.id);
  });
});

describe('who a send cannot reach', () => {
  test('an unknown recipient is NOT_FOUND, names the live agents and the next step, and sends nothing', async () => {
    const { t, alice, bob, dave } = await office();
    const error = await rejection(t.intercom.send({ sender: as(alice), to: 'nobody-here', body: 'hello?' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('nobody-here');
    expect(error.message).toContain(bob.code);
    expect(error.message).toContain('api');
    expect(error.message).toContain(dave.code);
    expect(error.message).not.toContain(alice.code); // the sender is not offered as a recipient
    expect(nextStep(error)).toMatch(/\bwho\b/);
    expect(sentBy(t, alice.code)).toEqual([]);
  });

  test('one unknown recipient among known ones: nothing is sent to anyone', async () => {
    const { t, alice, bob } = await office();
    expect((await rejection(t.intercom.send({ sender: as(alice), to: `${bob.code},zzzz`, body: 'x' }))).code).toBe('NOT_FOUND');
    expect(await inboxOf(t, bob.code)).toEqual([]);
  });

  test('the code of an agent that has ended is NOT_LIVE and names that code', async () => {
    const { t, alice } = await office();
    const ghost = await registerDead(t.intercom, { project: 'alpha' });
    const error = await rejection(t.intercom.send({ sender: as(alice), to: ghost.code, body: 'still there?' }));
    expect(error.code).toBe('NOT_LIVE');
    expect(error.message).toContain(ghost.code);
  });

  test('a name two live agents carry is AMBIGUOUS and lists both codes', async () => {
    const { t, alice, bob } = await office();
    const twin = await registerLive(t.intercom, { project: 'beta', name: 'api' });
    const error = await rejection(t.intercom.send({ sender: as(alice), to: 'api', body: 'which one?' }));
    expect(error.code).toBe('AMBIGUOUS');
    expect(error.message).toContain(bob.code);
    expect(error.message).toContain(twin.code);
  });

  test('malformed recipients, "all" mixed with others, and sending to yourself are BAD_INPUT', async () => {
    const { t, alice, bob } = await office();
    for (const to of ['../etc/passwd', '', 'a b', `all,${bob.code}`, alice.code, 'alice']) {
      const error = await rejection(t.intercom.send({ sender: as(alice), to, body: 'x' }));
      expect([to, error.code]).toEqual([to, 'BAD_INPUT']);
    }
    expect(sentBy(t, alice.code)).toEqual([]);
  });

  test('a bad body is BAD_INPUT whoever it is for', async () => {
    const { t, alice, bob } = await office();
    expect((await rejection(t.intercom.send({ sender: as(alice), to: bob.code, body: '  ' }))).code).toBe('BAD_INPUT');
  });
});

describe('codes, names and the sender, whatever the case', () => {
  test('a code or "human" typed in upper case reaches the same mailbox', async () => {
    const { t, alice, bob } = await office();
    await t.intercom.send({ sender: as(alice), to: bob.code.toUpperCase(), body: 'shouted code' });
    await t.intercom.send({ sender: as(alice), to: 'HUMAN', body: 'shouted human' });
    expect(await inboxOf(t, bob.code)).toEqual(['shouted code']);
    expect(await inboxOf(t, 'human')).toEqual(['shouted human']);
  });

  test('a name that looks like a code (4 letters or digits, any case) is refused, so no agent can stand for another', async () => {
    const { t, alice, bob } = await office();
    // A code starting with a digit is no name anyway (names start with a letter).
    const asName = /^[a-z]/.test(bob.code) ? [bob.code, bob.code.toUpperCase()] : [];
    for (const name of [...asName, 'Ab12', 'zzzz', 'b9DD']) {
      const error = await rejection(t.intercom.agents.update(alice.code, alice.pid, { name }));
      expect(error.code).toBe('BAD_INPUT');
      expect(error.message).toContain('looks like an agent code');
    }
    expect((await t.intercom.agents.get(alice.code))?.name).toBe('alice');
  });

  test('the person at the CLI is never their own recipient', async () => {
    const { t } = await office();
    for (const to of ['human', 'Human']) {
      const error = await rejection(t.intercom.send({ sender: { kind: 'human' }, to, body: 'to myself' }));
      expect(error.code).toBe('BAD_INPUT');
      expect(error.message).toContain('is you');
    }
    expect(await inboxOf(t, 'human')).toEqual([]);
  });

  test('a stray comma is named as such, not as a missing recipient', async () => {
    const { t, alice, bob } = await office();
    for (const to of [`${bob.code},`, `,${bob.code}`, `${bob.code},,api`]) {
      const error = await rejection(t.intercom.send({ sender: as(alice), to, body: 'x' }));
      expect(error.code).toBe('BAD_INPUT');
      expect(error.message).toContain('stray comma');
    }
    expect((await rejection(t.intercom.send({ sender: as(alice), to: ' , ', body: 'x' }))).message).toContain('no recipient given');
  });
});
