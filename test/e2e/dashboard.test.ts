// `intercom dashboard` as a person uses it: a real dashboard process, real MCP agents in the same
// store, and the page in headless Chromium. Every wait is on a condition, never a fixed sleep.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { browserMissing, launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { isolatedEnv, makeProject } from '../helpers/tmp.ts';

const missing = browserMissing();
const WAIT = { timeout: 15_000 };

/** Everything a process prints on stdout, and its first line as soon as it is there. */
function readStdout(stream: ReadableStream<Uint8Array>): { firstLine: Promise<string>; all: Promise<string> } {
  let text = '';
  let lineFound!: (line: string) => void;
  let lineMissing!: (error: Error) => void;
  const firstLine = new Promise<string>((resolve, reject) => {
    lineFound = resolve;
    lineMissing = reject;
  });
  const all = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes('\n')) lineFound(text.slice(0, text.indexOf('\n')));
    }
    lineMissing(new Error(`the dashboard closed stdout before printing its URL (got ${JSON.stringify(text)})`));
    return text;
  })();
  return { firstLine, all };
}

/** Local addresses of the TCP sockets listening on `port`, from the kernel's own table (Linux). */
function listeners(port: number): { v4: string[]; v6: string[] } {
  const read = (file: string) => {
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length > 3 && f[3] === '0A' && parseInt(f[1]!.split(':')[1]!, 16) === port) // 0A = LISTEN
      .map((f) => f[1]!.split(':')[0]!);
  };
  return { v4: read('/proc/net/tcp'), v6: read('/proc/net/tcp6') };
}

