// The dashboard shows the whole mesh: in headless Chromium, the page on one machine lists the
// agents of the others with their machine, and messages sent between two other machines (who, to
// whom, never their text).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import type { TestAgent } from '../helpers/agent.ts';
import { browserMissing, launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { makeMachine } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const missing = browserMissing();
const WAIT = { timeout: 15_000 };

describe.skipIf(missing !== undefined)(`the dashboard across machines${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const root = tmpDir('intercom-mesh-dash-');
  let nats: TestNats;
  const machines: TestMachine[] = [];
  let bob: TestAgent;
  let carl: TestAgent;
  let dashboard: Bun.Subprocess<'ignore', 'pipe', 'pipe'>;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    nats = await startNats(root);
    const [a, b, c] = await Promise.all(['laptop', 'devbox', 'buildbox'].map((m) => makeMachine(root, m, nats.url)));
    machines.push(a!, b!, c!);
    await Promise.all(machines.map((m) => m.startRelay()));
    await a!.agent();
    bob = await b!.agent();
    carl = await c!.agent();
    await bob.call('set_status', { status: 'building the release' });
    dashboard = Bun.spawn([BUN, ENTRY, 'dashboard'], { env: a!.env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const reader = dashboard.stdout.getReader();
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(text.trim());
    await page.locator('#conn[data-state="live"]').waitFor(WAIT);
  });

  afterAll(async () => {
    await browser?.close();
    dashboard?.kill('SIGINT');
    await dashboard?.exited;
    for (const m of machines) await m.close();
    await nats?.stop();
  });

  test("another machine's agents are listed with their machine", async () => {
    const row = page.locator(`#agents tr[data-code="${bob.code}@devbox"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('td.machine').textContent()).toBe('devbox');
    expect(await row.locator('td.status').textContent()).toBe('building the release');
  });

  test('a message between two other machines shows who sent it to whom, and not its text', async () => {
    await until(
      async () => ((await bob.call('who', { scope: 'all' })) as { agents: { code: string }[] }).agents.some((x) => x.code === carl.code),
      'carl on the devbox',
    );
    const sent = (await bob.call('send', { to: carl.code, body: 'the signing key is in the vault' })) as { id: string };
    const item = page.locator(`#messages li[data-id="${sent.id}"]`);
    await item.waitFor(WAIT);
    expect(await item.locator('.from').textContent()).toBe(`${bob.code}@devbox`);
    expect(await item.locator('.to').textContent()).toBe(`${carl.code}@buildbox`);
    expect(await item.textContent()).not.toContain('signing key');
    expect(await item.locator('button.reply').count()).toBe(0);
  });
});
