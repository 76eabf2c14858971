// The bundle's entry file (plugin/dist/intercom, what the plugin and the npm package run): it
// reads a hook's input and loads hook-routes.js, which answers the PreToolUse hook's common case;
// when mail waits and that is all, one more file hands it over (pre-tool-use-lean.js); the other
// hooks' common cases take one more file too (lifecycle-lean.js, test/e2e/lifecycle-lean.test.ts);
// every other case goes on to app.js with the hook input the entry already read (stdin can be read
// only once). The routes run from their bytecode (.jsc) or, where it does not match the bun
// running them, from their source, to the same effect.
import { describe, expect, test } from 'bun:test';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../../src/intercom/index.ts';
import { BUN, FIXTURES, REPO } from '../helpers/paths.ts';
import { registerLive } from '../helpers/store.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const DIST = join(REPO, 'plugin', 'dist');
const ENTRY = join(DIST, 'intercom');
const BASH = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } };

function runHook(env: Record<string, string>, input: Record<string, unknown>, entry = ENTRY, event = 'pre-tool-use') {
  const r = Bun.spawnSync([BUN, entry, 'hook', event], {
    env,
    stdin: Buffer.from(JSON.stringify(input)),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { exit: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** A fresh sandbox (its own store and config dirs) with one live agent linked to a new session. */
async function liveSession(prefix: string, sandbox = tmpDir(prefix)) {
  const env = isolatedEnv(sandbox);
  const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
  const sessionId = randomUUID();
  const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
  return { sandbox, env, store, sessionId, agent };
}

describe('the bundle entry', () => {
  test('imports nothing up front: only the hook routes and app.js, on demand; the routes import only each other', () => {
    const imports = (file: string) => readFileSync(join(DIST, file), 'utf8').match(/import\(["'][^"']+["']\)/g);
    const text = readFileSync(ENTRY, 'utf8');
    expect(text.match(/^import\b.*$/gm) ?? []).toEqual([]);
    expect(imports('intercom')).toEqual(['import("./hook-routes.js")', 'import("./app.js")']);
    expect(imports('hook-routes.js')?.sort()).toEqual(['import("./lifecycle-lean.js")', 'import("./pre-tool-use-lean.js")']);
    // Each route is CommonJS with its bytecode beside it (scripts/bundle.ts), and requires nothing but node:fs.
    for (const route of ['hook-routes.js', 'pre-tool-use-lean.js', 'lifecycle-lean.js']) {
      expect(readFileSync(join(DIST, route), 'utf8').split('\n', 1)[0]).toBe('// @bun @bytecode @bun-cjs');
      expect(existsSync(join(DIST, `${route}.jsc`))).toBe(true);
      expect([...new Set(readFileSync(join(DIST, route), 'utf8').match(/\brequire\(["'][^"']+["']\)/g) ?? [])]).toEqual(
        route === 'hook-routes.js' ? [] : ['require("fs")'],
      );
    }
  });

  test('answers an empty inbox itself, hands waiting mail over, and passes bad input to app.js with the input it read', async () => {
    const { env, store, sessionId, agent } = await liveSession('intercom-bundle-entry-');
    const input = { session_id: sessionId, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } };
    expect(runHook(env, input)).toEqual({ exit: 0, stdout: '', stderr: '' });
    await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'through the bundle' });
    const withMail = runHook(env, input);
    expect(withMail.exit).toBe(0);
    expect(JSON.parse(withMail.stdout).hookSpecificOutput.additionalContext).toContain('through the bundle');
    // Bad input still reaches the full hook, which fails open and says so.
    const bad = Bun.spawnSync([BUN, ENTRY, 'hook', 'pre-tool-use'], {
      env,
      stdin: Buffer.from('{not json'),
      stdout: 'pipe',
      stderr: 'pipe',
    });
    expect(bad.exitCode).toBe(0);
    expect(JSON.parse(bad.stdout.toString()).systemMessage).toContain('intercom hook pre-tool-use failed');
  });
});

describe("the hook routes' bytecode", () => {
  test('where it does not match the bun that runs it (another version, a damaged file), the routes run from their source, to the same effect', async () => {
    const sandbox = tmpDir('intercom-bundle-bytecode-');
    const dist = join(sandbox, 'plugin', 'dist'); // where the load tracer looks
    cpSync(DIST, dist, { recursive: true });
    // Each .jsc spoiled another way: its header (what another bun's looks like), cut short, rewritten.
    const spoil: Record<string, (b: Buffer) => Buffer> = {
      'hook-routes.js.jsc': (b) => Buffer.concat([b.subarray(0, 64).map((x) => x ^ 0xff), b.subarray(64)]),
      'pre-tool-use-lean.js.jsc': (b) => b.subarray(0, b.length >> 1),
      'lifecycle-lean.js.jsc': (b) => Buffer.from(b.map((x, i) => (i % 7 === 3 ? x ^ 0x5a : x))),
      // The armed watcher's lean wait: test/e2e/lean-wait.test.ts wakes a session from it spoiled.
      'lean-wait.js.jsc': (b) => b.subarray(0, b.length >> 2),
    };
    expect(
      readdirSync(dist)
        .filter((f) => f.endsWith('.jsc'))
        .sort(),
    ).toEqual(Object.keys(spoil).sort());
    for (const [file, how] of Object.entries(spoil)) writeFileSync(join(dist, file), how(readFileSync(join(dist, file))));
    const entry = join(dist, 'intercom');
    const { env, store, sessionId, agent } = await liveSession('', sandbox);
    expect(await tracedHook(env, { ...BASH, session_id: sessionId }, [BUN], entry)).toEqual({
      exit: 0,
      stdout: '',
      stderr: '',
      loaded: ['hook-routes.js'],
    });
    await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'from the source' });
    const withMail = await tracedHook(env, { ...BASH, session_id: sessionId }, [BUN], entry);
    expect(withMail).toMatchObject({ exit: 0, stderr: '', loaded: ['hook-routes.js', 'pre-tool-use-lean.js'] });
    expect(JSON.parse(withMail.stdout).hookSpecificOutput.additionalContext).toContain('from the source');
    expect(await store.mail.countNew(agent.code)).toBe(0);
    // A lifecycle hook's lean route: the prompt marks the agent busy, as from the bytecode.
    const prompt = runHook(env, { session_id: sessionId, hook_event_name: 'UserPromptSubmit', prompt: 'hi' }, entry, 'user-prompt-submit');
    expect(prompt).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect((await store.presence.of(agent.code)).state).toBe('busy');
  });
});

