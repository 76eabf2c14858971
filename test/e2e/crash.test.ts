// Writers killed with SIGKILL mid-stream never leave a partial message where a reader looks,
// and their leftover temp files are collected.
import { expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import { checkPayload } from '../helpers/payload.ts';
import { BUN, FIXTURES } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { registerLive } from '../helpers/store.ts';

test('SIGKILLed writers leave no visible partial message; their temp files are collected', async () => {
  const root = join(tmpDir('intercom-crash-'), 'store');
  const store = await openIntercom({ root });
  const me = await registerLive(store, { project: 'crash', projectRoot: root });
  const newDir = join(root, 'mail', me.code, 'new');
  let killed = 0;
  for (let round = 0; round < 6; round++) {
    // Large bodies (60 KB) make each write long enough to be caught in the middle.
    const writers = Array.from({ length: 4 }, (_, i) =>
      Bun.spawn([BUN, join(FIXTURES, 'send-many.ts'), root, me.code, `${round}-${i}`, '100000', '60000'], {
        stdout: 'ignore',
        stderr: 'ignore',
      }),
    );
    await Bun.sleep(150 + Math.floor(Math.random() * 150));
    for (const w of writers) w.kill('SIGKILL');
    await Promise.all(writers.map((w) => w.exited));
    killed += writers.length;
    // Every file a reader can see in new/ is whole.
    for (const name of readdirSync(newDir)) {
      const message = JSON.parse(readFileSync(join(newDir, name), 'utf8')) as { body: string };
      expect(checkPayload(message.body)).not.toHaveProperty('torn');
    }
  }
  const visible = await store.mail.list(me.code, ['new']);
  expect(visible.length).toBeGreaterThan(0);
  for (const { message } of visible) expect(checkPayload(message.body)).not.toHaveProperty('torn');
  expect(store.takeProblems()).toEqual([]); // nothing had to be quarantined
  expect(killed).toBe(24);
  // Leftover temp files of the dead writers are collected; none remain.
  // The kills did land mid-write (seen: 18-23 of 24 writers leave a temp file), so this test
  // really exercises interrupted writes.
  expect(readdirSync(join(root, 'tmp')).length).toBeGreaterThan(0);
  await store.collectTmp();
  expect(readdirSync(join(root, 'tmp'))).toEqual([]);
}, 60_000);
