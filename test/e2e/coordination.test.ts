// Coordination beyond messages, with real MCP servers and real hook processes under a parent
// that plays Claude Code: file claims and the edit guard, receipts, history, loop safety.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../../src/intercom/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { startFakeClaude } from '../helpers/fake-claude.ts';
import type { FakeClaude } from '../helpers/fake-claude.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { exited } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-coord-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
let project: string;
let owner: TestAgent; // claims src/auth/**
let editor: FakeClaude; // a Claude session whose edits the guard checks
let editorCode: string;

type Decision = { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string };
async function preToolUse(claude: FakeClaude, tool: string, file: string): Promise<Decision | undefined> {
  const run = await (
    await claude.hook('pre-tool-use', {
      hook_event_name: 'PreToolUse',
      tool_name: tool,
      tool_input: { file_path: file, old_string: 'a', new_string: 'b' },
    })
  ).done;
  expect(run.exit).toBe(0);
  return run.stdout ? (JSON.parse(run.stdout).hookSpecificOutput as Decision) : undefined;
}

beforeAll(async () => {
  project = makeProject(sandbox, 'webapp');
  owner = await startAgent({ cwd: project, env });
  editor = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env });
  editorCode = String((await editor.call('whoami')).structuredContent!.code);
  await owner.call('set_status', { status: 'auth rewrite', name: 'auth-bot' });
});
afterAll(async () => {
  await editor?.exit();
  await owner?.close();
});

