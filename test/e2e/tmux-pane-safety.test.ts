// Typing into a tmux pane is safe (issue 11.3), with the real Claude Code client running
// interactively in a real tmux pane (against the mock API), in a session without intercom:
// - only safe tokens are typed (the sender's code, the message id, the store path): a sender
//   whose project folder is `PWNED; echo $(id) #` gets no word of it into the pane;
// - nothing is typed over a person's half-typed prompt: the draft stays as it was, unsent, and
//   the send (and an ask) says "not typed: someone is typing in that pane".
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { emptyPromptProblem, PANE_BUSY, PANE_NOT_AT_PROMPT } from '../../src/claude/tmux.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic } from '../helpers/mock-anthropic.ts';
import { claudeInTmux, claudeSandbox, hasClaude } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-pane-safety-');
const socket = `intercom-pane-safety-${process.pid}`;
const hasTmux = Bun.which('tmux') !== null;
const sessionId = '5a000000-0000-4000-8000-00000000000b';
const PANE = 'typing:0.0';
const DRAFT = 'DRAFT: delete the staging db and';
let mock: MockAnthropic;
let box: ClaudeSandbox;
let pwned: TestAgent;

function tmux(...args: string[]) {
  return Bun.spawnSync(['tmux', '-u', '-L', socket, '-f', '/dev/null', ...args], { stdout: 'pipe', stderr: 'pipe' });
}
const screen = () => tmux('capture-pane', '-p', '-t', PANE).stdout.toString();
/** The input row, `❯` and what follows, as Claude Code draws it (a no-break space after `❯`). */
const inputRow = () => {
  const rows = screen().split('\n');
  const cursorY = Number(tmux('display-message', '-p', '-t', PANE, '#{cursor_y}').stdout.toString().trim());
  return rows[cursorY]?.replace(/\u00a0/g, ' ').trimEnd();
};
const requestsWith = (text: string) => mock.requests.filter((r) => r.body.messages.some((m) => messageText(m).includes(text)));

beforeAll(async () => {
  if (!hasClaude || !hasTmux) return;
  mock = startMockAnthropic();
  // The session in the pane has no intercom: a send to it is stored, and a nudge typed.
  box = await claudeSandbox(sandbox, mock, 'app', false);
  expect(claudeInTmux(tmux, box, { name: 'typing', cols: 160, rows: 45, args: ['--session-id', sessionId] })).toBe(0);
  await until(() => inputRow() === '❯', 'the interactive prompt', 60_000);
  // A first turn writes its transcript: the session can then be found and addressed.
  tmux('send-keys', '-t', PANE, '-l', 'hello there');
  await until(() => inputRow() === '❯ hello there', 'the typed prompt');
  tmux('send-keys', '-t', PANE, 'Enter');
  await until(() => screen().includes('mock reply to:') && inputRow() === '❯', 'the first answer', 60_000);
  // The sender: an agent whose project folder is named like a shell injection.
  const folder = makeProject(sandbox, 'PWNED; echo $(id) #');
  pwned = await startAgent({
    cwd: folder,
    env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'pwned', CLAUDE_INTERCOM_TMUX: `-L ${socket}`, CLAUDE_INTERCOM_CONFIG_DIRS: box.configDir },
  });
}, 180_000);

afterAll(async () => {
  await pwned?.close();
  if (hasTmux) tmux('kill-server');
  mock?.close();
});

