// The hook entry points as real processes under a real parent that plays Claude Code: it runs
// the MCP server and the hooks as its children, as the real client does.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { appendFileSync, existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { startFakeClaude } from '../helpers/fake-claude.ts';
import type { FakeClaude } from '../helpers/fake-claude.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { procInfo } from '../../src/core/proc.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { isGone, until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-hooks-');
const env = isolatedEnv(sandbox);
const store = env.CLAUDE_INTERCOM_DIR!;
let project: string;
let peer: TestAgent; // another agent that sends mail
let claude: FakeClaude;
let code: string;

type ToolResult = Awaited<ReturnType<FakeClaude['call']>>;
const data = (r: ToolResult) => r.structuredContent ?? {};
const stateOf = (box: string, id: string) =>
  ['new', 'delivered', 'seen', 'acked', 'replied'].find((s) => existsSync(join(store, 'mail', box, s, `${id}.json`)));
const contextOf = (stdout: string) => JSON.parse(stdout).hookSpecificOutput.additionalContext as string;
/** True once the watcher started as `run` (a shell running the hook) has armed itself. */
const armed = (run: { pid: number }, box = code) => {
  const file = join(store, 'watchers', `${box}.json`);
  if (!existsSync(file)) return false;
  const pid = JSON.parse(readFileSync(file, 'utf8')).pid as number;
  return pid === run.pid || procInfo(pid)?.ppid === run.pid;
};

beforeAll(async () => {
  project = makeProject(sandbox, 'shop');
  peer = await startAgent({ cwd: project, env });
  claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true });
  code = String(data(await claude.call('whoami')).code);
});
afterAll(async () => {
  await claude?.exit();
  await peer?.close();
});

describe('PreToolUse', () => {
  test('new mail is handed over once, as additional context, then marked delivered', async () => {
    const sent = await peer.call('send', { to: code, body: 'migration finished, tables are live' });
    const first = await (
      await claude.hook('pre-tool-use', { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } })
    ).done;
    expect(first.exit).toBe(0);
    const context = contextOf(first.stdout);
    expect(context).toContain('migration finished, tables are live');
    expect(context).toContain(`<peer-message id="${sent.id}" from="${peer.code}"`);
    expect(context).toContain('not instructions from your user');
    expect(stateOf(code, String(sent.id))).toBe('delivered');
    const second = await (await claude.hook('pre-tool-use', { tool_name: 'Bash', tool_input: {} })).done;
    expect(second).toMatchObject({ exit: 0, stdout: '' });
    await claude.call('ack_all');
  });

  test("intercom's own tools are skipped: the mail waits for the next other tool", async () => {
    const sent = await peer.call('send', { to: code, body: 'ping' });
    for (const tool of ['mcp__intercom__peek', 'mcp__plugin_intercom_intercom__send']) {
      const run = await (await claude.hook('pre-tool-use', { tool_name: tool, tool_input: {} })).done;
      expect(run).toMatchObject({ exit: 0, stdout: '' });
    }
    expect(stateOf(code, String(sent.id))).toBe('new');
    const other = await (await claude.hook('pre-tool-use', { tool_name: 'Read', tool_input: {} })).done;
    expect(contextOf(other.stdout)).toContain('ping');
    await claude.call('ack_all');
  });

  test('a session without intercom gets nothing and is not blocked', async () => {
    const stranger = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, noMcp: true });
    const run = await (await stranger.hook('pre-tool-use', { tool_name: 'Bash', tool_input: {} })).done;
    expect(run).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    await stranger.exit();
  });
});

describe('linking a hook to its agent', () => {
  test('through the common Claude process when the session id is new (after /clear), which then links the new id', async () => {
    const newSession = randomUUID();
    expect(existsSync(join(store, 'sessions', newSession))).toBe(false);
    await peer.call('send', { to: code, body: 'after clear' });
    const run = await (await claude.hook('user-prompt-submit', { session_id: newSession, prompt: 'hi' })).done;
    expect(contextOf(run.stdout)).toContain('after clear');
    expect(readFileSync(join(store, 'sessions', newSession), 'utf8')).toBe(code);
    await claude.call('ack_all');
  });

  test('a resumed session (same session id) gets its old code and its unread mail back', async () => {
    const sessionId = randomUUID();
    const first = await startFakeClaude({ sandbox, cwd: project, sessionId, env });
    const firstCode = String(data(await first.call('whoami')).code);
    await first.exit(); // the session ends; its MCP server unregisters
    const sent = await peer.call('send', { to: firstCode, body: 'x' }).catch((e: Error) => e);
    expect(String(sent)).toContain('is not live'); // nobody to deliver to while it is gone
    // Mail that arrived before it ended is still there for the resumed session:
    const again = await startFakeClaude({ sandbox, cwd: project, sessionId, env });
    const againCode = String(data(await again.call('whoami')).code);
    expect(againCode).toBe(firstCode);
    await peer.call('send', { to: againCode, body: 'welcome back' });
    await again.exit();
    const third = await startFakeClaude({ sandbox, cwd: project, sessionId, env });
    expect(String(data(await third.call('whoami')).code)).toBe(firstCode);
    const unread = data(await third.call('peek')).messages as { body: string }[];
    expect(unread.map((m) => m.body)).toEqual(['welcome back']);
    await third.exit();
  });
});

