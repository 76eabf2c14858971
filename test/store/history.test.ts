// store/history: a thread is every logged message of one conversation, oldest first; search finds
// text newest first, with filters and paging; only a participant sees a message; retention prunes
// history, never unread mail, and never early because of a fast clock.
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { DAY, MINUTE, T0, rejection, tempStores } from '../helpers/store.ts';
import type { TempStore } from '../helpers/store.ts';
import { openStore } from '../../src/store/index.ts';
import { fixedClock } from '../../src/core/clock.ts';

const stores = tempStores('intercom-unit-history-');

function send(t: TempStore, from: string, to: string, body: string, reply?: { id: string; thread: string }) {
  return t.store.mail.send({
    from: { code: from, ...(from === 'aaaa' ? { name: 'api' } : {}) },
    to: [to],
    scope: 'direct',
    body,
    ...(reply ? { replyTo: reply.id, thread: reply.thread } : {}),
  });
}

/** aaaa asks bbbb, bbbb answers, aaaa answers back; cccc talks to bbbb meanwhile. */
async function conversation(t: TempStore) {
  const question = await send(t, 'aaaa', 'bbbb', 'Is the Migration done?');
  t.clock.advance(MINUTE);
  const aside = await send(t, 'cccc', 'bbbb', 'unrelated: lunch?');
  t.clock.advance(MINUTE);
  const answer = await send(t, 'bbbb', 'aaaa', 'migration done, tests green', question);
  t.clock.advance(MINUTE);
  const thanks = await send(t, 'aaaa', 'bbbb', 'thanks', answer);
  return { question, aside, answer, thanks };
}

const ids = (messages: { id: string }[]) => messages.map((m) => m.id);

describe('thread', () => {
  test('every message of the conversation, oldest first, from any of its ids; others left out', async () => {
    const t = await stores.store();
    const { question, answer, thanks } = await conversation(t);
    expect(ids(await t.store.history.thread('aaaa', thanks.id))).toEqual([question.id, answer.id, thanks.id]);
    expect(ids(await t.store.history.thread('bbbb', question.id))).toEqual([question.id, answer.id, thanks.id]);
  });

  test('a participant sees only the messages of the thread it sent or received', async () => {
    const t = await stores.store();
    const { question, answer, thanks } = await conversation(t);
    t.clock.advance(MINUTE);
    const forwarded = await send(t, 'bbbb', 'cccc', 'FYI: aaaa asked about the migration', question);
    expect(ids(await t.store.history.thread('aaaa', question.id))).toEqual([question.id, answer.id, thanks.id]);
    expect(ids(await t.store.history.thread('cccc', forwarded.id))).toEqual([forwarded.id]);
    expect(ids(await t.store.history.thread(undefined, question.id))).toEqual([question.id, answer.id, thanks.id, forwarded.id]);
  });

  test('`before` pages back through a thread', async () => {
    const t = await stores.store();
    const { question, answer, thanks } = await conversation(t);
    expect(ids(await t.store.history.thread('aaaa', question.id, { before: thanks.id }))).toEqual([question.id, answer.id]);
  });

  test('someone outside the conversation gets NOT_FOUND, not the thread', async () => {
    const t = await stores.store();
    const { question } = await conversation(t);
    expect((await rejection(t.store.history.thread('cccc', question.id))).code).toBe('NOT_FOUND');
  });

  test('a message can be found by id in the inbox (with its state) or, once acked and gone, in the log', async () => {
    const t = await stores.store();
    const { question } = await conversation(t);
    expect((await t.store.history.message('bbbb', question.id)).state).toBe('new');
    expect((await t.store.history.message('aaaa', question.id)).message.body).toBe('Is the Migration done?'); // its sender, from the log
    expect((await rejection(t.store.history.message('cccc', question.id))).code).toBe('NOT_FOUND');
  });
});