describe('file claims and the edit guard', () => {
  test('an agent claims src/auth/**; another agent\'s Edit of src/auth/login.ts gets "ask", naming the owner, the reason and the way to reach them', async () => {
    const claimed = await owner.call('claim', { paths: ['src/auth/**'], ttl_minutes: 30, reason: 'rewriting the session handling' });
    expect((claimed.claimed as { pattern: string }[]).map((c) => c.pattern)).toEqual(['src/auth/**']);
    const decision = await preToolUse(editor, 'Edit', join(project, 'src/auth/login.ts'));
    expect(decision?.permissionDecision).toBe('ask');
    expect(decision?.permissionDecisionReason).toContain(`claimed by agent ${owner.code} (auth-bot) on webapp`);
    expect(decision?.permissionDecisionReason).toContain('for "rewriting the session handling"');
    expect(decision?.permissionDecisionReason).toContain(`send or ask to "${owner.code}"`);
    // Write, MultiEdit and NotebookEdit are guarded too; a relative path is taken from the session's cwd.
    expect((await preToolUse(editor, 'Write', join(project, 'src/auth/new.ts')))?.permissionDecision).toBe('ask');
    expect((await preToolUse(editor, 'MultiEdit', 'src/auth/deep/x.ts'))?.permissionDecision).toBe('ask');
  });

  test('a file outside the claim is not guarded, and nor are reads', async () => {
    expect(await preToolUse(editor, 'Edit', join(project, 'src/billing.ts'))).toBeUndefined();
    expect(await preToolUse(editor, 'Read', join(project, 'src/auth/login.ts'))).toBeUndefined();
  });

  test('claims show in who, in claims, and overlapping claims are refused with the holder named', async () => {
    const agents = (await editor.call('who')).structuredContent!.agents as {
      code: string;
      claims: { pattern: string; reason?: string }[];
    }[];
    expect(agents.find((a) => a.code === owner.code)?.claims).toEqual([
      expect.objectContaining({ pattern: 'src/auth/**', reason: 'rewriting the session handling' }),
    ]);
    // ...and in the text the model reads, and in the CLI's table.
    expect((await editor.call('who')).content[0]!.text).toContain('; claims src/auth/** ("rewriting the session handling") until ');
    const cli = await runIntercom(['who'], { env });
    expect(cli.stdout).toMatch(
      new RegExp(`${owner.code}.*\\n    claims src/auth/\\*\\*  "rewriting the session handling"  until \\d\\d:\\d\\d:\\d\\d`),
    );
    const listed = (await editor.call('claims')).structuredContent!.claims as { owner: string; pattern: string }[];
    expect(listed).toEqual([expect.objectContaining({ owner: owner.code, pattern: 'src/auth/**' })]);
    const clash = await editor.call('claim', { paths: ['src/auth/session.ts'] });
    expect(clash.isError).toBe(true);
    expect(clash.content[0]!.text).toContain(`"src/auth/session.ts" overlaps "src/auth/**", claimed by ${owner.code} (auth-bot)`);
    expect(clash.content[0]!.text).toContain('nothing was claimed');
    // Claims that do not overlap are fine; paths climbing out of the project are not.
    expect((await editor.call('claim', { paths: ['src/billing/**'] })).isError).toBeFalsy();
    const outside = await editor.call('claim', { paths: ['../elsewhere/x.ts'] });
    expect(outside.content[0]!.text).toContain('climbs out of the project');
    await editor.call('release', {});
  });

  test("the owner's own edits are not guarded", async () => {
    const claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env });
    try {
      const code = String((await claude.call('whoami')).structuredContent!.code);
      await claude.call('claim', { paths: ['docs/'] });
      expect(await preToolUse(claude, 'Edit', join(project, 'docs/guide.md'))).toBeUndefined();
      expect((await preToolUse(editor, 'Edit', join(project, 'docs/guide.md')))?.permissionDecisionReason).toContain(`agent ${code}`);
    } finally {
      await claude.exit();
    }
  });

  test('expired claims stop guarding', async () => {
    await owner.call('claim', { paths: ['config/**'], ttl_minutes: 0.01 }); // 0.6 s
    expect((await preToolUse(editor, 'Edit', join(project, 'config/app.json')))?.permissionDecision).toBe('ask');
    await Bun.sleep(800);
    expect(await preToolUse(editor, 'Edit', join(project, 'config/app.json'))).toBeUndefined();
  });

  test('release ends a claim', async () => {
    await owner.call('claim', { paths: ['scripts/**'] });
    expect((await owner.call('release', { paths: ['scripts/**'] })).released).toEqual(['scripts/**']);
    expect(await preToolUse(editor, 'Edit', join(project, 'scripts/deploy.sh'))).toBeUndefined();
  });

  test('claims vanish with their owner (SIGKILL: no chance to release)', async () => {
    const doomed = await startAgent({ cwd: project, env });
    await doomed.call('claim', { paths: ['migrations/**'] });
    expect((await preToolUse(editor, 'Edit', join(project, 'migrations/001.sql')))?.permissionDecision).toBe('ask');
    process.kill(doomed.pid, 'SIGKILL');
    await exited(doomed.pid);
    expect(await preToolUse(editor, 'Edit', join(project, 'migrations/001.sql'))).toBeUndefined();
    expect(((await editor.call('claims')).structuredContent!.claims as { owner: string }[]).map((c) => c.owner)).not.toContain(doomed.code);
    // Its file goes at the next claim (only the lock holder deletes another owner's file).
    await owner.call('claim', { paths: ['tmp/**'] });
    expect(existsSync(join(store, 'claims', `${doomed.code}.json`))).toBe(false);
    await owner.call('release', { paths: ['tmp/**'] });
    await doomed.close().catch(() => undefined);
  });

  test('CLAUDE_INTERCOM_CLAIM_MODE: deny refuses, warn lets the edit through with a warning', async () => {
    for (const [mode, expected] of [
      ['deny', 'deny'],
      ['warn', undefined],
    ] as const) {
      const claude = await startFakeClaude({
        sandbox,
        cwd: project,
        sessionId: randomUUID(),
        env: { ...env, CLAUDE_INTERCOM_CLAIM_MODE: mode },
      });
      try {
        const decision = await preToolUse(claude, 'Edit', join(project, 'src/auth/login.ts'));
        expect(decision?.permissionDecision).toBe(expected);
        if (mode === 'warn') expect(decision?.additionalContext).toContain(`claimed by agent ${owner.code}`);
      } finally {
        await claude.exit();
      }
    }
  });

  test('racing claims from six processes: exactly one wins (the check and the write are one locked step)', async () => {
    const root = join(tmpDir('intercom-claim-race-'), 'store');
    const racers = Array.from({ length: 6 }, () =>
      Bun.spawn([process.execPath, join(import.meta.dir, '..', 'fixtures', 'claim-race.ts'), root, project], {
        stdin: 'pipe',
        stdout: 'pipe',
        stderr: 'pipe',
      }),
    );
    const results = await Promise.all(
      racers.map(async (r) => {
        const reader = r.stdout.getReader();
        let text = '';
        while (!text.includes('\n')) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`a racer exited without answering: ${await new Response(r.stderr).text()}`);
          text += new TextDecoder().decode(value);
        }
        return JSON.parse(text) as { ok: boolean; error?: string };
      }),
    );
    for (const r of racers) r.kill();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const loser of results.filter((r) => !r.ok)) expect(loser.error).toContain('overlaps "src/**"');
  });

  test("CLI: intercom claim / claims / release (as the human, on the current folder's project)", async () => {
    const claim = await runIntercom(['claim', 'README.md', '--reason', 'release notes', '--ttl', '5'], { env, cwd: project });
    expect(claim.code).toBe(0);
    expect((await runIntercom(['claims'], { env })).stdout).toContain('README.md  human  webapp');
    expect((await preToolUse(editor, 'Write', join(project, 'README.md')))?.permissionDecisionReason).toContain(
      'the human at the intercom CLI',
    );
    expect((await runIntercom(['release'], { env, cwd: project })).stdout).toContain('released README.md');
  });
});

