// store/receipts: what became of a sent message, per recipient, read from where its copy is. Every
// receipt is true: the folder the copy is in, a dead letter when the recipient left without ever
// being shown it, "missing" only for a copy that landed and is gone since.
import { describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { rejection, registerDead, registerLive, tempStores } from '../helpers/store.ts';
import type { TempStore } from '../helpers/store.ts';

const stores = tempStores('intercom-unit-receipts-');
const SESSION = '3f2a9c1e-0000-4000-8000-0000000000aa';

function sendFrom(t: TempStore, from: string, to: string[], body = 'status please') {
  return t.store.mail.send({ from: { code: from }, to, scope: 'direct', body });
}

const stateOf = async (t: TempStore, id: string, viewer?: string) =>
  (await t.store.receipts.status(id, viewer)).receipts.map((r) => r.state);

describe('a receipt is the state of the copy', () => {
  test('it follows the copy from new through delivered and seen to acked', async () => {
    const t = await stores.store();
    const bob = await registerLive(t.store);
    const { id } = await sendFrom(t, 'human', [bob.code]);
    expect(await stateOf(t, id)).toEqual(['new']);
    await t.store.mail.markDelivered(bob.code, [id]);
    expect(await stateOf(t, id)).toEqual(['delivered']);
    await t.store.mail.markSeen(bob.code, [id]);
    expect(await stateOf(t, id)).toEqual(['seen']);
    await t.store.mail.ack(bob.code, [id]);
    expect(await stateOf(t, id)).toEqual(['acked']);
  });

  test('each recipient of one message has its own receipt', async () => {
    const t = await stores.store();
    const bob = await registerLive(t.store);
    const carol = await registerLive(t.store);
    const { id } = await sendFrom(t, 'human', [bob.code, carol.code]);
    await t.store.mail.ack(carol.code, [id], 'replied');
    const status = await t.store.receipts.status(id);
    expect(status.sent).toBe(true);
    expect(status.receipts.map((r) => [r.to, r.state])).toEqual([
      [bob.code, 'new'],
      [carol.code, 'replied'],
    ]);
  });

  test('a copy removed by hand after it landed is "missing"', async () => {
    const t = await stores.store();
    const bob = await registerLive(t.store);
    const { id } = await sendFrom(t, 'human', [bob.code]);
    rmSync(t.store.layout.messageFile(bob.code, 'new', id));
    expect(await stateOf(t, id)).toEqual(['missing']);
  });
});

describe('dead letters', () => {
  test('a copy never shown to an agent that is gone is a dead letter', async () => {
    const t = await stores.store();
    const gone = await registerDead(t.store);
    const { id } = await sendFrom(t, 'human', [gone.code]);
    const [receipt] = (await t.store.receipts.status(id)).receipts;
    expect(receipt).toMatchObject({ to: gone.code, state: 'new', dead_letter: true });
  });

  test('a copy the agent was shown before it left is not called dead, and the receipt says it has gone', async () => {
    const t = await stores.store();
    const gone = await registerDead(t.store);
    const { id } = await sendFrom(t, 'human', [gone.code]);
    await t.store.mail.markDelivered(gone.code, [id]);
    const [receipt] = (await t.store.receipts.status(id)).receipts;
    expect(receipt).toMatchObject({ state: 'delivered', dead_letter: false });
    expect(receipt!.note).toContain(gone.code); // says which agent has gone since
  });

  test('a copy waiting for a live agent is not a dead letter', async () => {
    const t = await stores.store();
    const bob = await registerLive(t.store);
    const { id } = await sendFrom(t, 'human', [bob.code]);
    expect((await t.store.receipts.status(id)).receipts[0]!.dead_letter).toBe(false);
  });
});

describe('mail for a Claude session without intercom', () => {
  test('the receipt names the session, and follows the copy once the session’s agent adopts it', async () => {
    const t = await stores.store();
    const box = `s-${SESSION}`;
    const { id } = await sendFrom(t, 'human', [box]);
    expect((await t.store.receipts.status(id)).receipts[0]).toMatchObject({ to: SESSION, state: 'new' });
    const agent = await registerLive(t.store, { sessionId: SESSION });
    await t.store.mail.adopt(box, agent.code);
    await t.store.mail.markSeen(agent.code, [id]);
    expect((await t.store.receipts.status(id)).receipts[0]).toMatchObject({ to: SESSION, state: 'seen' });
  });
});

describe('who may look', () => {
  test('a viewer sees receipts of what it sent or received, and NOT_FOUND for anything else', async () => {
    const t = await stores.store();
    const [alice, bob, eve] = [await registerLive(t.store), await registerLive(t.store), await registerLive(t.store)];
    const { id } = await sendFrom(t, alice.code, [bob.code]);
    expect(await stateOf(t, id, alice.code)).toEqual(['new']);
    expect(await stateOf(t, id, bob.code)).toEqual(['new']);
    expect((await rejection(t.store.receipts.status(id, eve.code))).code).toBe('NOT_FOUND');
  });

  test('an id nobody sent is NOT_FOUND; a malformed id is BAD_INPUT', async () => {
    const t = await stores.store();
    expect((await rejection(t.store.receipts.status('1700000000000-aaaaaaaaaa'))).code).toBe('NOT_FOUND');
    expect((await rejection(t.store.receipts.status('../../etc/passwd'))).code).toBe('BAD_INPUT');
  });

  test('recent lists what a sender sent, newest first, and only its own', async () => {
    const t = await stores.store();
    const first = await sendFrom(t, 'aaaa', ['bbbb'], 'one');
    t.clock.advance(1000);
    const second = await sendFrom(t, 'aaaa', ['cccc'], 'two');
    await sendFrom(t, 'cccc', ['aaaa'], 'not mine');
    expect((await t.store.receipts.recent('aaaa')).map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await t.store.receipts.recent('aaaa', 1)).map((s) => s.id)).toEqual([second.id]);
  });
});
