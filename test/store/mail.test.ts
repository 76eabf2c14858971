// store/mail: a message's state is the folder it is in, names sort by time, a corrupt or misnamed
// file is quarantined and reported (never skipped quietly), and a session's mailbox can be adopted.
import { describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINUTE, SECOND, T0, rejection, tempStores } from '../helpers/store.ts';
import type { TempStore } from '../helpers/store.ts';

const stores = tempStores('intercom-unit-mail-');
const FROM = { code: 'human' } as const;
const SESSION = '3f2a9c1e-0000-4000-8000-000000000001';

function sendTo(t: TempStore, to: string, body: string) {
  return t.store.mail.send({ from: FROM, to: [to], scope: 'direct', body });
}

const idsOf = (list: { message: { id: string } }[]) => list.map((m) => m.message.id);

describe('state moves', () => {
  test('a sent message waits in new/; delivered, seen and acked each move it, and it leaves the inbox when acked', async () => {
    const t = await stores.store();
    const { id } = await sendTo(t, 'abcd', 'hello');
    expect(existsSync(t.store.layout.messageFile('abcd', 'new', id))).toBe(true);
    expect((await t.store.mail.find('abcd', id))?.state).toBe('new');

    expect(await t.store.mail.markDelivered('abcd', [id])).toEqual([id]);
    expect((await t.store.mail.find('abcd', id))?.state).toBe('delivered');
    expect(existsSync(t.store.layout.messageFile('abcd', 'new', id))).toBe(false);

    expect(await t.store.mail.markSeen('abcd', [id])).toEqual([id]);
    expect((await t.store.mail.find('abcd', id))?.state).toBe('seen');

    expect(await t.store.mail.ack('abcd', [id])).toEqual([id]);
    expect((await t.store.mail.find('abcd', id))?.state).toBe('acked');
    expect(await t.store.mail.list('abcd')).toEqual([]); // the inbox: new, delivered, seen
    expect(idsOf(await t.store.mail.list('abcd', ['acked']))).toEqual([id]);
  });

  test('delivery only moves messages still in new/: a seen message is not moved back', async () => {
    const t = await stores.store();
    const { id } = await sendTo(t, 'abcd', 'hello');
    await t.store.mail.markSeen('abcd', [id]);
    expect(await t.store.mail.markDelivered('abcd', [id])).toEqual([]);
    expect((await t.store.mail.find('abcd', id))?.state).toBe('seen');
  });

  test('seen is claimed once: a second markSeen of the same message moves nothing', async () => {
    const t = await stores.store();
    const { id } = await sendTo(t, 'abcd', 'hello');
    await t.store.mail.markDelivered('abcd', [id]);
    expect(await t.store.mail.markSeen('abcd', [id])).toEqual([id]); // from delivered/
    expect(await t.store.mail.markSeen('abcd', [id])).toEqual([]);
  });

  test('a message can be filed as replied instead of acked', async () => {
    const t = await stores.store();
    const { id } = await sendTo(t, 'abcd', 'question');
    await t.store.mail.ack('abcd', [id], 'replied');
    expect((await t.store.mail.find('abcd', id))?.state).toBe('replied');
  });

  test('acking twice is harmless; acking an id that is not in the inbox is NOT_FOUND and names it', async () => {
    const t = await stores.store();
    const { id } = await sendTo(t, 'abcd', 'hello');
    await t.store.mail.ack('abcd', [id]);
    expect(await t.store.mail.ack('abcd', [id])).toEqual([id]);
    const stranger = '1700000000000-aaaaaaaaaa';
    const error = await rejection(t.store.mail.ack('abcd', [stranger]));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(stranger);
  });
});

describe('names sort by time', () => {
  test('ids start with the clock time, so a later message sorts after an earlier one', async () => {
    const t = await stores.store();
    const first = await sendTo(t, 'abcd', 'first');
    t.clock.advance(5 * SECOND);
    const second = await sendTo(t, 'abcd', 'second');
    expect(first.id.slice(0, 13)).toBe(String(T0));
    expect(second.id.slice(0, 13)).toBe(String(T0 + 5 * SECOND));
    expect(first.id < second.id).toBe(true);
  });

  test('messages sent within the same millisecond still list in the order they were sent', async () => {
    const t = await stores.store();
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) sent.push((await sendTo(t, 'abcd', `message ${i}`)).id);
    expect(idsOf(await t.store.mail.list('abcd'))).toEqual(sent);
  });

  test('the inbox lists oldest first across states, whatever state each message is in', async () => {
    const t = await stores.store();
    const a = await sendTo(t, 'abcd', 'a');
    t.clock.advance(MINUTE);
    const b = await sendTo(t, 'abcd', 'b');
    t.clock.advance(MINUTE);
    const c = await sendTo(t, 'abcd', 'c');
    await t.store.mail.markSeen('abcd', [a.id]);
    await t.store.mail.markDelivered('abcd', [c.id]);
    const listed = await t.store.mail.list('abcd');
    expect(idsOf(listed)).toEqual([a.id, b.id, c.id]);
    expect(listed.map((m) => m.state)).toEqual(['seen', 'new', 'delivered']);
  });
});

