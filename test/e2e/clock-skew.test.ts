// Clock skew: messages stamped while the clock ran fast (then set back) must not lock their sender
// out until the clock catches up, and any wait the loop guard states must be the real one.
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { IntercomError } from '../../src/core/errors.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { tmpDir } from '../helpers/tmp.ts';

const DAY = 86_400_000;
const HUMAN = { kind: 'human' } as const;

async function refusal(send: Promise<unknown>): Promise<IntercomError> {
  try {
    await send;
  } catch (error) {
    if (error instanceof IntercomError) return error;
    throw error;
  }
  throw new Error('the send was not refused');
}

test('30 sends stamped a day ahead do not lock the sender out; the stated wait is at most 60 s and true', async () => {
  let now = Date.now();
  let ahead = DAY;
  const store = await openIntercom({ root: join(tmpDir('intercom-skew-'), 'store'), clock: { now: () => now + ahead } });
  const send = (body: string) => store.post(HUMAN, { to: ['aaa1'], scope: 'direct', body });
  for (let i = 0; i < 30; i++) await send(`sent while the clock was fast ${i}`);
  expect((await refusal(send('one too many, a day ahead'))).message).toContain('rate limit');

  ahead = 0; // the clock is set right
  await send('sent while the clock was fast 0'); // not a "repeat" of a message from the future
  for (let i = 1; i < 30; i++) await send(`on time ${i}`);
  const limited = await refusal(send('one too many'));
  expect(limited.message).toContain('rate limit');
  const wait = Number(/Wait (\d+) s/.exec(limited.message)?.[1]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  now += wait * 1000 - 1000;
  expect((await refusal(send('a second too early'))).message).toContain('rate limit');
  now += 1000; // exactly the stated wait: the send goes through
  await send('after the stated wait');
});

test('the stated wait is exact: a second earlier the send is refused, at the stated time it goes through', async () => {
  let now = Date.now();
  const store = await openIntercom({ root: join(tmpDir('intercom-skew-'), 'store'), clock: { now: () => now } });
  const send = (body: string) => store.post(HUMAN, { to: ['aaa1'], scope: 'direct', body });
  // 30 in the window, the first 10 s apart from the rest.
  await send('first');
  now += 10_000;
  for (let i = 1; i < 30; i++) await send(`later ${i}`);
  const wait = Number(/Wait (\d+) s/.exec((await refusal(send('too many'))).message)?.[1]);
  expect(wait).toBe(50);
  now += wait * 1000 - 1000;
  await refusal(send('a second too early'));
  now += 1000;
  await send('a slot freed');
  // Now 30 again (29 "later" + this one); the next slot frees when the first "later" leaves.
  const second = Number(/Wait (\d+) s/.exec((await refusal(send('too many again'))).message)?.[1]);
  expect(second).toBe(10);
  now += second * 1000;
  await send('another slot freed');
});

test('a claim made while the clock ran a day fast is not in force once the clock is right', async () => {
  const root = join(tmpDir('intercom-skew-claim-'), 'store');
  let ahead = DAY;
  const store = await openIntercom({ root, clock: { now: () => Date.now() + ahead } });
  await store.claims.claim({ code: 'human', project: 'p', projectRoot: '/srv/p' }, ['src/auth/**'], 10, 'rotating keys');
  expect(await store.claims.covering('/srv/p/src/auth/keys.ts', undefined)).toHaveLength(1); // in force by its own clock
  ahead = 0;
  expect(await store.claims.covering('/srv/p/src/auth/keys.ts', undefined)).toEqual([]);
});

test('busy/idle: a clock stepped back mid-turn leaves the session busy, not "unknown" (which would read as wakeable)', async () => {
  const root = join(tmpDir('intercom-skew-activity-'), 'store');
  let back = 0;
  const store = await openIntercom({ root, clock: { now: () => Date.now() - back } });
  const t = Date.now();
  await store.agents.setActivity('abcd', 'idle', { at: t - 60_000 });
  await store.agents.setActivity('abcd', 'busy', { at: t });
  back = 30_000; // the clock steps back 30 s during the turn
  expect((await store.agents.activity('abcd')).state).toBe('busy');
});
