// intercom loop guard: two agents answering each other forever are stopped. A sender gets at most
// RATE_LIMIT sends per RATE_WINDOW_MS, and the exact same text to the same recipients (in answer
// to the same message) is not sent twice within REPEAT_WINDOW_MS. Windows are measured on the
// store clock from what the sender's sent/ holds: failed sends and fast-clock stamps do not count.
import { describe, expect, test } from 'bun:test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock.ts';
import { RATE_LIMIT, RATE_WINDOW_MS, REPEAT_WINDOW_MS } from '../../src/intercom/loop-guard.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { DAY, T0, rejection, registerLive, tempStores } from '../helpers/store.ts';
import type { TempIntercom } from '../helpers/store.ts';
import type { AgentRecord } from '../../src/store/schema.ts';

const stores = tempStores('intercom-unit-loop-');
const as = (agent: AgentRecord) => ({ kind: 'agent' as const, agent });

async function pair() {
  const t = await stores.intercom();
  const alice = await registerLive(t.intercom);
  const bob = await registerLive(t.intercom);
  const carol = await registerLive(t.intercom);
  const send = (from: AgentRecord, to: AgentRecord, body: string, replyTo?: string) =>
    t.intercom.send({ sender: as(from), to: to.code, body, ...(replyTo ? { replyTo } : {}) });
  return { t, alice, bob, carol, send };
}

async function fillWindow(send: (body: string) => Promise<unknown>, prefix: string) {
  for (let i = 0; i < RATE_LIMIT; i++) await send(`${prefix} ${i}`);
}

const sentCount = async (t: TempIntercom, code: string) => (await t.intercom.mail.lastSent(code, 1000)).length;

describe('rate limit', () => {
  test(`${RATE_LIMIT} sends in a window go through; one more is a CONFLICT and nothing is sent`, async () => {
    const { t, alice, bob, send } = await pair();
    await fillWindow((body) => send(alice, bob, body), 'ping');
    const error = await rejection(send(alice, bob, 'one too many'));
    expect(error.code).toBe('CONFLICT');
    expect(await sentCount(t, alice.code)).toBe(RATE_LIMIT);
  });

  test('a slot frees exactly when the oldest send leaves the window', async () => {
    const { t, alice, bob, send } = await pair();
    await fillWindow((body) => send(alice, bob, body), 'ping');
    t.clock.advance(RATE_WINDOW_MS - 1);
    expect((await rejection(send(alice, bob, 'a millisecond early'))).code).toBe('CONFLICT');
    t.clock.advance(1);
    await send(alice, bob, 'on time');
  });

  test('the limit is per sender: another agent still sends', async () => {
    const { alice, bob, carol, send } = await pair();
    await fillWindow((body) => send(alice, bob, body), 'ping');
    await send(carol, bob, 'unaffected');
  });

  test('sends stamped by a clock that ran a day fast do not count once the clock is right', async () => {
    const t = await stores.intercom();
    const alice = await registerLive(t.intercom);
    const bob = await registerLive(t.intercom);
    const fast = await openIntercom({ root: t.root, clock: fixedClock(T0 + DAY) });
    await fillWindow((body) => fast.send({ sender: as(alice), to: bob.code, body }), 'from the future');
    await t.intercom.send({ sender: as(alice), to: bob.code, body: 'now' });
  });
});

describe('repeats', () => {
  test('the same text to the same recipient within the window is a CONFLICT naming the earlier message', async () => {
    const { t, alice, bob, send } = await pair();
    const { message } = await send(alice, bob, 'are you there?');
    t.clock.advance(REPEAT_WINDOW_MS - 1);
    const error = await rejection(send(alice, bob, 'are you there?'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(message.id);
    expect(await sentCount(t, alice.code)).toBe(1);
  });

  test('after the window the same text may be sent again', async () => {
    const { t, alice, bob, send } = await pair();
    await send(alice, bob, 'daily reminder');
    t.clock.advance(REPEAT_WINDOW_MS + 1);
    await send(alice, bob, 'daily reminder');
    expect(await sentCount(t, alice.code)).toBe(2);
  });

  test('the same text to someone else, or in answer to another message, is not a repeat', async () => {
    const { alice, bob, carol, send } = await pair();
    const { message: q1 } = await send(bob, alice, 'question one');
    const { message: q2 } = await send(bob, alice, 'question two');
    await send(alice, bob, 'ok', q1.id);
    await send(alice, bob, 'ok', q2.id);
    await send(alice, carol, 'ok', q1.id);
    expect((await rejection(send(alice, bob, 'ok', q1.id))).code).toBe('CONFLICT');
  });

  test('a send that failed does not count: the same text goes through once the inbox is fixed', async () => {
    const { t, alice, bob, send } = await pair();
    const inbox = t.intercom.layout.messageDir(bob.code, 'new');
    rmSync(inbox, { recursive: true });
    mkdirSync(join(inbox, '..'), { recursive: true });
    writeFileSync(inbox, 'in the way');
    expect((await rejection(send(alice, bob, 'important'))).code).toBe('IO');
    rmSync(inbox);
    await send(alice, bob, 'important');
    expect((await t.intercom.mail.list(bob.code)).map((m) => m.message.body)).toEqual(['important']);
  });
});