describe('the routes answer as the full hook does', () => {
  test('a setting the full hook refuses (a relative CLAUDE_CONFIG_DIR, CLAUDE_INTERCOM_CONFIG_DIRS): every route reports it and hands nothing over', async () => {
    const { env, store, sessionId, agent } = await liveSession('intercom-bundle-config-');
    const refused = (extra: Record<string, string>, input: Record<string, unknown>, event = 'pre-tool-use') => {
      const run = runHook({ ...env, ...extra }, input, ENTRY, event);
      expect(run.exit).toBe(0); // fails open
      return JSON.parse(run.stdout).systemMessage as string;
    };
    const ptu = { ...BASH, session_id: sessionId };
    const ups = { session_id: sessionId, hook_event_name: 'UserPromptSubmit', prompt: 'hi' };
    // Nothing waits: the common case, which the entry's route answers.
    expect(refused({ CLAUDE_CONFIG_DIR: 'relative/dir' }, ptu)).toContain('CLAUDE_CONFIG_DIR=relative/dir must be an absolute path');
    await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'not through a bad setting' });
    expect(refused({ CLAUDE_CONFIG_DIR: 'relative/dir' }, ptu)).toContain('must be an absolute path');
    expect(refused({ CLAUDE_INTERCOM_CONFIG_DIRS: '/ok:rel' }, ptu)).toContain('CLAUDE_INTERCOM_CONFIG_DIRS=rel must be an absolute path');
    expect(refused({ CLAUDE_CONFIG_DIR: 'relative/dir' }, ups, 'user-prompt-submit')).toContain('must be an absolute path');
    expect(await store.mail.countNew(agent.code)).toBe(1); // handed over by none of them
    expect((await store.presence.of(agent.code)).state).not.toBe('busy');
  });

  test('a reader that went away (EPIPE): the hook ends 0 and says nothing, as app.ts does; the mail stays in the inbox', async () => {
    const { sandbox, env, store, sessionId, agent } = await liveSession('intercom-bundle-epipe-');
    await store.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: 'nobody reads this pipe' });
    writeFileSync(join(sandbox, 'in.json'), JSON.stringify({ ...BASH, session_id: sessionId }));
    // The pipe's reader closes it at once and lives on: the hook's write meets EPIPE.
    const script = `( "$0" "$1" hook pre-tool-use < "$2/in.json" 2> "$2/err"; echo $? > "$2/rc" ) | ( exec 0<&-; sleep 1 )`;
    const run = Bun.spawnSync(['sh', '-c', script, BUN, ENTRY, sandbox], { env, stdout: 'pipe', stderr: 'pipe' });
    expect(run.exitCode).toBe(0);
    expect({ rc: readFileSync(join(sandbox, 'rc'), 'utf8').trim(), err: readFileSync(join(sandbox, 'err'), 'utf8') }).toEqual({
      rc: '0',
      err: '',
    });
    // Claimed for the model, as on every route: still in the inbox (peek shows delivered mail), not in new/.
    expect((await store.mail.list(agent.code)).map((m) => [m.message.body, m.state])).toEqual([['nobody reads this pipe', 'delivered']]);
  });
});