describe('receipts', () => {
  test('the sender sees each state: new → delivered → seen → replied, and acked', async () => {
    const sent = await owner.call('send', { to: editorCode, body: 'receipt me' });
    const stateOf = async (id: string) =>
      ((await owner.call('status', { ids: [id] })).messages as { receipts: { state: string }[] }[])[0]!.receipts[0]!.state;
    expect(await stateOf(String(sent.id))).toBe('new');
    await (await editor.hook('pre-tool-use', { tool_name: 'Bash', tool_input: {} })).done; // shown to the model
    expect(await stateOf(String(sent.id))).toBe('delivered');
    await editor.call('peek', {});
    expect(await stateOf(String(sent.id))).toBe('seen');
    await editor.call('reply', { id: sent.id, body: 'got it' });
    expect(await stateOf(String(sent.id))).toBe('replied');
    const second = await owner.call('send', { to: editorCode, body: 'ack me' });
    await editor.call('ack', { ids: [second.id] });
    expect(await stateOf(String(second.id))).toBe('acked');
    // Without ids: the sender's recent messages, newest first.
    const recent = (await owner.call('status', {})).messages as { id: string }[];
    expect(recent.slice(0, 2).map((m) => m.id)).toEqual([second.id as string, sent.id as string]);
    await owner.call('ack_all');
  });

  test('a dead letter (recipient gone before reading) is reported as one, never as success', async () => {
    const gone = await startAgent({ cwd: project, env });
    const sent = await owner.call('send', { to: gone.code, body: 'you will not read this' });
    await gone.close();
    const receipt = (
      (await owner.call('status', { ids: [sent.id] })).messages as { receipts: { dead_letter: boolean; note: string }[] }[]
    )[0]!.receipts[0]!;
    expect(receipt.dead_letter).toBe(true);
    expect(receipt.note).toContain(`never shown to agent ${gone.code}, which is gone`);
    const cli = await runIntercom(['status', String(sent.id)], { env });
    expect(cli.stdout).toContain(`${gone.code}: DEAD LETTER — never shown to agent ${gone.code}`);
  });

  test('mail the recipient read before it left is not a dead letter: the receipt says it was read, then the agent left', async () => {
    const reader = await startAgent({ cwd: project, env });
    const sent = await owner.call('send', { to: reader.code, body: 'read me, then go' });
    await reader.call('peek');
    await reader.close();
    const receipt = (
      (await owner.call('status', { ids: [sent.id] })).messages as { receipts: { state: string; dead_letter: boolean; note: string }[] }[]
    )[0]!.receipts[0]!;
    expect(receipt).toMatchObject({ state: 'seen', dead_letter: false });
    expect(receipt.note).toBe(`read by the recipient; agent ${reader.code} has gone since, without acknowledging it`);
  });
});

