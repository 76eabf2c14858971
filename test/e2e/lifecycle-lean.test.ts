// The lifecycle hooks' lean route, from the bundle (plugin/dist, what the plugin and the npm
// package run; issue 14.6: under `claude -p` Claude Code waits for each hook in turn): the common
// cases of UserPromptSubmit, SessionEnd, and SessionStart / Stop under `claude -p` load one file
// besides the entry (lifecycle-lean.js), never app.js and its chunks, and leave the store as the
// full hook does (busy/idle marks, mail handed over only where intercom/wake.ts allows it);
// anything unusual goes on to the full hook, which does the work and reports what it found.
import { describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sessionMailbox } from '../../src/core/ids.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { BUN, FIXTURES, REPO } from '../helpers/paths.ts';
import { registerLive } from '../helpers/store.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const ENTRY = join(REPO, 'plugin', 'dist', 'intercom');
/**
 * The hook's Claude process: a shell whose argv reads `claude -p` (a headless run, which waits for
 * SessionStart and Stop in the foreground), named in CLAUDE_PID as Claude Code does. `; true`
 * keeps the shell alive as the hook's parent.
 */
const HEADLESS = ['sh', '-c', 'shift 1; CLAUDE_PID=$$ "$@"; true', 'claude', '-p'];

const sandbox = tmpDir('intercom-lifecycle-lean-');
const env = isolatedEnv(sandbox);
const root = env.CLAUDE_INTERCOM_DIR!;

