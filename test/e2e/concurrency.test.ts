// 8 sender processes × 1,000 messages into one inbox while a reader drains it: nothing lost,
// nothing duplicated, nothing torn. And processes opening one new store at once all succeed.
import { expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import { checkPayload } from '../helpers/payload.ts';
import { BUN, FIXTURES } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { registerLive } from '../helpers/store.ts';

const SENDERS = 8;
const PER_SENDER = 1000;

test(`${SENDERS} processes × ${PER_SENDER} messages into one draining inbox: 0 lost, 0 duplicated, 0 torn`, async () => {
  const root = join(tmpDir('intercom-conc-'), 'store');
  const store = await openIntercom({ root });
  const me = await registerLive(store, { project: 'conc', projectRoot: root });
  const senders = Array.from({ length: SENDERS }, (_, i) =>
    Bun.spawn([BUN, join(FIXTURES, 'send-many.ts'), root, me.code, String(i), String(PER_SENDER), '200'], {
      stderr: 'pipe',
      stdout: 'pipe',
    }),
  );
  const seen = new Map<string, number>();
  let torn = 0;
  let duplicates = 0;
  let finished = false;
  const exits = Promise.all(senders.map((p) => p.exited)).then((codes) => {
    finished = true;
    return codes;
  });
  // Drain while the senders write: read what is new, then ack it (move to history).
  for (;;) {
    const batch = await store.mail.list(me.code, ['new']);
    for (const { message } of batch) {
      const check = checkPayload(message.body);
      if ('torn' in check) torn++;
      else {
        const key = `${check.sender}:${check.seq}`;
        if (seen.has(key)) duplicates++;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    if (batch.length)
      await store.mail.ack(
        me.code,
        batch.map((m) => m.message.id),
      );
    if (finished && batch.length === 0 && (await store.mail.countNew(me.code)) === 0) break;
    if (batch.length === 0) await Bun.sleep(5);
  }
  const codes = await exits;
  for (const [i, p] of senders.entries()) {
    if (codes[i] !== 0) throw new Error(`sender ${i} failed: ${await new Response(p.stderr).text()}`);
  }
  const lost: string[] = [];
  for (let s = 0; s < SENDERS; s++) for (let q = 0; q < PER_SENDER; q++) if (!seen.has(`${s}:${q}`)) lost.push(`${s}:${q}`);
  expect({ lost: lost.length, duplicates, torn }).toEqual({ lost: 0, duplicates: 0, torn: 0 });
  expect(seen.size).toBe(SENDERS * PER_SENDER);
  expect(store.takeProblems()).toEqual([]);
  // Every message also reached history exactly once.
  expect((await store.mail.list(me.code, ['acked'])).length).toBe(SENDERS * PER_SENDER);
}, 120_000);

test('processes opening one new store at the same moment all succeed (the store marker is never seen half-written)', async () => {
  // Each opener loads the store code, then spins until the go file appears, so they all open
  // the new store within microseconds of each other.
  const script = [
    `import { existsSync } from 'node:fs';`,
    `import { openStore } from ${JSON.stringify(join(import.meta.dir, '..', '..', 'src', 'store', 'index.ts'))};`,
    `const [root, go] = process.argv.slice(1);`,
    `process.stdout.write('ready\\n');`,
    `while (!existsSync(go)) {}`,
    `await openStore({ root });`,
  ].join('\n');
  for (let round = 0; round < 10; round++) {
    const dir = tmpDir('intercom-open-race-');
    const root = join(dir, 'store');
    const go = join(dir, 'go');
    const openers = Array.from({ length: 8 }, () => Bun.spawn([BUN, '-e', script, root, go], { stdout: 'pipe', stderr: 'pipe' }));
    await Promise.all(openers.map(async (p) => p.stdout.getReader().read()));
    writeFileSync(go, '');
    const results = await Promise.all(openers.map(async (p) => ({ code: await p.exited, stderr: await new Response(p.stderr).text() })));
    expect(results.filter((r) => r.code !== 0)).toEqual([]);
  }
}, 60_000);