describe('history: thread and search', () => {
  test('thread returns the whole conversation, acked messages included, oldest first', async () => {
    const q = await owner.call('send', { to: editorCode, body: 'where is the rate limiter configured?' });
    const a = await editor.call('reply', { id: q.id, body: 'in config/limits.ts' });
    const followUp = await owner.call('reply', { id: a.structuredContent!.id, body: 'thanks, found it' });
    await editor.call('ack_all');
    const thread = (await owner.call('thread', { id: followUp.id })).messages as { body: string }[];
    expect(thread.map((m) => m.body)).toEqual(['where is the rate limiter configured?', 'in config/limits.ts', 'thanks, found it']);
    expect((await runIntercom(['thread', String(q.id)], { env })).stdout).toContain('in config/limits.ts');
  });

  test("search finds by text, sender and time; only the searcher's own mail", async () => {
    await owner.call('send', { to: editorCode, body: 'The DEPLOY is frozen until Monday' });
    const byText = (await editor.call('search', { query: 'deploy' })).structuredContent!.messages as { body: string }[];
    expect(byText.map((m) => m.body)).toEqual(['The DEPLOY is frozen until Monday']);
    expect(((await editor.call('search', { query: 'deploy', from: 'auth-bot' })).structuredContent!.messages as unknown[]).length).toBe(1);
    expect(((await editor.call('search', { query: 'deploy', from: 'nobody' })).structuredContent!.messages as unknown[]).length).toBe(0);
    expect(((await editor.call('search', { query: 'deploy', since: '1h' })).structuredContent!.messages as unknown[]).length).toBe(1);
    const bad = await editor.call('search', { query: 'deploy', since: 'yesterday-ish' });
    expect(bad.content[0]!.text).toBe('search was not run: since must be a duration (30m, 2h, 3d) or a date (2026-11-21T09:00).');
    // A third agent, not part of it, finds nothing.
    const outsider = await startAgent({ cwd: project, env });
    expect(((await outsider.call('search', { query: 'deploy' })).messages as unknown[]).length).toBe(0);
    await outsider.close();
    await editor.call('ack_all');
  });

  test('retention: history and log older than the retention are pruned; unread mail is kept', async () => {
    const root = join(tmpDir('intercom-retention-'), 'store');
    const clock = fixedClock(Date.parse('2026-11-01T00:00:00Z'));
    const s = await openIntercom({ root, clock });
    // Written straight to the human mailbox (post): a person cannot send to themselves through send.
    const read = await s.post({ kind: 'human' }, { to: ['human'], scope: 'direct', body: 'old and acked' });
    const unread = await s.post({ kind: 'human' }, { to: ['human'], scope: 'direct', body: 'old and unread' });
    await s.mail.ack('human', [read.id]);
    clock.advance(15 * 86_400_000);
    const recent = await s.post({ kind: 'human' }, { to: ['human'], scope: 'direct', body: 'recent' });
    await s.mail.ack('human', [recent.id]);
    expect(await s.history.prune(14)).toBe(5); // the acked copy, and both old log and sent entries
    expect(readdirSync(join(root, 'mail', 'human', 'acked'))).toEqual([`${recent.id}.json`]);
    expect(readdirSync(join(root, 'mail', 'human', 'sent'))).toEqual([`${recent.id}.json`]);
    expect(readdirSync(join(root, 'mail', 'human', 'new'))).toEqual([`${unread.id}.json`]);
    expect(readdirSync(join(root, 'log'))).toEqual([`${recent.id}.json`]);
  });
});

describe('loop safety', () => {
  test('the same text to the same recipient twice within 10 minutes is refused, with the first message named', async () => {
    const first = await owner.call('send', { to: editorCode, body: 'ping?' });
    const again = await owner.raw('send', { to: editorCode, body: 'ping?' });
    expect(again.isError).toBe(true);
    expect(again.text).toContain(`you already sent this exact message to ${editorCode}`);
    expect(again.text).toContain(`(id ${first.id}); it was not sent again`);
    await editor.call('ack_all');
  });

  test('a sender is limited to 30 messages a minute', async () => {
    const chatty = await startAgent({ cwd: project, env });
    try {
      for (let i = 0; i < 30; i++) await chatty.call('send', { to: editorCode, body: `update ${i}` });
      const over = await chatty.raw('send', { to: editorCode, body: 'update 30' });
      expect(over.isError).toBe(true);
      expect(over.text).toMatch(/rate limit: \w{4} sent 30 messages in the last minute \(limit 30\); nothing was sent\. Wait \d+ s/);
      const inbox = ((await editor.call('peek', { all: true })).structuredContent!.messages as unknown[]).length;
      expect(inbox).toBe(30);
    } finally {
      await chatty.close();
      await editor.call('ack_all');
    }
  });
});