/** The bundle's PreToolUse under the load tracer: its output and the plugin/dist files it loaded besides the entry. */
async function tracedHook(env: Record<string, string>, input: Record<string, unknown>, argv = [BUN], entry = ENTRY) {
  const trace = join(env.HOME!, `trace-${randomUUID()}.txt`);
  const proc = Bun.spawn([...argv, '--preload', join(FIXTURES, 'trace-imports.ts'), entry, 'hook', 'pre-tool-use'], {
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

describe('mail waiting, from the bundle (issue 14.1: the hook costs about the same with 1,000 unread)', () => {
  const sandbox = tmpDir('intercom-bundle-mail-');
  const env = isolatedEnv(sandbox);
  const store = env.CLAUDE_INTERCOM_DIR!;
  const names = (code: string, state: string) =>
    existsSync(join(store, 'mail', code, state)) ? readdirSync(join(store, 'mail', code, state)).filter((n) => n.endsWith('.json')) : [];

  async function inboxOf(count: number) {
    const intercom = await openIntercom({ root: store });
    const sessionId = randomUUID();
    const agent = await registerLive(intercom, { project: 'b', projectRoot: sandbox, sessionId });
    for (let i = 0; i < count; i++) {
      await intercom.mail.send({ from: { code: 'human' }, to: [agent.code], scope: 'direct', body: `message ${i} <end of frame?>` });
    }
    return { code: agent.code, input: { ...BASH, session_id: sessionId } };
  }

  test('loads the routes (hook-routes.js, then pre-tool-use-lean.js, no package in them), never app.js, and delivers the oldest batch once', async () => {
    const { code, input } = await inboxOf(300);
    const run = await tracedHook(env, input);
    expect(run).toMatchObject({ exit: 0, stderr: '' });
    // Not app.js and its ~20 chunks (the store, zod, the MCP SDK, chokidar): the lean route alone.
    expect(run.loaded).toEqual(['hook-routes.js', 'pre-tool-use-lean.js']);
    const context: string = JSON.parse(run.stdout).hookSpecificOutput.additionalContext;
    const shown = [...context.matchAll(/<peer-message id="(\d{13}-[a-z0-9]{10})"/g)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(10);
    expect(context).toContain('message 0 &lt;end of frame?>'); // oldest first, framed inert as ever
    expect(context).toContain(`${300 - shown.length} more message(s) are waiting`);
    // Exactly what was shown left new/, for delivered/.
    expect(names(code, 'delivered').sort()).toEqual(shown.map((id) => `${id}.json`).sort());
    expect(names(code, 'new')).toHaveLength(300 - shown.length);
    const again = await tracedHook(env, input);
    expect(again.stdout).not.toContain(shown[0]!);
  });

  test('anything unusual goes to the full hook (app.js): a corrupt message there is quarantined, the rest delivered', async () => {
    const { code, input } = await inboxOf(2);
    // The oldest name of the inbox, holding no message: the lean route hands over before moving anything.
    writeFileSync(join(store, 'mail', code, 'new', '1000000000000-corrupt001.json'), '{"v":1,', { mode: 0o600 });
    const run = await tracedHook(env, input);
    expect(run.exit).toBe(0);
    expect(run.loaded).toContain('app.js');
    expect(run.stdout).toContain('message 0 ');
    expect(run.stdout).toContain('message 1 ');
    expect(run.stderr).toContain('moved corrupt file');
    expect(readdirSync(join(store, 'quarantine')).some((n) => n.includes('1000000000000-corrupt001'))).toBe(true);
  });

  test("a subagent's call and a run that may end after any tool call (--max-turns) take none", async () => {
    const { code, input } = await inboxOf(1);
    const subagent = await tracedHook(env, { ...input, agent_id: 'a1b2c3d4' });
    expect(subagent).toMatchObject({ exit: 0, stdout: '', loaded: ['hook-routes.js'] });
    // The hook's Claude process (CLAUDE_PID, here a shell whose argv says `--max-turns 2`): the
    // run may end after this very call, so the mail waits. `; true` keeps sh alive as that parent.
    const claude = ['sh', '-c', 'shift 2; CLAUDE_PID=$$ "$@"; true', 'claude', '--max-turns', '2'];
    const maxTurns = await tracedHook(env, input, [...claude, BUN]);
    expect(maxTurns).toMatchObject({ exit: 0, stdout: '', loaded: ['hook-routes.js', 'pre-tool-use-lean.js'] });
    expect(names(code, 'new')).toHaveLength(1);
  });
});