describe.skipIf(!hasClaude || !hasTmux)('typing into a real Claude Code pane', () => {
  test('a half-typed prompt: nothing is typed, the draft stays as it was, and send and ask say why', async () => {
    tmux('send-keys', '-t', PANE, '-l', DRAFT);
    await until(() => inputRow() === `❯ ${DRAFT}`, 'the draft in the prompt');
    const sent = await pwned.call('send', { to: sessionId, body: 'the staging db is read-only until 5pm' });
    const delivery = sent.delivery as { to: string; via: string; note: string }[];
    expect(delivery).toEqual([
      { to: sessionId, via: 'stored', note: expect.stringContaining('not typed: someone is typing in that pane') },
    ]);
    const asked = await pwned.raw('ask', { to: sessionId, question: 'which branch are you on?', timeout_s: 10 });
    expect(asked.isError).toBe(true);
    expect(asked.text).toContain('not typed: someone is typing in that pane');
    expect(asked.text).toContain("waits in the session's mailbox");
    await Bun.sleep(1_500); // time for a wrongly typed line (or Enter) to show
    expect(inputRow()).toBe(`❯ ${DRAFT}`);
    expect(screen()).not.toContain('[intercom]');
    expect(requestsWith('DRAFT')).toEqual([]); // never submitted
    // The person clears their draft.
    tmux('send-keys', '-t', PANE, 'C-u');
    await until(() => inputRow() === '❯', 'the prompt cleared');
  }, 120_000);

  test('an empty prompt: the nudge is typed and submitted, naming the sender by code only, never its project', async () => {
    const before = mock.requests.length;
    const sent = await pwned.call('send', { to: sessionId, body: 'PWNED body text; echo $(id)' });
    const id = sent.id as string;
    expect(sent.delivery).toEqual([{ to: sessionId, via: 'tmux', note: expect.stringContaining('a one-line nudge was typed') }]);
    const request = await mock.waitFor(
      (r) => r.n > before && r.body.messages.some((m) => m.role === 'user' && messageText(m).includes(id)),
      60_000,
      'the nudge as a prompt',
    );
    const prompt = request.body.messages.map(messageText).find((t) => t.includes(`(id ${id})`))!;
    expect(prompt).toContain(`[intercom] agent ${pwned.code} sent this session a message (id ${id})`);
    expect(prompt).toContain(`cat '${join(box.store, 'mail', `s-${sessionId}`, 'new', `${id}.json`)}'`);
    for (const text of [prompt, screen()]) {
      expect(text).not.toContain('PWNED');
      expect(text).not.toContain('$(id)');
    }
    await until(() => inputRow() === '❯', 'the prompt empty again after the turn', 60_000);
  }, 120_000);
});

// What counts as an empty Claude Code prompt, on screens as Claude Code draws them.
describe('reading the pane before typing', () => {
  const rule = '─'.repeat(40);
  const at = (rows: string[], cursorX: number, cursorY: number, inMode = false) => emptyPromptProblem({ rows, cursorX, cursorY, inMode });
  test('an empty prompt with the cursor after ❯ is the only place typed into', () => {
    expect(at(['● done', rule, '❯\u00a0', rule, '  ⏵⏵ auto mode on'], 2, 2)).toBeUndefined();
    expect(at(['● done', rule, '❯\u00a0', rule], 2, 2, true)).toBe(PANE_NOT_AT_PROMPT); // copy mode
  });
  test('a draft, a draft on a later row, a cursor moved to the start of a draft: someone is typing', () => {
    expect(at([rule, `❯\u00a0${DRAFT}`, rule], 34, 1)).toBe(PANE_BUSY);
    expect(at([rule, '❯\u00a0', '  second line', rule], 2, 1)).toBe(PANE_BUSY);
    expect(at([rule, '❯\u00a0first', '  ', rule], 2, 2)).toBe(PANE_BUSY);
    expect(at([rule, `❯\u00a0${DRAFT}`, rule], 2, 1)).toBe(PANE_BUSY);
  });
  test('a permission dialog, a shell, a screen with no input box: not at a prompt', () => {
    expect(at([' Do you want to make this edit to login.ts?', ' ❯ 1. Yes', '   2. No'], 1, 1)).toBe(PANE_NOT_AT_PROMPT);
    expect(at(['user@host:~$ '], 13, 0)).toBe(PANE_NOT_AT_PROMPT);
    expect(at(['❯ ', '', ''], 2, 0)).toBe(PANE_NOT_AT_PROMPT); // a shell prompt drawn as ❯, with no input box below
    expect(at([rule, '❯ [intercom] earlier prompt', '● answer', rule, '❯\u00a0', rule], 2, 6)).toBe(PANE_NOT_AT_PROMPT); // cursor below the box
  });
});
