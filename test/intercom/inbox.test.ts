// intercom peek, reply and ack_all (post office): peek hands each unread message out once (it
// claims it by moving it to seen/), oldest first; reply goes to the original's sender, in its
// thread, and files the original as replied; ack_all empties the inbox into history.
import { describe, expect, test } from 'bun:test';
import { MINUTE, rejection, registerDead, registerLive, tempStores } from '../helpers/store.ts';
import type { TempIntercom } from '../helpers/store.ts';
import type { AgentRecord } from '../../src/store/schema.ts';

const stores = tempStores('intercom-unit-inbox-');
const as = (agent: AgentRecord) => ({ kind: 'agent' as const, agent });

async function pair() {
  const t = await stores.intercom();
  const alice = await registerLive(t.intercom, { name: 'alice' });
  const bob = await registerLive(t.intercom, { name: 'bob' });
  return { t, alice, bob };
}

let notes = 0;
async function sendMany(t: TempIntercom, from: AgentRecord, to: AgentRecord, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push((await t.intercom.send({ sender: as(from), to: to.code, body: `note ${++notes}` })).message.id);
    t.clock.advance(1000);
  }
  return ids;
}

const idsOf = (list: { message: { id: string } }[]) => list.map((m) => m.message.id);

describe('peek', () => {
  test('returns unread messages oldest first and marks them seen, not acked', async () => {
    const { t, alice, bob } = await pair();
    const sent = await sendMany(t, alice, bob, 3);
    await t.intercom.mail.markDelivered(bob.code, [sent[1]!]); // a hook showed one already: still unread by peek
    const peeked = await t.intercom.peek(bob.code);
    expect(idsOf(peeked)).toEqual(sent);
    for (const id of sent) expect((await t.intercom.mail.find(bob.code, id))?.state).toBe('seen');
  });

  test('a second peek does not return the same messages; a new message is returned alone', async () => {
    const { t, alice, bob } = await pair();
    await sendMany(t, alice, bob, 2);
    await t.intercom.peek(bob.code);
    expect(await t.intercom.peek(bob.code)).toEqual([]);
    const [later] = await sendMany(t, alice, bob, 1);
    expect(idsOf(await t.intercom.peek(bob.code))).toEqual([later!]);
  });

  test('two peeks at once never hand out the same message, and together hand out all of them', async () => {
    const { t, alice, bob } = await pair();
    const sent = await sendMany(t, alice, bob, 20);
    const [one, two] = await Promise.all([t.intercom.peek(bob.code), t.intercom.peek(bob.code)]);
    const a = idsOf(one);
    const b = idsOf(two);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect([...a, ...b].sort()).toEqual(sent);
  });

  test('`all` shows seen messages again (without claiming anything new twice)', async () => {
    const { t, alice, bob } = await pair();
    const sent = await sendMany(t, alice, bob, 2);
    await t.intercom.peek(bob.code);
    expect(idsOf(await t.intercom.peek(bob.code, { all: true }))).toEqual(sent);
  });

  test('a page ends at the first message that does not fit; the rest stay unread for the next peek', async () => {
    const { t, alice, bob } = await pair();
    const sent = await sendMany(t, alice, bob, 5);
    const page = await t.intercom.peekPage(bob.code, { fits: (_m, index) => index < 2 });
    expect(idsOf(page.messages)).toEqual(sent.slice(0, 2));
    expect(page.left).toBe(3);
    expect(await t.intercom.mail.countNew(bob.code)).toBe(3);
    expect(idsOf(await t.intercom.peek(bob.code))).toEqual(sent.slice(2));
  });
});

describe('reply', () => {
  test('goes to the sender of the original, in its thread, and files the original as replied', async () => {
    const { t, alice, bob } = await pair();
    const { message: question } = await t.intercom.send({ sender: as(alice), to: bob.code, body: 'ready to merge?' });
    t.clock.advance(MINUTE);
    const answer = await t.intercom.reply({ sender: as(bob), id: question.id, body: 'yes' });
    expect(answer.to).toEqual([alice.code]);
    expect(answer.thread).toBe(question.thread);
    expect(answer.reply_to).toBe(question.id);
    expect(idsOf(await t.intercom.mail.list(alice.code))).toEqual([answer.id]);
    expect((await t.intercom.mail.find(bob.code, question.id))?.state).toBe('replied');
    expect(await t.intercom.mail.list(bob.code)).toEqual([]); // out of the inbox
  });

  test('a reply to a reply stays in the first message’s thread', async () => {
    const { t, alice, bob } = await pair();
    const { message: question } = await t.intercom.send({ sender: as(alice), to: bob.code, body: 'q' });
    const answer = await t.intercom.reply({ sender: as(bob), id: question.id, body: 'a' });
    const followUp = await t.intercom.reply({ sender: as(alice), id: answer.id, body: 'thanks' });
    expect(followUp.thread).toBe(question.id);
    expect(followUp.to).toEqual([bob.code]);
  });

  test('a reply to a message from the person at the CLI goes to "human"', async () => {
    const { t, bob } = await pair();
    const { message } = await t.intercom.send({ sender: { kind: 'human' }, to: bob.code, body: 'how is it going?' });
    const answer = await t.intercom.reply({ sender: as(bob), id: message.id, body: 'fine' });
    expect(answer.to).toEqual(['human']);
  });

  test('when the original sender has ended: NOT_LIVE, nothing sent, and the original stays in the inbox', async () => {
    const t = await stores.intercom();
    const bob = await registerLive(t.intercom);
    const ghost = await registerDead(t.intercom);
    const original = await t.intercom.mail.send({ from: { code: ghost.code }, to: [bob.code], scope: 'direct', body: 'bye' });
    const error = await rejection(t.intercom.reply({ sender: as(bob), id: original.id, body: 'wait' }));
    expect(error.code).toBe('NOT_LIVE');
    expect(error.message).toContain(ghost.code);
    expect((await t.intercom.mail.find(bob.code, original.id))?.state).toBe('new');
    expect(await t.intercom.mail.lastSent(bob.code, 5)).toEqual([]);
  });

  test('replying to your own message is BAD_INPUT; to an id not in your mailbox, NOT_FOUND', async () => {
    const { t, alice, bob } = await pair();
    const { message } = await t.intercom.send({ sender: as(alice), to: bob.code, body: 'mine' });
    expect((await rejection(t.intercom.reply({ sender: as(bob), id: '1700000000000-aaaaaaaaaa', body: 'x' }))).code).toBe('NOT_FOUND');
    await t.intercom.mail.adopt(bob.code, alice.code); // the message now sits in its own sender's inbox
    expect((await rejection(t.intercom.reply({ sender: as(alice), id: message.id, body: 'x' }))).code).toBe('BAD_INPUT');
  });
});

describe('ack_all', () => {
  test('acknowledges every message in the inbox, whatever its state, and leaves it empty', async () => {
    const { t, alice, bob } = await pair();
    const sent = await sendMany(t, alice, bob, 3);
    await t.intercom.mail.markSeen(bob.code, [sent[0]!]);
    expect(await t.intercom.ackAll(bob.code)).toEqual(sent);
    expect(await t.intercom.mail.list(bob.code)).toEqual([]);
    expect(idsOf(await t.intercom.mail.list(bob.code, ['acked']))).toEqual(sent);
    expect(await t.intercom.ackAll(bob.code)).toEqual([]);
  });
});
