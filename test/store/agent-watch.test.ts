// An agent's watches (store/agent-watch.ts): on a bun that loses events (before 1.4), a staged copy
// in the inbox (a send in progress) makes the watch look again shortly after, so a lost event of
// its publish (Bun 1.3.14 dropped it now and then) delays a wake by a fraction of a second, not
// until the backstop rescan minutes away.
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { STAGED_RECHECK_MS, losesPublishEvents, watchAgent } from '../../src/store/agent-watch.ts';
import type { AgentChange } from '../../src/store/agent-watch.ts';
import { createLayout } from '../../src/store/layout.ts';
import type { FolderWatch } from '../../src/store/watch.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const layout = createLayout(tmpDir('intercom-agent-watch-'));
const code = 'ab12';
let watch: FolderWatch | undefined;
afterEach(() => watch?.close());

/** Watches agent `code`, recording each change it reports (after the first check). */
async function recorder(): Promise<{ changes: (AgentChange | undefined)[]; at: number[] }> {
  const changes: (AgentChange | undefined)[] = [];
  const at: number[] = [];
  let started = false;
  watch = await watchAgent(
    { layout, watch: 'events' },
    code,
    async (change) => {
      if (!started) return;
      changes.push(change);
      at.push(Date.now());
    },
    (error) => {
      throw error;
    },
    undefined,
    STAGED_RECHECK_MS, // whatever bun runs the tests (by default only a bun before 1.4 rechecks)
  );
  started = true;
  return { changes, at };
}

describe('the inbox watch', () => {
  test('a staged copy (a send in progress) brings a look again after each recheck delay, with no event of its own', async () => {
    mkdirSync(layout.messageDir(code, 'new'), { recursive: true });
    const { changes, at } = await recorder();
    const written = Date.now();
    writeFileSync(`${layout.messageDir(code, 'new')}/1796688468328-000ffxm27x.4242.sending`, '{}');
    // The file's own events come at once; the last recheck's look comes a second later, with no event.
    await until(() => at.some((t) => t - written >= STAGED_RECHECK_MS.at(-1)!), 'the last recheck', 10_000);
    expect(changes.every((change) => change === 'mail')).toBe(true);
  });

  test('a message published (no staged copy seen) brings its event alone: no rechecks', async () => {
    mkdirSync(layout.messageDir(code, 'new'), { recursive: true });
    const { changes } = await recorder();
    writeFileSync(`${layout.messageDir(code, 'new')}/1796688468329-000ffxm27y.json`, '{}');
    await until(() => changes.length >= 1, 'the event');
    await Bun.sleep(STAGED_RECHECK_MS[0] + 200); // the file's events have come (a create may bring two)
    const seen = changes.length;
    await Bun.sleep(STAGED_RECHECK_MS.at(-1)! + 500);
    expect(changes.length).toBe(seen);
    expect(changes.every((change) => change === 'mail')).toBe(true);
  });

  test('closed, it looks no more: pending rechecks are dropped', async () => {
    mkdirSync(layout.messageDir(code, 'new'), { recursive: true });
    const { changes } = await recorder();
    writeFileSync(`${layout.messageDir(code, 'new')}/1796688468330-000ffxm27z.4242.sending`, '{}');
    await until(() => changes.length >= 1, 'the event');
    watch!.close();
    watch = undefined;
    const seen = changes.length;
    await Bun.sleep(STAGED_RECHECK_MS.at(-1)! + 500);
    expect(changes.length).toBe(seen);
  });
});

test('only a bun before 1.4 rechecks (1.3.14 lost events; 1.4.0, 1.4.4 and 1.4.5 did not)', () => {
  for (const version of ['1.3.0', '1.3.14', '0.9.9']) expect(losesPublishEvents(version)).toBe(true);
  for (const version of ['1.4.0', '1.4.5', '1.10.0', '2.0.0']) expect(losesPublishEvents(version)).toBe(false);
});