describe('quarantine', () => {
  test('a corrupt message file is moved to quarantine/ and reported, with why, not silently skipped', async () => {
    const t = await stores.store();
    const good = await sendTo(t, 'abcd', 'fine');
    const badId = `${T0 + 1}-zzzzzzzzzz`;
    const badPath = t.store.layout.messageFile('abcd', 'new', badId);
    writeFileSync(badPath, '{"v":1,"id":');
    expect(idsOf(await t.store.mail.list('abcd'))).toEqual([good.id]);
    expect(existsSync(badPath)).toBe(false);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.path).toBe(badPath);
    expect(t.problems[0]!.reason).toContain('JSON');
    const quarantined = await t.store.quarantined();
    expect(quarantined).toHaveLength(1);
    expect(readFileSync(`${join(t.store.layout.quarantine, quarantined[0]!)}.reason.txt`, 'utf8')).toContain(badPath);
  });

  test('a file whose name is not a message id is quarantined and reported', async () => {
    const t = await stores.store();
    await sendTo(t, 'abcd', 'fine');
    const planted = join(t.store.layout.messageDir('abcd', 'new'), 'notes.json');
    writeFileSync(planted, '{}');
    expect(await t.store.mail.list('abcd')).toHaveLength(1);
    expect(t.problems.map((p) => p.path)).toEqual([planted]);
  });

  test('a valid message filed under another message id is quarantined, not read as that id', async () => {
    const t = await stores.store();
    const real = await sendTo(t, 'abcd', 'the real one');
    const alias = `${T0 + 7}-aliasalias`;
    const aliasPath = t.store.layout.messageFile('abcd', 'new', alias);
    writeFileSync(aliasPath, readFileSync(t.store.layout.messageFile('abcd', 'new', real.id)));
    expect(idsOf(await t.store.mail.list('abcd'))).toEqual([real.id]);
    expect(t.problems.map((p) => p.path)).toEqual([aliasPath]);
  });

  test('a record that parses as JSON but breaks the schema is quarantined too', async () => {
    const t = await stores.store();
    const id = `${T0}-schemabadx`;
    mkdirSync(t.store.layout.messageDir('abcd', 'new'), { recursive: true });
    writeFileSync(t.store.layout.messageFile('abcd', 'new', id), JSON.stringify({ v: 1, id, body: 'no sender' }));
    expect(await t.store.mail.list('abcd')).toEqual([]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]!.reason).toContain('message');
  });
});

describe('countNew', () => {
  test('counts what waits in new/ only: delivered and seen messages are not new', async () => {
    const t = await stores.store();
    expect(await t.store.mail.countNew('abcd')).toBe(0); // no mailbox yet
    const ids = [];
    for (const body of ['one', 'two', 'three', 'four']) ids.push((await sendTo(t, 'abcd', body)).id);
    expect(await t.store.mail.countNew('abcd')).toBe(4);
    await t.store.mail.markDelivered('abcd', [ids[0]!]);
    await t.store.mail.markSeen('abcd', [ids[1]!]);
    expect(await t.store.mail.countNew('abcd')).toBe(2);
    await sendTo(t, 'wxyz', 'someone else');
    expect(await t.store.mail.countNew('abcd')).toBe(2);
  });
});

describe('adopt', () => {
  test("a session's mailbox moves into the agent's, each message keeping its state, and is left empty", async () => {
    const t = await stores.store();
    const box = `s-${SESSION}`;
    const waiting = await sendTo(t, box, 'sent before the session ran intercom');
    t.clock.advance(SECOND);
    const shown = await sendTo(t, box, 'typed into its pane already');
    await t.store.mail.markDelivered(box, [shown.id]);
    const own = await sendTo(t, 'abcd', 'already the agent’s');

    expect(await t.store.mail.adopt(box, 'abcd')).toBe(2);
    const inbox = await t.store.mail.list('abcd');
    expect(inbox.map((m) => [m.message.id, m.state])).toEqual([
      [waiting.id, 'new'],
      [shown.id, 'delivered'],
      [own.id, 'new'],
    ]);
    expect(await t.store.mail.list(box)).toEqual([]);
    expect(await t.store.mail.adopt(box, 'abcd')).toBe(0); // nothing left to take
  });
});

describe('bodies', () => {
  test('empty, oversize and control-character bodies are BAD_INPUT and nothing is written', async () => {
    const t = await stores.store({ maxBodyBytes: 32 });
    for (const body of ['', '   ', 'x'.repeat(33), 'bell\u0007']) {
      expect((await rejection(sendTo(t, 'abcd', body))).code).toBe('BAD_INPUT');
    }
    expect(await t.store.mail.countNew('abcd')).toBe(0);
    expect(readdirSync(t.store.layout.root)).not.toContain('log');
    await sendTo(t, 'abcd', 'tabs\tand\nnewlines');
    expect(await t.store.mail.countNew('abcd')).toBe(1);
  });
});
