// A send is all or nothing per recipient from the sender's view, and its receipts tell the truth:
// a sender killed midway, or an inbox that refuses the link, never leaves a message that some
// recipients see and others never get while the sender's record calls it sent.
import { afterAll, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntercomError } from '../../src/core/errors.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { MESSAGE_STATES } from '../../src/store/layout.ts';
import { BUN, FIXTURES } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';

const BOXES = ['aaa1', 'bbb2', 'ccc3'];
const HUMAN = { kind: 'human' } as const;

/** Ids of `box`'s messages in every state (a message in two states would show twice). */
function idsIn(store: Intercom, box: string): string[] {
  return MESSAGE_STATES.flatMap((state) => {
    const dir = store.layout.messageDir(box, state);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n.endsWith('.json'))
          .map((n) => n.slice(0, -5))
      : [];
  });
}

const jsonIds = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .map((n) => n.slice(0, -5))
    : [];

test('40 senders SIGKILLed mid-send: every logged message reaches every recipient or status says undelivered; none twice', async () => {
  // tmpfs: fsync costs nothing there, so the links are most of a send and the kills land among them.
  const base = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/intercom-send-kill-') : tmpDir('intercom-send-kill-');
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'store');
  const store = await openIntercom({ root });
  let kills = 0;
  for (let round = 0; round < 10; round++) {
    const children = Array.from({ length: 4 }, (_, i) =>
      Bun.spawn([BUN, join(FIXTURES, 'send-fanout.ts'), root, BOXES.join(','), `${round}-${i}`], { stdout: 'pipe', stderr: 'ignore' }),
    );
    // Wait until each child is sending, then let it run a random while before the kill.
    await Promise.all(children.map(async (c) => (await c.stdout.getReader().read()).value));
    await Bun.sleep(20 + Math.floor(Math.random() * 60));
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    kills += children.length;
  }
  expect(kills).toBe(40);

  const logged = jsonIds(store.layout.log);
  expect(logged.length).toBeGreaterThan(0);
  const inLog = new Set(logged);
  // Before any sweep: each logged message is in each recipient's mailbox, or status says the copy is undelivered.
  let undelivered = 0;
  const have = new Map(BOXES.map((box) => [box, new Set(idsIn(store, box))]));
  for (const id of logged) {
    const absent = BOXES.filter((box) => !have.get(box)!.has(id));
    if (absent.length === 0) continue;
    const status = await store.receipts.status(id);
    for (const box of absent) expect(status.receipts.find((r) => r.to === box)?.state).toBe('undelivered');
    undelivered += absent.length;
  }
  for (const box of BOXES) {
    const ids = idsIn(store, box);
    expect(new Set(ids).size).toBe(ids.length); // no message twice
    for (const id of ids) expect(inLog.has(id)).toBe(true); // nothing visible that was not sent
    const bodies = (await store.mail.list(box, MESSAGE_STATES)).map((m) => m.message.body);
    expect(new Set(bodies).size).toBe(bodies.length); // no send delivered twice
  }
  // The sweep finishes committed sends and withdraws the rest: then every logged message is everywhere.
  await store.collectTmp();
  for (const box of BOXES) {
    const ids = new Set(idsIn(store, box));
    for (const id of jsonIds(store.layout.log)) expect(ids.has(id)).toBe(true);
    expect(readdirSync(store.layout.messageDir(box, 'new')).filter((n) => !n.endsWith('.json'))).toEqual([]);
  }
  for (const id of jsonIds(store.layout.sentDir('human'))) expect(existsSync(store.layout.logFile(id))).toBe(true);
  const failedDir = join(store.layout.mailbox('human'), 'failed');
  for (const id of jsonIds(failedDir)) {
    expect(existsSync(store.layout.logFile(id))).toBe(false);
    for (const box of BOXES) expect(idsIn(store, box)).not.toContain(id);
    expect((await store.receipts.status(id)).receipts.map((r) => r.state)).toEqual(['undelivered', 'undelivered', 'undelivered']);
  }
  expect(readdirSync(store.layout.tmp)).toEqual([]);
  expect(store.takeProblems()).toEqual([]);
  console.log(
    `kills: ${kills}, messages logged: ${logged.length}, copies undelivered before the sweep: ${undelivered}, withdrawn sends: ${jsonIds(failedDir).length}`,
  );
}, 120_000);

/** Make `dir` refuse new links: immutable (chattr +i, needs root on ext4/tmpfs), else a file in its place. Returns the undo. */
function blockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  if (Bun.spawnSync(['chattr', '+i', dir], { stderr: 'ignore' }).exitCode === 0) {
    return () => void Bun.spawnSync(['chattr', '-i', dir]);
  }
  rmSync(dir, { recursive: true });
  writeFileSync(dir, 'not a folder');
  return () => rmSync(dir);
}

for (const blockedBox of BOXES) {
  test(`an inbox that refuses the copy (${blockedBox}): nothing is sent, the error says so, status tells the truth, the retry delivers once`, async () => {
    const root = join(tmpDir('intercom-send-fail-'), 'store');
    const store = await openIntercom({ root });
    const unblock = blockFolder(store.layout.messageDir(blockedBox, 'new'));
    const body = 'the migration is done; you can deploy';
    let failure: unknown;
    try {
      await store.post(HUMAN, { to: BOXES, scope: 'direct', body });
    } catch (error) {
      failure = error;
    } finally {
      unblock();
    }
    expect(failure).toBeInstanceOf(IntercomError);
    const message = (failure as Error).message;
    expect(message).toContain(`for ${blockedBox}`);
    expect(message).toContain('NOT sent');
    expect(message).toContain('send it again');
    const firstId = /message (\d{13}-[a-z0-9]{10}) was NOT sent/.exec(message)?.[1];
    expect(firstId).toBeDefined();

    // Nothing visible anywhere, nothing staged, no log entry, not in the sender's sent/.
    for (const box of BOXES) {
      expect(idsIn(store, box)).toEqual([]);
      const newDir = store.layout.messageDir(box, 'new');
      if (existsSync(newDir)) expect(readdirSync(newDir)).toEqual([]);
    }
    expect(jsonIds(store.layout.log)).toEqual([]);
    expect(jsonIds(store.layout.sentDir('human'))).toEqual([]);

    // status of the failed attempt: never delivered, to anyone (not "missing", not "pruned").
    const first = await store.receipts.status(firstId!);
    expect(first.sent).toBe(false);
    for (const r of first.receipts) {
      expect(r.state).toBe('undelivered');
      expect(r.note).toContain('never delivered');
    }

    // The retry (same text, same recipients) is not a "repeat", and each recipient gets it once.
    const retry = await store.post(HUMAN, { to: BOXES, scope: 'direct', body });
    for (const box of BOXES) {
      const got = await store.mail.list(box, MESSAGE_STATES);
      expect(got.map((m) => m.message.id)).toEqual([retry.id]);
    }
    expect((await store.receipts.status(retry.id)).receipts.map((r) => r.state)).toEqual(['new', 'new', 'new']);
    expect((await store.receipts.status(firstId!)).receipts.map((r) => r.state)).toEqual(['undelivered', 'undelivered', 'undelivered']);
    const recent = await store.receipts.recent('human');
    expect(recent.map((s) => [s.id, s.sent])).toEqual([
      [retry.id, true],
      [firstId!, false],
    ]);
    // A third identical send is a repeat now: the retry counted, the failure did not.
    await expect(store.post(HUMAN, { to: BOXES, scope: 'direct', body })).rejects.toThrow('already sent this exact message');
  });
}
