// `npm run screenshots` (scripts/screenshots.ts) makes the README's pictures from the real thing.
// Pictures from a real browser are not byte-for-byte repeatable (clock times, agent codes, message
// ids, font rasterising), so no test compares them with the committed ones. What is checked:
// - the script, run for real into a temp folder (two real Claude Code sessions in tmux, the mock
//   API, headless Chromium), ends well and writes two small PNGs, and what they show is the story
//   the README tells: the prompt typed in each session, the message sent, the idle session woken
//   by intercom's watcher (Claude Code's "intercom: new message" line) and answering, and the
//   dashboard listing both agents and the message;
// - the committed pictures are there and small (a README that points at a missing or huge picture
//   would be found only by a reader);
// - the pane-to-page step keeps what a pane shows and nothing else.
import { describe, expect, test } from 'bun:test';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE, PROMPTS, SENT_ANSWER_END, WOKEN_ANSWER_END } from '../../scripts/screenshots/demo-model.ts';
import { plainText, terminalPage, trimPane } from '../../scripts/screenshots/terminal-page.ts';
import { browserMissing } from '../helpers/browser.ts';
import { BUN, REPO } from '../helpers/paths.ts';
import { hasClaude } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';

const IMAGES = ['wake.png', 'dashboard.png'];
const MAX_BYTES = 200 * 1024;
const missing = !hasClaude ? 'node_modules/.bin/claude is missing' : Bun.which('tmux') === null ? 'tmux is missing' : browserMissing();

/** Width and height from a PNG's header, or an error if the file is no PNG. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(missing !== undefined)(`npm run screenshots${missing ? ` (skipped: ${missing})` : ''}`, () => {
  test('makes both pictures from a real wake: small PNGs showing the prompts, the message, the wake and the answer', async () => {
    const out = join(tmpDir('intercom-screenshots-test-'), 'images');
    const run = Bun.spawn([BUN, join(REPO, 'scripts', 'screenshots.ts'), '--out', out, '--json'], {
      cwd: REPO,
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, code] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text(), run.exited]);
    if (code !== 0) console.error(stderr);
    expect(code).toBe(0);
    const made = JSON.parse(stdout) as {
      files: { path: string; bytes: number }[];
      panes: { api: string; webapp: string };
      dashboard: string;
    };
    expect(made.files.map((f) => f.path).sort()).toEqual(IMAGES.map((name) => join(out, name)).sort());
    for (const file of made.files) {
      expect(statSync(file.path).size).toBe(file.bytes);
      expect(file.bytes).toBeLessThan(MAX_BYTES);
      const { width, height } = pngSize(file.path);
      expect(width).toBeGreaterThanOrEqual(700); // readable at the README's width, not a thumbnail
      expect(width).toBeLessThanOrEqual(1100);
      expect(height).toBeGreaterThan(300);
    }
    const webapp = oneLine(made.panes.webapp);
    const api = oneLine(made.panes.api);
    expect(webapp).toContain(`❯ ${PROMPTS.webapp}`);
    expect(webapp).toContain(`"${MESSAGE}"`);
    expect(webapp).toContain(SENT_ANSWER_END);
    expect(api).toContain(`❯ ${PROMPTS.api}`);
    // The wake, in this order: the api turn ended, Claude Code shows the watcher's rewake, the model answers.
    const waited = api.indexOf('intercom wakes me');
    const woken = api.indexOf('● intercom: new message');
    const answered = api.indexOf(WOKEN_ANSWER_END);
    expect(waited).toBeGreaterThan(-1);
    expect(woken).toBeGreaterThan(waited);
    expect(answered).toBeGreaterThan(woken);
    expect(api).toMatch(/● [a-z0-9]{4} \(webapp\) says the login fix is merged/); // the sender's code, read from the wake's frame
    expect(made.dashboard).toContain(MESSAGE);
    expect(made.dashboard).toContain('waiting for the login fix');
    expect(made.dashboard).toContain('login fix merged');
  }, 300_000);
});

test('the committed pictures are there, PNG, under 200 KB, and the README shows them', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  for (const name of IMAGES) {
    const path = join(REPO, 'docs', 'images', name);
    expect(statSync(path).size).toBeLessThan(MAX_BYTES);
    pngSize(path);
    expect(readme).toContain(`](docs/images/${name})`);
  }
});

describe('a pane drawn as a page', () => {
  test('blank rows collapse, colours become styles, text stays text', () => {
    const pane = '\n\n\x1b[38;5;174m▐▛█\x1b[39m <b>bold</b>\n\n\n\n❯ hi\n\n\n';
    expect(trimPane(pane)).toBe('\x1b[38;5;174m▐▛█\x1b[39m <b>bold</b>\n\n❯ hi');
    expect(plainText(trimPane(pane))).toBe('▐▛█ <b>bold</b>\n\n❯ hi');
    const page = terminalPage([{ title: 'a <title>', ansi: pane }]);
    expect(page).toContain('a &lt;title&gt;');
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page).not.toContain('<b>');
    expect(page).toMatch(/<span style="color:rgb\(215,135,135\)">▐▛█<\/span>/); // xterm colour 174
    expect(terminalPage([{ title: 't', ansi: '⏵⏵ auto mode on' }])).toContain('▸▸ auto mode on'); // no font here has ⏵
  });
});