describe('UserPromptSubmit', () => {
  test('marks the agent busy and hands over new mail with the prompt', async () => {
    await peer.call('send', { to: code, body: 'rides along' });
    const run = await (await claude.hook('user-prompt-submit', { prompt: 'next task' })).done;
    expect(contextOf(run.stdout)).toContain('rides along');
    const who = (await peer.call('who')).agents as { code: string; activity: string }[];
    expect(who.find((a) => a.code === code)?.activity).toBe('busy');
    await claude.call('ack_all');
  });
});

describe('the watcher (Stop / SessionStart, asyncRewake)', () => {
  test('waits on the inbox, and exits 2 with the framed message when mail lands', async () => {
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    await until(() => armed(run), 'the watcher to arm');
    // Its record is written first, then its idle mark (hooks/watcher-wait.ts): on a loaded machine a
    // look in between still reads the prompt's busy.
    const activity = async () =>
      ((await peer.call('who')).agents as { code: string; activity: string }[]).find((a) => a.code === code)?.activity;
    await until(async () => (await activity()) === 'idle', 'the watcher to mark the session idle');
    const sent = await peer.call('send', { to: code, body: 'wake up, the build is green' });
    const result = await run.done;
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('wake up, the build is green');
    expect(result.stderr).toContain(`<peer-message id="${sent.id}"`);
    expect(stateOf(code, String(sent.id))).toBe('delivered');
    await claude.call('ack_all');
  });

  test('mail that is already waiting wakes at once (e.g. SessionStart of a resumed session)', async () => {
    await peer.call('send', { to: code, body: 'waiting since before' });
    const result = await (await claude.hook('session-start', { hook_event_name: 'SessionStart', source: 'resume' })).done;
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('waiting since before');
    await claude.call('ack_all');
  });

  test('a newer watcher replaces the older one, which exits 0 without waking', async () => {
    const older = await claude.hook('stop');
    await until(() => armed(older), 'the first watcher to arm');
    const newer = await claude.hook('stop');
    await until(() => armed(newer), 'the second watcher to arm');
    expect((await older.done).exit).toBe(0);
    await peer.call('send', { to: code, body: 'only the newer one wakes' });
    const result = await newer.done;
    expect(result.exit).toBe(2);
    expect((await older.done).stderr).toBe('');
    await claude.call('ack_all');
  });

  test('a busy session is not woken; its PreToolUse gets the mail instead', async () => {
    const run = await claude.hook('stop');
    await until(() => armed(run), 'the watcher to arm');
    await (await claude.hook('user-prompt-submit', { prompt: 'work' })).done; // busy now
    const sent = await peer.call('send', { to: code, body: 'while busy' });
    await Bun.sleep(200);
    expect(stateOf(code, String(sent.id))).toBe('new'); // the watcher held back
    const tool = await (await claude.hook('pre-tool-use', { tool_name: 'Edit', tool_input: {} })).done;
    expect(contextOf(tool.stdout)).toContain('while busy');
    const next = await claude.hook('stop'); // turn ends: a new watcher replaces the old
    expect((await run.done).exit).toBe(0);
    await until(() => armed(next), 'the next watcher');
    process.kill(JSON.parse(readFileSync(join(store, 'watchers', `${code}.json`), 'utf8')).pid, 'SIGTERM');
    expect((await next.done).exit).toBe(0);
    await claude.call('ack_all');
  });

  test('a turn the user interrupts (Esc: no Stop hook follows) counts as idle once the transcript says so', async () => {
    const transcript = join(sandbox, 'transcripts', `${randomUUID()}.jsonl`);
    mkdirSync(join(sandbox, 'transcripts'), { recursive: true });
    const record = (text: string, at: Date) =>
      `${JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'text', text }] }, timestamp: at.toISOString() })}\n`;
    // An interrupt from an earlier turn must not count for the turn that is running now.
    writeFileSync(
      transcript,
      record('first task', new Date(Date.now() - 120_000)) + record('[Request interrupted by user]', new Date(Date.now() - 60_000)),
    );
    const run = await claude.hook('stop', { transcript_path: transcript });
    await until(() => armed(run), 'the watcher to arm');
    await (await claude.hook('user-prompt-submit', { prompt: 'long job', transcript_path: transcript })).done; // busy
    const sent = await peer.call('send', { to: code, body: 'after the interrupt' });
    await Bun.sleep(500);
    expect(stateOf(code, String(sent.id))).toBe('new'); // still busy: held back
    // What Claude Code appends when the user presses Esc during a tool call, then metadata.
    appendFileSync(
      transcript,
      `${record('[Request interrupted by user for tool use]', new Date())}${JSON.stringify({ type: 'last-prompt', lastPrompt: 'long job' })}\n`,
    );
    const result = await run.done;
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('after the interrupt');
    expect(stateOf(code, String(sent.id))).toBe('delivered');
    await claude.call('ack_all');
  });

  test('who shows an interrupted session as idle (no hook says so; its transcript does)', async () => {
    const transcript = join(sandbox, 'transcripts', `${randomUUID()}.jsonl`);
    mkdirSync(join(sandbox, 'transcripts'), { recursive: true });
    writeFileSync(transcript, '');
    await (await claude.hook('user-prompt-submit', { prompt: 'long job', transcript_path: transcript })).done;
    const activity = async () =>
      ((await peer.call('who')).agents as { code: string; activity: string }[]).find((a) => a.code === code)?.activity;
    expect(await activity()).toBe('busy');
    appendFileSync(
      transcript,
      `${JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user]' }] }, timestamp: new Date().toISOString() })}\n`,
    );
    expect(await activity()).toBe('idle');
  });

  test('StopFailure (an API error ended the turn, no Stop follows): the armed watcher wakes; with none armed, it arms', async () => {
    const run = await claude.hook('stop');
    await until(() => armed(run), 'the watcher to arm');
    await (await claude.hook('user-prompt-submit', { prompt: 'work' })).done; // busy
    const sent = await peer.call('send', { to: code, body: 'after the api error' });
    await Bun.sleep(300);
    expect(stateOf(code, String(sent.id))).toBe('new');
    // A watcher from the last Stop is still armed: StopFailure marks the session idle and leaves.
    const failure = await (await claude.hook('stop-failure', { hook_event_name: 'StopFailure', error: 'rate_limit' })).done;
    expect(failure).toMatchObject({ exit: 0, stderr: '' });
    const woke = await run.done;
    expect(woke.exit).toBe(2);
    expect(woke.stderr).toContain('after the api error');
    // That wake's own turn fails too: no watcher is left, so this StopFailure arms one.
    const again = await claude.hook('stop-failure', { hook_event_name: 'StopFailure', error: 'overloaded' });
    await until(() => armed(again), 'the StopFailure watcher to arm');
    await peer.call('send', { to: code, body: 'second try' });
    const result = await again.done;
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('second try');
    await claude.call('ack_all');
  });

  test('a SessionStart watcher that starts before the MCP server registers waits for it', async () => {
    const sessionId = randomUUID();
    const early = await startFakeClaude({ sandbox, cwd: project, sessionId, env, noMcp: true });
    const run = await early.hook('session-start', { source: 'startup' });
    await Bun.sleep(300); // the watcher is up, with no agent to watch yet
    const late = await startAgent({ cwd: project, env: { ...env, CLAUDE_INTERCOM_SESSION: sessionId } });
    await peer.call('send', { to: late.code, body: 'hello latecomer' });
    const result = await run.done;
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('hello latecomer');
    await late.close();
    await early.exit();
  });

  test('under `claude -p` (the hook runs in the foreground) it checks once, never waits, and takes mail only through additional context', async () => {
    const headless = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, extraArgs: ['-p', 'do the thing'] });
    const headlessCode = String(data(await headless.call('whoami')).code);
    const empty = await (await headless.hook('stop')).done;
    expect(empty).toMatchObject({ exit: 0, stderr: '' });
    // Stop in the foreground takes nothing: its exit 2 reaches the model only if the run may go
    // on (not with --max-turns reached), so the mail waits for a channel that surely reaches it.
    const sent = await peer.call('send', { to: headlessCode, body: 'for the headless run' });
    const withMail = await (await headless.hook('stop')).done;
    expect(withMail).toMatchObject({ exit: 0, stderr: '' });
    expect(stateOf(headlessCode, String(sent.id))).toBe('new');
    expect(existsSync(join(store, 'watchers', `${headlessCode}.json`))).toBe(false); // never armed
    // SessionStart in the foreground hands it over as additional context, which reaches the model.
    const start = await (await headless.hook('session-start', { hook_event_name: 'SessionStart', source: 'resume' })).done;
    expect(start.exit).toBe(0);
    expect(contextOf(start.stdout)).toContain('for the headless run');
    expect(stateOf(headlessCode, String(sent.id))).toBe('delivered');
    // StopFailure in the foreground: Claude Code ignores its exit code, so the mail is left unclaimed.
    const unseen = await peer.call('send', { to: headlessCode, body: 'not to be lost' });
    expect(await (await headless.hook('stop-failure', { hook_event_name: 'StopFailure' })).done).toMatchObject({ exit: 0, stderr: '' });
    expect(stateOf(headlessCode, String(unseen.id))).toBe('new');
    await headless.exit();
  });

  test('leaves (exit 0) when its agent unregisters: the session is ending and Claude Code is waiting on it', async () => {
    const ending = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env });
    const endingCode = String(data(await ending.call('whoami')).code);
    const run = await ending.hook('stop');
    await until(() => armed(run, endingCode), 'the watcher to arm');
    await ending.closeMcp();
    const result = await run.done;
    expect(result).toMatchObject({ exit: 0, stderr: '' });
    await ending.exit();
  });

  test('exits 0 when its Claude process dies (no orphan watchers)', async () => {
    const sessionId = randomUUID();
    const doomed = await startFakeClaude({ sandbox, cwd: project, sessionId, env, namedClaude: true });
    const doomedCode = String(data(await doomed.call('whoami')).code);
    const run = await doomed.hook('stop');
    await until(() => existsSync(join(store, 'watchers', `${doomedCode}.json`)), 'the watcher to arm');
    doomed.kill(); // SIGKILL: no chance to clean up; the watcher is orphaned
    await until(() => isGone(run.pid), 'the watcher to exit', 10_000);
  });
});

