// store/send-commit: a send is all or nothing per recipient from the sender's view. When one
// recipient's inbox cannot take its copy, nobody gets the message, the attempt is kept in the
// sender's failed/, and its receipts say "undelivered" (never "missing"). A failed send does not
// count as sent, so sending it again delivers it exactly once.
import { describe, expect, spyOn, test } from 'bun:test';
import fs, { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rejection, tempStores } from '../helpers/store.ts';
import type { TempStore } from '../helpers/store.ts';
import { failedDir } from '../../src/store/send-commit.ts';

const stores = tempStores('intercom-unit-send-');
const realLink = fs.linkSync.bind(fs);
const FROM = { code: 'aaaa' } as const;

/** Put a plain file where a mailbox folder belongs, so nothing can be linked into it (root or not). */
function breakFolder(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'in the way');
}

/** Everything in a folder, staged copies included (readers list *.json only). */
function everything(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

function send(t: TempStore, to: string[], body = 'deploy is frozen') {
  return t.store.mail.send({ from: FROM, to, scope: 'direct', body });
}

describe('a recipient whose inbox cannot take the message', () => {
  test('nobody gets it: no copy (staged or not) in any inbox, nothing in sent/ or the log', async () => {
    const t = await stores.store();
    breakFolder(t.store.layout.messageDir('cccc', 'new'));
    const error = await rejection(send(t, ['bbbb', 'cccc', 'dddd']));
    expect(error.code).toBe('IO');
    expect(error.message).toContain('cccc'); // the recipient that could not take it
    expect(everything(t.store.layout.messageDir('bbbb', 'new'))).toEqual([]);
    expect(everything(t.store.layout.messageDir('dddd', 'new'))).toEqual([]);
    expect(everything(t.store.layout.sentDir('aaaa'))).toEqual([]);
    expect(everything(t.store.layout.log)).toEqual([]);
  });

  test('the attempt is kept in failed/, and every receipt says undelivered', async () => {
    const t = await stores.store();
    breakFolder(t.store.layout.messageDir('cccc', 'new'));
    const error = await rejection(send(t, ['bbbb', 'cccc']));
    const [failed] = everything(failedDir(t.store.layout, 'aaaa'));
    const id = failed?.replace(/\.json$/, '');
    expect(id).toBeDefined();
    expect(error.message).toContain(id!); // the error names the message status can follow

    const status = await t.store.receipts.status(id!);
    expect(status.sent).toBe(false);
    expect(status.receipts.map((r) => [r.to, r.state])).toEqual([
      ['bbbb', 'undelivered'],
      ['cccc', 'undelivered'],
    ]);
    const [recent] = await t.store.receipts.recent('aaaa');
    expect(recent?.id).toBe(id!);
    expect(recent?.sent).toBe(false);
  });

  test('once the inbox is fixed, sending the same text again delivers it exactly once to each', async () => {
    const t = await stores.store();
    const broken = t.store.layout.messageDir('cccc', 'new');
    breakFolder(broken);
    await rejection(send(t, ['bbbb', 'cccc'], 'same words'));
    rmSync(broken);
    const message = await send(t, ['bbbb', 'cccc'], 'same words');
    for (const box of ['bbbb', 'cccc']) {
      expect((await t.store.mail.list(box)).map((m) => m.message.id)).toEqual([message.id]);
    }
    expect((await t.store.mail.lastSent('aaaa', 10)).map((m) => m.id)).toEqual([message.id]);
  });
});

describe('a sender whose sent/ cannot record the message', () => {
  test('the send is withdrawn from every recipient before anyone sees it', async () => {
    const t = await stores.store();
    breakFolder(t.store.layout.sentDir('aaaa'));
    const error = await rejection(send(t, ['bbbb', 'cccc']));
    expect(error.code).toBe('IO');
    expect(everything(t.store.layout.messageDir('bbbb', 'new'))).toEqual([]);
    expect(everything(t.store.layout.messageDir('cccc', 'new'))).toEqual([]);
    expect(everything(t.store.layout.log)).toEqual([]);
  });
});

describe('a send that goes through', () => {
  test('every recipient has it in new/, the sender in sent/, the log once, and nothing is left staged or in tmp/', async () => {
    const t = await stores.store();
    const message = await send(t, ['bbbb', 'cccc', 'bbbb']);
    expect(message.to).toEqual(['bbbb', 'cccc']); // a recipient named twice gets one copy
    for (const box of ['bbbb', 'cccc']) expect(everything(t.store.layout.messageDir(box, 'new'))).toEqual([`${message.id}.json`]);
    expect(everything(t.store.layout.sentDir('aaaa'))).toEqual([`${message.id}.json`]);
    expect(everything(t.store.layout.log)).toEqual([`${message.id}.json`]);
    expect(everything(t.store.layout.tmp)).toEqual([]);
    const status = await t.store.receipts.status(message.id);
    expect(status.sent).toBe(true);
    expect(status.receipts.map((r) => r.state)).toEqual(['new', 'new']);
  });
});

describe('a folder on the way that is a symbolic link (planted in the store)', () => {
  // A link made through it would land outside the store, where no reader looks: the message lost.
  const cases: [string, (t: TempStore) => string][] = [
    ["the recipient's new/", (t) => t.store.layout.messageDir('bbbb', 'new')],
    ["the recipient's mailbox", (t) => t.store.layout.mailbox('bbbb')],
    ["the sender's sent/", (t) => t.store.layout.sentDir('aaaa')],
  ];
  test.each(cases)('%s is quarantined and reported, never written through; the message lands in the store', async (_name, folderOf) => {
    const t = await stores.store();
    const folder = folderOf(t);
    const outside = mkdtempSync(join(tmpdir(), 'intercom-outside-'));
    try {
      mkdirSync(join(folder, '..'), { recursive: true });
      symlinkSync(outside, folder);
      const message = await send(t, ['bbbb']);
      expect(readdirSync(outside)).toEqual([]);
      expect(everything(t.store.layout.messageDir('bbbb', 'new'))).toEqual([`${message.id}.json`]);
      expect(everything(t.store.layout.sentDir('aaaa'))).toEqual([`${message.id}.json`]);
      expect(everything(t.store.layout.quarantine).some((name) => name.endsWith('.reason.txt'))).toBe(true);
      expect(t.problems.map((p) => p.reason).join('\n')).toContain('symbolic link');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('while a send is in progress', () => {
  test('no recipient can see its copy before the send is committed in the sender’s sent/', async () => {
    const t = await stores.store();
    const visibleAtCommit: string[] = [];
    // Look at the inboxes the way readers do (*.json) at the moment of the commit link.
    const spy = spyOn(fs, 'linkSync').mockImplementation(function (this: unknown, src, dest) {
      if (String(dest).startsWith(`${t.store.layout.sentDir('aaaa')}/`)) {
        for (const box of ['bbbb', 'cccc'])
          visibleAtCommit.push(...everything(t.store.layout.messageDir(box, 'new')).filter((n) => n.endsWith('.json')));
      }
      return realLink(src, dest);
    });
    try {
      await send(t, ['bbbb', 'cccc']);
    } finally {
      spy.mockRestore();
    }
    expect(visibleAtCommit).toEqual([]);
    expect(await t.store.mail.countNew('bbbb')).toBe(1); // and it did land
  });
});
