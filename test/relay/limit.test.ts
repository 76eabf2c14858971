// The pumps' limiter (src/relay/limit.ts): never more than its maximum at once, every task run,
// `idle` only once all ended, and a task that throws reported without stalling the others.
import { describe, expect, test } from 'bun:test';
import { createLimiter } from '../../src/relay/limit.ts';

describe('limiter', () => {
  test('runs every task, at most max at once, and is idle only once all ended', async () => {
    const errors: unknown[] = [];
    const limit = createLimiter(3, (e) => errors.push(e));
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 50; i++) {
      await limit.start(async () => {
        running++;
        most = Math.max(most, running);
        await Bun.sleep(i % 4);
        running--;
        done++;
      });
    }
    await limit.idle();
    expect(done).toBe(50);
    expect(running).toBe(0);
    expect(most).toBe(3);
    expect(errors).toEqual([]);
  });

  test('a task that throws is reported and frees its place', async () => {
    const errors: unknown[] = [];
    const limit = createLimiter(1, (e) => errors.push(e));
    let done = 0;
    await limit.start(async () => {
      throw new Error('disk full');
    });
    for (let i = 0; i < 3; i++)
      await limit.start(async () => {
        done++;
      });
    await limit.idle();
    expect(done).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
  });
});
