// store/activity, through agents.setActivity / agents.activity: busy or idle is what the newest
// event says, not whatever was written last. Events are placed by their own time (the hook's
// start); a late write about an older event changes nothing; an idle after an idle keeps the time
// the idle began; an event stamped beyond the allowed clock skew is ignored; events recorded under
// a Claude process before its agent existed are adopted by the agent.
import { describe, expect, test } from 'bun:test';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock.ts';
import { procInfo } from '../../src/core/proc.ts';
import { processKey } from '../../src/store/activity.ts';
import { MAX_CLOCK_SKEW_MS } from '../../src/store/log-scan.ts';
import { openStore } from '../../src/store/index.ts';
import { MINUTE, SECOND, T0, tempStores } from '../helpers/store.ts';

const stores = tempStores('intercom-unit-activity-');
const iso = (ms: number) => new Date(ms).toISOString();
/** A store whose clock reads LATER: every event the tests stamp at T0 + a few minutes is in its past. */
const LATER = T0 + 10 * MINUTE;
const storeLater = () => stores.store({ start: LATER });

describe('the newest event wins', () => {
  test('an event stamped ahead of this clock (the clock stepped back during the hook) is kept, not pruned to "unknown"', async () => {
    const { store } = await stores.store({ start: T0 });
    await store.agents.setActivity('abcd', 'busy', { at: T0 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + MINUTE });
    expect((await store.agents.activity('abcd')).state).toBe('idle');
  });

  test('an agent no hook has reported on is unknown', async () => {
    const { store } = await storeLater();
    expect((await store.agents.activity('abcd')).state).toBe('unknown');
  });

  test('events written in order: the last one is the state, since its own time', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'busy', since: iso(T0) });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + MINUTE });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + MINUTE), at: iso(T0 + MINUTE) });
  });

  test('an older event written after a newer one changes nothing (a slow hook finishing late)', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 2 * SECOND });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + SECOND });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'busy', since: iso(T0 + 2 * SECOND) });
  });

  test('a busy that happened before a recorded idle, written late, does not make the session busy again', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 10 * SECOND });
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 5 * SECOND });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + 10 * SECOND) });
  });

  test('without an explicit time, an event happens at the store clock', async () => {
    const { store, clock } = await stores.store();
    clock.advance(3 * MINUTE);
    await store.agents.setActivity('abcd', 'busy');
    expect((await store.agents.activity('abcd')).at).toBe(iso(T0 + 3 * MINUTE));
  });

  test('older events are pruned: one file is left per key', async () => {
    const { store } = await storeLater();
    for (let i = 0; i < 5; i++) await store.agents.setActivity('abcd', i % 2 ? 'idle' : 'busy', { at: T0 + i * SECOND });
    expect(readdirSync(store.layout.activityDir('abcd'))).toHaveLength(1);
  });
});

describe('idle after idle', () => {
  test('keeps the time the idle began', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + MINUTE });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 5 * MINUTE });
    expect((await store.agents.activity('abcd')).since).toBe(iso(T0 + MINUTE));
  });

  test('a busy in between starts a new idle period', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'idle', { at: T0 });
    await store.agents.setActivity('abcd', 'busy', { at: T0 + MINUTE });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 2 * MINUTE });
    expect((await store.agents.activity('abcd')).since).toBe(iso(T0 + 2 * MINUTE));
  });
});

describe('clock skew', () => {
  test('an event file stamped beyond the allowed skew is ignored while a true one exists', async () => {
    const t = await stores.store();
    await t.store.agents.setActivity('abcd', 'idle', { at: T0 });
    // Written by a clock that ran an hour fast (another tool, or before the clock was set back).
    const dir = t.store.layout.activityDir('abcd');
    writeFileSync(join(dir, `${T0 + 60 * MINUTE}-future.json`), JSON.stringify({ v: 1, state: 'busy', at: iso(T0 + 60 * MINUTE) }));
    expect(await t.store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0) });
    t.clock.advance(60 * MINUTE); // the clock caught up: now it is simply the newest event
    expect((await t.store.agents.activity('abcd')).state).toBe('busy');
  });

  test('an event ahead by less than the allowed skew counts (ordinary drift between processes)', async () => {
    const t = await stores.store();
    const slightlyFast = await openStore({ root: t.root, clock: fixedClock(T0 + MAX_CLOCK_SKEW_MS - SECOND) });
    await t.store.agents.setActivity('abcd', 'idle', { at: T0 });
    await slightlyFast.store.agents.setActivity('abcd', 'busy');
    expect((await t.store.agents.activity('abcd')).state).toBe('busy');
  });

  test('a future event does not block a true one written after it', async () => {
    const t = await stores.store();
    const fast = await openStore({ root: t.root, clock: fixedClock(T0 + 60 * MINUTE) });
    await fast.store.agents.setActivity('abcd', 'idle');
    await t.store.agents.setActivity('abcd', 'busy', { at: T0 });
    expect(await t.store.agents.activity('abcd')).toMatchObject({ state: 'busy', at: iso(T0) });
  });

  test('when our own clock steps back, the newest event still reads (busy, not unknown)', async () => {
    const { store, clock } = await stores.store();
    await store.agents.setActivity('abcd', 'busy', { at: T0 });
    clock.advance(-60 * MINUTE);
    expect((await store.agents.activity('abcd')).state).toBe('busy');
  });
});