/** One hook from the bundle under the load tracer: its output and the plugin/dist files it loaded besides the entry. */
async function hook(event: string, input: Record<string, unknown>, parent = HEADLESS) {
  const trace = join(sandbox, `trace-${randomUUID()}.txt`);
  const proc = Bun.spawn([...parent, BUN, '--preload', join(FIXTURES, 'trace-imports.ts'), ENTRY, 'hook', event], {
    env: { ...env, TRACE_IMPORTS_FILE: trace },
    stdin: new TextEncoder().encode(JSON.stringify(input)),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, exit] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const loaded = existsSync(trace)
    ? readFileSync(trace, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((path) => basename(path))
    : [];
  rmSync(trace, { force: true });
  return { exit, stdout, stderr, loaded };
}

/** A live agent linked to a new session id, and the input its hooks get. */
async function session() {
  const intercom = await openIntercom({ root });
  const sessionId = randomUUID();
  const agent = await registerLive(intercom, { project: 'shop', projectRoot: sandbox, sessionId });
  const input = (event: string, extra: Record<string, unknown> = {}) => ({ session_id: sessionId, hook_event_name: event, ...extra });
  return { intercom, code: agent.code, sessionId, input };
}

const inbox = (code: string, state: string) =>
  existsSync(join(root, 'mail', code, state)) ? readdirSync(join(root, 'mail', code, state)).filter((n) => n.endsWith('.json')) : [];

describe('a headless run (claude -p) from the bundle', () => {
  test('each lifecycle hook loads lifecycle-lean.js alone, and busy/idle follow the turn', async () => {
    const { intercom, code, input } = await session();
    const state = async () => (await intercom.presence.of(code)).state;
    const start = await hook('session-start', input('SessionStart', { source: 'startup' }));
    expect(start).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    expect(await state()).toBe('idle');
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit', { prompt: 'hi' }));
    expect(prompt).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    expect(await state()).toBe('busy');
    const stop = await hook('stop', input('Stop', { stop_hook_active: false }));
    expect(stop).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    expect(await state()).toBe('idle');
    const end = await hook('session-end', input('SessionEnd', { reason: 'other' }));
    expect(end).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    expect(await state()).toBe('idle');
    // No watcher was armed: under -p every hook returned once it was done.
    expect(existsSync(join(root, 'watchers', `${code}.json`))).toBe(false);
  });

  test('mail goes with SessionStart and the prompt as additionalContext, never with Stop', async () => {
    const { intercom, code, input } = await session();
    const send = (body: string) => intercom.mail.send({ from: { code: 'human' }, to: [code], scope: 'direct', body });
    await send('first <end of frame?>');
    const stop = await hook('stop', input('Stop'));
    expect(stop).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    expect(inbox(code, 'new')).toHaveLength(1); // a headless Stop's output may reach no model
    const start = await hook('session-start', input('SessionStart', { source: 'resume' }));
    expect(start.loaded).toEqual(['hook-routes.js', 'lifecycle-lean.js']);
    const atStart = JSON.parse(start.stdout).hookSpecificOutput;
    expect(atStart.hookEventName).toBe('SessionStart');
    expect(atStart.additionalContext).toContain('first &lt;end of frame?>'); // framed inert as ever
    await send('second');
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit', { prompt: 'hi' }));
    expect(prompt.loaded).toEqual(['hook-routes.js', 'lifecycle-lean.js']);
    const atPrompt = JSON.parse(prompt.stdout).hookSpecificOutput;
    expect(atPrompt.hookEventName).toBe('UserPromptSubmit');
    expect(atPrompt.additionalContext).toContain('second');
    expect(atPrompt.additionalContext).not.toContain('first');
    expect(inbox(code, 'new')).toEqual([]);
    expect(inbox(code, 'delivered')).toHaveLength(2);
  });

  test('before the MCP server registers, the prompt marks its Claude process busy; SessionStart does nothing', async () => {
    const sessionId = randomUUID();
    const input = (event: string) => ({ session_id: sessionId, hook_event_name: event });
    const start = await hook('session-start', { ...input('SessionStart'), source: 'startup' });
    expect(start).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    const before = existsSync(join(root, 'activity')) ? readdirSync(join(root, 'activity')) : [];
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit'));
    expect(prompt).toEqual({ exit: 0, stdout: '', stderr: '', loaded: ['hook-routes.js', 'lifecycle-lean.js'] });
    // One more key: "p-<pid>-<start>" of the shell playing Claude, which its agent adopts once registered.
    const added = readdirSync(join(root, 'activity')).filter((key) => !before.includes(key));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^p-\d+-/);
    const [mark] = readdirSync(join(root, 'activity', added[0]!));
    expect(JSON.parse(readFileSync(join(root, 'activity', added[0]!, mark!), 'utf8'))).toMatchObject({
      state: 'busy',
      session_id: sessionId,
    });
  });

  test("a subagent's hooks do nothing", async () => {
    const { intercom, code, input } = await session();
    await intercom.mail.send({ from: { code: 'human' }, to: [code], scope: 'direct', body: 'not for a subagent' });
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit', { agent_id: 'a1b2c3d4' }));
    expect(prompt).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    expect(prompt.loaded).not.toContain('app.js');
    expect((await intercom.presence.of(code)).state).toBe('unknown');
    expect(inbox(code, 'new')).toHaveLength(1);
  });
});

describe('anything unusual goes on to the full hook (app.js)', () => {
  test('a corrupt busy/idle record: quarantined and reported, and the mark still written', async () => {
    const { intercom, code, input } = await session();
    const dir = join(root, 'activity', code);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0000000000001-corrupt.json'), '{"v":1,', { mode: 0o600 });
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit'));
    expect(prompt.exit).toBe(0);
    expect(prompt.loaded).toContain('lifecycle-lean.js');
    expect(prompt.loaded).toContain('app.js');
    expect(prompt.stderr).toContain('moved corrupt file');
    expect((await intercom.presence.of(code)).state).toBe('busy');
  });

  test('mail sent to the session before its agent existed: the full hook adopts it and hands it over', async () => {
    const { intercom, code, sessionId, input } = await session();
    await intercom.mail.send({ from: { code: 'human' }, to: [sessionMailbox(sessionId)], scope: 'direct', body: 'sent to the session' });
    const prompt = await hook('user-prompt-submit', input('UserPromptSubmit'));
    expect(prompt.exit).toBe(0);
    expect(prompt.loaded).toContain('app.js');
    expect(JSON.parse(prompt.stdout).hookSpecificOutput.additionalContext).toContain('sent to the session');
    expect(inbox(code, 'delivered')).toHaveLength(1);
    expect((await intercom.presence.of(code)).state).toBe('busy');
  });
});