describe.skipIf(missing !== undefined)(`intercom dashboard in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sandbox: string;
  let alpha: TestAgent;
  let beta: TestAgent;
  let gamma: TestAgent;
  let dashboard: Bun.Subprocess<'ignore', 'pipe', 'pipe'>;
  let stderr: Promise<string>;
  let stdout: Promise<string>;
  let url: URL;
  let browser: TestBrowser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    // Made here, not when the file loads, so a skipped run leaves no folder behind.
    sandbox = mkdtempSync(join(tmpdir(), 'intercom-dashboard-'));
    const env = isolatedEnv(sandbox);
    [alpha, beta, gamma] = await Promise.all([
      startAgent({ cwd: makeProject(sandbox, 'webapp'), env }),
      startAgent({ cwd: makeProject(sandbox, 'api'), env }),
      startAgent({ cwd: makeProject(sandbox, 'docs'), env }),
    ]);
    await alpha.call('set_status', { status: 'migrating billing', name: 'alpha' });
    await alpha.call('claim', { paths: ['src/billing/**'], reason: 'schema change' });
    await alpha.call('send', { to: beta.code, body: 'sent before the dashboard started' });
    dashboard = Bun.spawn([BUN, ENTRY, 'dashboard'], { env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    stderr = new Response(dashboard.stderr).text();
    const printed = readStdout(dashboard.stdout);
    stdout = printed.all;
    url = new URL(
      await printed.firstLine.catch(async (error: Error) => Promise.reject(new Error(`${error.message}; its stderr: ${await stderr}`))),
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url.href);
    await page.locator('#conn[data-state="live"]').waitFor(WAIT);
  });

  afterAll(async () => {
    await browser?.close();
    dashboard?.kill('SIGINT');
    await Promise.all([dashboard?.exited, alpha?.close(), beta?.close(), gamma?.close()]);
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  test('the page lists the live agents with their claims, and the recent messages', async () => {
    const row = page.locator(`#agents tr[data-code="${alpha.code}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('td.name').textContent()).toBe('alpha');
    expect(await row.locator('td.project').textContent()).toBe('webapp');
    expect(await row.locator('td.status').textContent()).toBe('migrating billing');
    expect(await row.locator('td.activity').textContent()).toMatch(/^(busy|idle|unknown)$/);
    expect(await row.locator('td.claims').textContent()).toContain('src/billing/**');
    expect(await row.locator('td.claims').textContent()).toContain('schema change');
    for (const agent of [beta, gamma]) await page.locator(`#agents tr.agent:not(.dead)[data-code="${agent.code}"]`).waitFor(WAIT);
    const earlier = page.locator('#messages li', { hasText: 'sent before the dashboard started' });
    await earlier.waitFor(WAIT);
    expect(await earlier.locator('.from').textContent()).toBe(`${alpha.code} (alpha)`);
    expect(await earlier.locator('.to').textContent()).toBe(beta.code);
  });

  test('a message an agent sends appears live, without a reload', async () => {
    await page.evaluate('window.__sameDocument = true');
    const sent = await alpha.call('send', { to: beta.code, body: 'live: the billing tables are migrated' });
    const item = page.locator(`#messages li[data-id="${String(sent.id)}"]`);
    await item.waitFor(WAIT);
    expect(await item.locator('.body').textContent()).toBe('live: the billing tables are migrated');
    expect(await item.locator('.from').textContent()).toBe(`${alpha.code} (alpha)`);
    expect(await item.locator('.to').textContent()).toBe(beta.code);
    const answer = await beta.call('reply', { id: String(sent.id), body: 'thanks, starting the API part' });
    const reply = page.locator(`#messages li[data-id="${String(answer.id)}"]`);
    await reply.waitFor(WAIT);
    expect(await reply.locator('.re').textContent()).toBe(`re ${String(sent.id)}`);
    expect(await page.locator('#messages li').last().getAttribute('data-id')).toBe(String(answer.id)); // newest at the bottom
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  test('the form sends as human; the agent receives it; a store error is shown on the page', async () => {
    await page.fill('#to', beta.code);
    await page.fill('#body', 'from the dashboard: please review PR 12');
    await page.click('#send');
    await page.locator('#send-result.ok').waitFor(WAIT);
    expect(await page.locator('#send-result').textContent()).toContain(`sent `);
    const { messages } = (await beta.call('peek')) as { messages: { from: string; body: string }[] };
    expect(messages).toContainEqual(expect.objectContaining({ from: 'human', body: 'from the dashboard: please review PR 12' }));
    await page
      .locator('#messages li', { hasText: 'from the dashboard: please review PR 12' })
      .locator('.from', { hasText: 'human' })
      .waitFor(WAIT);
    expect(await page.inputValue('#body')).toBe('');

    await page.fill('#to', 'nobody');
    await page.fill('#body', 'is anyone there?');
    await page.click('#send');
    await page.locator('#send-result.error').waitFor(WAIT);
    expect(await page.locator('#send-result').textContent()).toContain("no live agent or Claude session matches 'nobody'");
  });

  test('an agent that exits stays on the page, marked dead', async () => {
    await gamma.close();
    const row = page.locator(`#agents tr.dead[data-code="${gamma.code}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('td.activity').textContent()).toBe('dead');
    expect(await page.locator(`#agents tr.agent:not(.dead)[data-code="${alpha.code}"]`).count()).toBe(1);
  });

  test('untrusted text is shown as text and never runs', async () => {
    const body = '<script>alert(1)</script><img src=x onerror="alert(2)"> & <b>bold</b>';
    await alpha.call('set_status', { status: '<img src=x onerror="alert(3)">status' });
    const sent = await alpha.call('send', { to: beta.code, body });
    const item = page.locator(`#messages li[data-id="${String(sent.id)}"]`);
    await item.waitFor(WAIT);
    expect(await item.locator('.body').textContent()).toBe(body);
    await page
      .locator(`#agents tr[data-code="${alpha.code}"] td.status`, { hasText: '<img src=x onerror="alert(3)">status' })
      .waitFor(WAIT);
    expect(await page.locator('main script, main img, #messages b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('only 127.0.0.1 listens, and nothing answers without the token', async () => {
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    if (existsSync('/proc/net/tcp')) expect(listeners(port)).toEqual({ v4: ['0100007F'], v6: [] });
    const token = url.pathname.split('/')[1]!;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const base = `http://127.0.0.1:${port}`;
    const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    for (const path of ['/', '/events', '/send', `/${wrong}/`, `/${wrong}/events`, `/${token}x/`, `/${token}/nothing`, '/favicon.ico']) {
      const response = await fetch(`${base}${path}`);
      expect(`${path} ${response.status}`).toBe(`${path} 404`);
    }
    const forged = await fetch(`${base}/${wrong}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: beta.code, body: 'forged without the token' }),
    });
    expect(forged.status).toBe(404);
    const notJson = await fetch(`${base}/${token}/send`, {
      method: 'POST',
      body: JSON.stringify({ to: beta.code, body: 'as text/plain' }),
    });
    expect(notJson.status).toBe(415);
    const huge = await fetch(`${base}/${token}/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: beta.code, body: 'x'.repeat(70 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toContain('intercom send <to> -');
    const rebound = await fetch(url.href, { headers: { Host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(404);
    const { messages } = (await beta.call('peek')) as { messages: { body: string }[] };
    expect(messages.map((m) => m.body)).not.toContain('forged without the token');
  });

  test('Ctrl-C stops the dashboard cleanly, having printed only the URL on stdout', async () => {
    dashboard.kill('SIGINT');
    expect(await dashboard.exited).toBe(0);
    expect(await stdout).toBe(`${url.href}\n`); // stdout is the URL line alone
    expect(await stderr).toContain('Ctrl-C to stop');
    await page.locator('#conn:not([data-state="live"])').waitFor(WAIT);
  });
});