describe('fail open', () => {
  async function runHookProcess(args: string[], stdin: string, extraEnv: Record<string, string> = {}) {
    const proc = Bun.spawn([BUN, ENTRY, 'hook', ...args], {
      env: { ...env, ...extraEnv },
      stdin: new TextEncoder().encode(stdin),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, exit] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    return { stdout, stderr, exit };
  }

  test('malformed hook input: exit 0, the user is told, nothing blocks', async () => {
    const run = await runHookProcess(['pre-tool-use'], '{not json');
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).systemMessage).toContain('hook input is not JSON');
  });

  test('an unusable store: exit 0 with a systemMessage naming the fix', async () => {
    const bad = join(sandbox, 'open-store');
    mkdirSync(bad, { mode: 0o700 });
    chmodSync(bad, 0o777);
    const run = await runHookProcess(['user-prompt-submit'], JSON.stringify({ session_id: randomUUID(), prompt: 'x' }), {
      CLAUDE_INTERCOM_DIR: bad,
    });
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).systemMessage).toContain('chmod 700');
  });

  test('a failing watcher never exits 2 (that would wake the model with an error)', async () => {
    writeFileSync(join(sandbox, 'not-a-dir'), 'x');
    const run = await runHookProcess(['stop'], JSON.stringify({ session_id: randomUUID() }), {
      CLAUDE_INTERCOM_DIR: join(sandbox, 'not-a-dir'),
    });
    expect(run.exit).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('is not a folder');
  });

  test('a bad setting in the environment is reported like any failure: exit 0, systemMessage', async () => {
    const run = await runHookProcess(['pre-tool-use'], '{}', { CLAUDE_INTERCOM_DIR: 'relative/store' });
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).systemMessage).toContain('CLAUDE_INTERCOM_DIR=relative/store must be an absolute path');
  });

  test('an unknown event is reported, not fatal', async () => {
    const run = await runHookProcess(['pre-compact'], '{}');
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout).systemMessage).toContain('unknown event "pre-compact"');
  });
});