describe('search', () => {
  test('matches text case-insensitively, newest first, only among messages the searcher sent or received', async () => {
    const t = await stores.store();
    const { question, answer } = await conversation(t);
    expect(ids(await t.store.history.search('aaaa', { query: 'MIGRATION' }))).toEqual([answer.id, question.id]);
    expect(await t.store.history.search('cccc', { query: 'migration' })).toEqual([]);
    expect(ids(await t.store.history.search(undefined, { query: 'migration' }))).toEqual([answer.id, question.id]); // the CLI sees all
  });

  test('`from` filters by sender code or name', async () => {
    const t = await stores.store();
    const { question, answer } = await conversation(t);
    expect(ids(await t.store.history.search('bbbb', { query: 'migration', from: 'bbbb' }))).toEqual([answer.id]);
    expect(ids(await t.store.history.search('bbbb', { query: 'migration', from: 'API' }))).toEqual([question.id]);
  });

  test('`since` is measured from the store clock', async () => {
    const t = await stores.store();
    const { answer, thanks } = await conversation(t);
    // The clock is 3 minutes past the question; "2m" reaches back to the answer.
    expect(ids(await t.store.history.search('aaaa', { query: 'a', since: '2m' }))).toContain(answer.id);
    expect(ids(await t.store.history.search('aaaa', { query: 'a', since: '1m' }))).toEqual([thanks.id, answer.id]);
    t.clock.advance(DAY);
    expect(await t.store.history.search('aaaa', { query: 'a', since: '2h' })).toEqual([]);
  });

  test('pages: `limit` caps a page, `more` says whether older matches exist, `before` continues', async () => {
    const t = await stores.store();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push((await send(t, 'aaaa', 'bbbb', `report ${i}`)).id);
      t.clock.advance(MINUTE);
    }
    const first = await t.store.history.searchPage('aaaa', { query: 'report', limit: 2 });
    expect(ids(first.messages)).toEqual([sent[4]!, sent[3]!]);
    expect(first.more).toBe(true);
    const second = await t.store.history.searchPage('aaaa', { query: 'report', limit: 2, before: sent[3]! });
    expect(ids(second.messages)).toEqual([sent[2]!, sent[1]!]);
    const last = await t.store.history.searchPage('aaaa', { query: 'report', limit: 2, before: sent[1]! });
    expect(ids(last.messages)).toEqual([sent[0]!]);
    expect(last.more).toBe(false);
  });

  test('an empty query or an unreadable `since` is BAD_INPUT', async () => {
    const t = await stores.store();
    expect((await rejection(t.store.history.search('aaaa', { query: '  ' }))).code).toBe('BAD_INPUT');
    expect((await rejection(t.store.history.search('aaaa', { query: 'x', since: 'last tuesday' }))).code).toBe('BAD_INPUT');
  });
});

describe('retention', () => {
  test('acked mail, sent links and log entries older than the retention go; unread mail and recent history stay', async () => {
    const t = await stores.store();
    const old = await send(t, 'aaaa', 'bbbb', 'old and acked');
    const unread = await send(t, 'aaaa', 'bbbb', 'old but never read');
    await t.store.mail.ack('bbbb', [old.id]);
    t.clock.advance(10 * DAY);
    const recent = await send(t, 'aaaa', 'bbbb', 'recent and acked');
    await t.store.mail.ack('bbbb', [recent.id]);
    t.clock.advance(5 * DAY); // old: 15 days, recent: 5 days

    expect(await t.store.history.prune(14)).toBeGreaterThan(0);
    const L = t.store.layout;
    expect(existsSync(L.messageFile('bbbb', 'acked', old.id))).toBe(false);
    expect(existsSync(L.logFile(old.id))).toBe(false);
    expect(existsSync(L.sentFile('aaaa', old.id))).toBe(false);
    expect(existsSync(L.messageFile('bbbb', 'new', unread.id))).toBe(true); // never pruned unread
    expect(existsSync(L.messageFile('bbbb', 'acked', recent.id))).toBe(true);
    expect(existsSync(L.logFile(recent.id))).toBe(true);
  });

  test('a message stamped by a fast clock is kept until its own stamp is older than the retention', async () => {
    const t = await stores.store();
    const fast = await openStore({ root: t.root, clock: fixedClock(T0 + 3 * DAY) });
    const ahead = await fast.store.mail.send({ from: { code: 'aaaa' }, to: ['bbbb'], scope: 'direct', body: 'from the future' });
    await t.store.mail.ack('bbbb', [ahead.id]);
    t.clock.advance(15 * DAY); // 15 days on our clock, 12 by its stamp
    await t.store.history.prune(14);
    expect(existsSync(t.store.layout.messageFile('bbbb', 'acked', ahead.id))).toBe(true);
    t.clock.advance(3 * DAY);
    await t.store.history.prune(14);
    expect(existsSync(t.store.layout.messageFile('bbbb', 'acked', ahead.id))).toBe(false);
  });
});
