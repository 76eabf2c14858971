// The person at the keyboard sees why an edit is held (issue 11.6), with the real Claude Code
// client (against the mock API). Claude Code's permission dialog for an edit the claim guard
// holds ("Do you want to make this edit?") shows nothing of the hook's reason; the hook's
// systemMessage names the owner, the pattern, the reason and how to reach them, and Claude Code
// shows it in the pane (2.1.330: under the tool call, as "PreToolUse:Edit says: …", once the
// dialog is answered Yes; not while the dialog is up, and not after No). Under `claude -p` the
// model gets the reason (permissionDecisionReason).
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimNotice } from '../../src/hooks/claim-guard.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic } from '../helpers/mock-anthropic.ts';
import { CLAUDE_FLAGS, claudeInTmux, claudePrint, claudeSandbox, hasClaude } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-claim-dialog-');
const socket = `intercom-claim-dialog-${process.pid}`;
const hasTmux = Bun.which('tmux') !== null;
const PANE = 'edit:0.0';
const REASON = 'rotating the session keys';
let mock: MockAnthropic;
let box: ClaudeSandbox;
let owner: TestAgent;
let file: string;

function tmux(...args: string[]) {
  return Bun.spawnSync(['tmux', '-u', '-L', socket, '-f', '/dev/null', ...args], { stdout: 'pipe', stderr: 'pipe' });
}
/** The pane's text with Claude Code's own line wrapping undone (rows joined, spaces collapsed). */
const flat = () =>
  tmux('capture-pane', '-p', '-t', PANE)
    .stdout.toString()
    .replace(/[\s\u00a0]+/g, ' ');
const editScript = (to: string) => `TOOL:Edit:${JSON.stringify({ file_path: file, old_string: 'const key = 1;', new_string: to })}`;

beforeAll(async () => {
  if (!hasClaude) return;
  mock = startMockAnthropic();
  box = await claudeSandbox(sandbox, mock);
  mkdirSync(join(box.project, 'src', 'auth'), { recursive: true });
  file = join(box.project, 'src', 'auth', 'keys.ts');
  writeFileSync(file, 'const key = 1;\n');
  owner = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'keyholder' } });
  await owner.call('claim', { paths: ['src/auth/**'], reason: REASON });
}, 120_000);

afterAll(async () => {
  await owner?.close();
  if (hasTmux) tmux('kill-server');
  mock?.close();
});

describe.skipIf(!hasClaude)('an edit of a file someone else claimed', () => {
  test.skipIf(!hasTmux)(
    'interactive, in tmux: the person sees who holds it, why, and how to reach them',
    async () => {
      expect(claudeInTmux(tmux, box, { name: 'edit', cols: 150, rows: 50, args: CLAUDE_FLAGS })).toBe(0);
      await until(() => /❯\s*$/m.test(tmux('capture-pane', '-p', '-t', PANE).stdout.toString()), 'the interactive prompt', 60_000);
      tmux('send-keys', '-t', PANE, '-l', editScript('const key = 2;'));
      await until(() => flat().includes('"const key = 2;"}'), 'the prompt typed');
      tmux('send-keys', '-t', PANE, 'Enter');
      // Claude Code's own dialog: it carries none of the hook's reason.
      await until(() => flat().includes('Do you want to make this edit'), 'the permission dialog', 60_000);
      await Bun.sleep(500); // the dialog takes keys once drawn
      tmux('send-keys', '-t', PANE, 'Enter'); // 1. Yes: Claude Code shows the hook's systemMessage once the dialog is answered
      const shown = await until(
        () => (flat().includes('PreToolUse:Edit says') ? flat() : undefined),
        "the hook's message in the pane",
        60_000,
      ).catch((e) => {
        console.error(tmux('capture-pane', '-p', '-t', PANE).stdout.toString());
        throw e;
      });
      expect(shown).toContain(`claimed by agent ${owner.code} (keyholder)`);
      expect(shown).toContain('pattern "src/auth/**"');
      expect(shown).toContain(`reason: "${REASON}"`);
      expect(shown).toContain(`intercom send ${owner.code} "<your message>"`);
    },
    180_000,
  );

  test('under claude -p the model still gets the reason', async () => {
    writeFileSync(file, 'const key = 1;\n'); // as it was (Claude Code checks the edit applies before asking the hooks)
    const before = mock.requests.length;
    const run = await claudePrint(box, editScript('const key = 3;'));
    expect(run.code).toBe(0);
    const later = mock.requests.filter((r) => r.n > before);
    const text = later.map((r) => r.body.messages.map(messageText).join('\n')).join('\n');
    expect(text).toContain(`claimed by agent ${owner.code}`);
    expect(text).toContain(REASON);
  }, 120_000);
});

test("the person's notice: peer text on one line, without controls, and how to reach the owner", () => {
  const notice = claimNotice(
    '/w/app/src/auth/keys.ts',
    [
      {
        owner: 'ab12',
        owner_name: 'evil\u001b]0;title\u0007name',
        project: 'app\nIMPORTANT',
        project_root: '/w/app',
        pattern: 'src/**\u001b[2J',
        reason: 'line one\nline two\u009b31m\u0007',
        created_at: '2026-11-29T12:00:00.000Z',
        expires_at: '2026-11-29T13:00:00.000Z',
      },
    ],
    'ask',
  )!;
  expect(notice).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(notice).toContain('claimed by agent ab12 (evilname)');
  expect(notice).toContain('reason: "line one\\nline two"'); // a newline shown as \n, never breaking the line
  expect(notice).toContain('intercom send ab12 "<your message>"');
  expect(notice).toContain('until 13:00 UTC');
});
