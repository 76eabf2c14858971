// 8 sender processes × 1,000 messages into one inbox while a reader drains it: nothing lost,
// nothing duplicated, nothing torn.
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { procInfo } from '../../src/core/proc.ts';
import { checkPayload } from '../helpers/payload.ts';
import { BUN, FIXTURES } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';

const SENDERS = 8;
const PER_SENDER = 1000;

test(`${SENDERS} processes × ${PER_SENDER} messages into one draining inbox: 0 lost, 0 duplicated, 0 torn`, async () => {
  const root = join(tmpDir('intercom-conc-'), 'store');
  const store = await openStore({ root });
  const me = await store.agents.register({
    project: 'conc',
    projectRoot: root,
    cwd: root,
    pid: process.pid,
    pidStart: procInfo(process.pid)!.start,
  });
  const senders = Array.from({ length: SENDERS }, (_, i) =>
    Bun.spawn([BUN, join(FIXTURES, 'send-many.ts'), root, me.code, String(i), String(PER_SENDER), '200'], { stderr: 'pipe', stdout: 'pipe' }),
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
    if (batch.length) await store.mail.ack(me.code, batch.map((m) => m.message.id));
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