describe('adopting the events of a Claude process', () => {
  const self = procInfo(process.pid)!;
  const key = processKey(self);

  test("a busy recorded under the Claude process before its agent existed becomes the agent's", async () => {
    const { store } = await storeLater();
    await store.agents.setActivity(key, 'busy', { at: T0, sessionId: '3f2a9c1e-0000-4000-8000-000000000001' });
    await store.agents.adoptActivity(key, 'abcd');
    expect(await store.agents.activity('abcd')).toMatchObject({
      state: 'busy',
      since: iso(T0),
      sessionId: '3f2a9c1e-0000-4000-8000-000000000001',
    });
    expect(existsSync(store.layout.activityDir(key)) ? readdirSync(store.layout.activityDir(key)) : []).toEqual([]);
  });

  test('an adopted event older than what the agent already recorded does not override it', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity(key, 'busy', { at: T0 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + MINUTE });
    await store.agents.adoptActivity(key, 'abcd');
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + MINUTE) });
  });

  test('an adopted event newer than what the agent recorded wins', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'idle', { at: T0 });
    await store.agents.setActivity(key, 'busy', { at: T0 + MINUTE });
    await store.agents.adoptActivity(key, 'abcd');
    expect((await store.agents.activity('abcd')).state).toBe('busy');
  });

  test('the events of a process that is gone are collected by the sweep; those of a live one stay', async () => {
    const { store } = await storeLater();
    const gone = processKey({ pid: process.pid, start: 'another-run' });
    await store.agents.setActivity(gone, 'busy', { at: T0 });
    await store.agents.setActivity(key, 'busy', { at: T0 });
    await store.collectTmp();
    expect(existsSync(store.layout.activityDir(gone))).toBe(false);
    expect((await store.agents.activity(key)).state).toBe('busy');
  });

  test('a key that is neither an agent code nor a process key is refused before it touches a path', async () => {
    const { store } = await storeLater();
    await expect(store.agents.setActivity('../abcd', 'busy')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('an idle and a wake whose times are within a clock tick of each other', () => {
  // A hook's time is its process start to a tick (up to 20 ms early): the pids decide there.
  test('a Stop launched before the wake (a lower pid than the wake saw) leaves the session busy', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 10, lastPid: 5000 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 20, firstPid: 4990 });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'busy', since: iso(T0 + 10) });
  });

  test('the Stop of the woken turn (launched after the wake, stamped a tick before it) makes it idle', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 10, lastPid: 5000 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 1, firstPid: 5003 });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + 11) });
  });

  const PID_MAX = '/proc/sys/kernel/pid_max';
  test.skipIf(!existsSync(PID_MAX))(
    "the Stop of the woken turn launched after the pids wrapped (a pid below the wake's) makes it idle",
    async () => {
      const max = Number(readFileSync(PID_MAX, 'utf8'));
      const { store } = await storeLater();
      await store.agents.setActivity('abcd', 'busy', { at: T0 + 10, lastPid: max - 5 });
      await store.agents.setActivity('abcd', 'idle', { at: T0 + 1, firstPid: 301 });
      expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + 11) });
    },
  );

  test('further apart, time alone decides', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 100, lastPid: 5000 });
    await store.agents.setActivity('abcd', 'idle', { at: T0, firstPid: 6000 });
    expect((await store.agents.activity('abcd')).state).toBe('busy');
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 200, firstPid: 10 });
    expect((await store.agents.activity('abcd')).state).toBe('idle');
  });
});

test("a prompt right after a wake (launched after it, stamped a tick before) replaces the wake's busy with its own transcript", async () => {
  const { store } = await storeLater();
  await store.agents.setActivity('abcd', 'busy', { at: T0 + 10, lastPid: 5000, transcriptPath: '/old.jsonl' });
  await store.agents.setActivity('abcd', 'busy', { at: T0 + 2, firstPid: 5001, transcriptPath: '/new.jsonl' });
  expect(await store.agents.activity('abcd')).toMatchObject({ state: 'busy', transcriptPath: '/new.jsonl' });
});

describe("two hooks' events within a clock tick of each other", () => {
  // A SessionStart whose watcher marks idle late and the prompt launched just after it can start in
  // the same tick: the prompt (the higher pid) must stand, whichever is written last.
  test('a prompt launched after a SessionStart, same tick, written first: the late idle does not override it', async () => {
    // Same time to the ms: without the pids, which file sorts last is down to its random suffix.
    for (let i = 0; i < 16; i++) {
      const { store } = await storeLater();
      await store.agents.setActivity('abcd', 'busy', { at: T0 + 10, firstPid: 7002 });
      await store.agents.setActivity('abcd', 'idle', { at: T0 + 10, firstPid: 7000 });
      expect((await store.agents.activity('abcd')).state).toBe('busy');
    }
  });

  test('the Stop launched after the prompt, stamped a tick earlier: it makes the session idle', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 20, firstPid: 7002 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 10, firstPid: 7010 });
    expect(await store.agents.activity('abcd')).toMatchObject({ state: 'idle', since: iso(T0 + 21) });
  });

  test('an event written by an older intercom (no pid on record): time alone decides', async () => {
    const { store } = await storeLater();
    await store.agents.setActivity('abcd', 'busy', { at: T0 + 20 });
    await store.agents.setActivity('abcd', 'idle', { at: T0 + 10, firstPid: 7010 });
    expect((await store.agents.activity('abcd')).state).toBe('busy');
  });
});
