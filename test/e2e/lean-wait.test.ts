// The armed watcher's lean wait (hooks/watcher-lean.ts, issue 14.2 and 14.4): once the watcher
// hook has resolved its agent, its process becomes `bun lean-wait.js` (same pid, same pipes), and
// that process arms, waits and wakes the session. Run from the source, from the bundle, and from
// the bundle with the lean wait's bytecode spoiled, under a real parent that plays Claude Code.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { activityRecord } from '../helpers/activity.ts';
import { agentCode, armedWatcherPid, startFakeClaude, watcherArmedBy } from '../helpers/fake-claude.ts';
import type { FakeClaude, HookRun } from '../helpers/fake-claude.ts';
import { BUN, ENTRY, REPO } from '../helpers/paths.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { LEAN_WAIT_ENV_VARS, WATCHER_ENV_VARS } from '../../src/cli/install/hooks-spec.ts';
import { commandLine } from '../../src/core/proc.ts';
import { childrenOf, holdersOf } from '../helpers/holders.ts';

/** The bundle, copied with the lean wait's bytecode cut short: bun must run it from its source. */
function spoiledBundle(): string {
  const dist = join(tmpDir('intercom-lean-wait-dist-'), 'dist');
  cpSync(join(REPO, 'plugin', 'dist'), dist, { recursive: true });
  const jsc = join(dist, 'lean-wait.js.jsc');
  writeFileSync(jsc, readFileSync(jsc).subarray(0, 4096));
  return join(dist, 'intercom');
}

const ENTRIES: [string, () => string, string][] = [
  ['the source', () => ENTRY, 'lean-wait.ts'],
  ['the bundle', () => join(REPO, 'plugin', 'dist', 'intercom'), 'lean-wait.js'],
  ['the bundle, its bytecode spoiled', spoiledBundle, 'lean-wait.js'],
];

/** The bun process a hook's shell started (the hook's own process from then on). */
const hookProcess = (run: HookRun) => until(() => childrenOf(run.pid)[0], 'the hook process');

/**
 * Stop hook run `run` (its process `pid`, agent `code`'s watcher, store `store`) with SIGTERM, as
 * `delay` ms late as it is, and how it ended when that is not cleanly (exit 0, nothing said):
 * undefined when it did. A stop that came while the stop signals were ignored (the shield of the
 * exec into the lean wait) finds it armed, as a later watcher would have; stopped again, it leaves
 * like any armed watcher.
 */
async function unclean(run: HookRun, pid: number, store: string, code: string, delay: number) {
  process.kill(pid, 'SIGTERM');
  let done = await Promise.race([run.done, Bun.sleep(3_000).then(() => undefined)]);
  if (done === undefined) {
    expect(armedWatcherPid(store, code)).toBe(pid);
    process.kill(pid, 'SIGTERM');
    done = await run.done;
  }
  return done.exit !== 0 || done.stdout !== '' || done.stderr !== ''
    ? { delay, exit: done.exit, stdout: done.stdout, stderr: done.stderr }
    : undefined;
}

describe.each(ENTRIES)('from %s', (_name, entryOf, leanFile) => {
  const sandbox = tmpDir('intercom-lean-wait-');
  const env = isolatedEnv(sandbox);
  const store = env.CLAUDE_INTERCOM_DIR!;
  const entry = entryOf(); // here, not in beforeAll: tmpDir's cleanup belongs to this describe
  let claude: FakeClaude;
  let peer: TestAgent;
  let code: string;

  /** The pid recorded as `code`'s armed watcher, once `run` (or the bun its shell started) armed and marked the session idle. */
  const armedPid = (run: HookRun) =>
    until(
      () => watcherArmedBy(store, run, code) && activityRecord(store, code)?.state === 'idle' && armedWatcherPid(store, code),
      'the watcher to arm',
    );

  beforeAll(async () => {
    const project = makeProject(sandbox, 'shop');
    peer = await startAgent({ cwd: project, env });
    claude = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env, namedClaude: true, entry });
    code = await agentCode(claude);
  });
  afterAll(async () => {
    await claude?.exit();
    await peer?.close();
  });

  test('the armed watcher waits as the lean wait, in the same process; mail wakes the session from there (exit 2, the framed text), delivered, busy', async () => {
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    const pid = await armedPid(run);
    const argv = commandLine(pid);
    expect(argv.at(-1)!.endsWith(leanFile)).toBe(true); // the hook's process became the lean wait
    // The hand-off is not passed on to the process it starts (the inotify holder, which takes no environment).
    const holder = await until(() => holdersOf(pid)[0], 'the inotify holder');
    expect(readFileSync(`/proc/${holder}/environ`, 'utf8')).not.toContain('CLAUDE_INTERCOM_LEAN_WAIT=');
    const sent = await peer.call('send', { to: code, body: 'the billing migration is done' });
    const done = await run.done;
    expect(done.exit).toBe(2);
    expect(done.stderr).toContain('the billing migration is done');
    expect(done.stderr).toContain(`<peer-message id="${sent.id}" from="${peer.code}"`);
    expect(existsSync(join(store, 'mail', code, 'delivered', `${sent.id}.json`))).toBe(true);
    expect(activityRecord(store, code)?.state).toBe('busy');
    await claude.call('ack_all');
  });

  test("a Stop's input of any size (a 200 KB last_assistant_message) still hands the wait on, and the wake text is the mail alone", async () => {
    // The whole input would not fit one environment string (Linux: 128 KiB); the hand-off keeps what intercom reads.
    const last_assistant_message = `${'a long answer, '.repeat(14_000)}"quoted" and \\ escaped`;
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message });
    const pid = await armedPid(run);
    expect(commandLine(pid).at(-1)!.endsWith(leanFile)).toBe(true);
    await peer.call('send', { to: code, body: 'after a long turn' });
    const done = await run.done;
    expect(done.exit).toBe(2);
    expect(done.stderr.startsWith('intercom: 1 new message(s) for you')).toBe(true);
    expect(done.stderr).toContain('after a long turn');
    await claude.call('ack_all');
  });

  test('told to stop (a newer watcher, or Claude Code ending), it exits 0 and says nothing', async () => {
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    const pid = await armedPid(run);
    process.kill(pid, 'SIGTERM');
    expect(await run.done).toMatchObject({ exit: 0, stderr: '' });
  });

  test('a newer watcher takes over: the lean one leaves (exit 0), the newer one wakes the session', async () => {
    const first = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    await armedPid(first);
    const second = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    expect((await first.done).exit).toBe(0);
    await armedPid(second);
    await peer.call('send', { to: code, body: 'second watcher' });
    const done = await second.done;
    expect(done.exit).toBe(2);
    expect(done.stderr).toContain('second watcher');
    await claude.call('ack_all');
  });

  test('anything unusual hands the hook back to the full route: a corrupt message is quarantined and reported, and mail still wakes the session', async () => {
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    const pid = await armedPid(run);
    // Named as a message, older than any: the lean store meets it first, and leaves it to the full hook.
    const inbox = join(store, 'mail', code, 'new');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, '1000000000000-aaaaaaaaaa.json'), '{ not json', { mode: 0o600 });
    await until(() => existsSync(join(store, 'quarantine')) && readdirSync(join(store, 'quarantine')).length > 0, 'the quarantine');
    // The full hook runs in the same process (handed back, not started anew), armed again as the same watcher.
    await until(() => activityRecord(store, code)?.state === 'idle', 'the full hook to re-arm');
    expect(armedWatcherPid(store, code)).toBe(pid);
    expect(commandLine(pid).at(-1)!.endsWith(leanFile)).toBe(true);
    // One inotify holder still: the full hook's copy of inotify-holder.ts knows the lean wait's.
    await Bun.sleep(300);
    expect(holdersOf(pid).length).toBe(1);
    await peer.call('send', { to: code, body: 'after the corrupt one' });
    const done = await run.done;
    expect(done.exit).toBe(2);
    expect(done.stderr).toContain('moved corrupt file');
    expect(done.stderr).toContain('after the corrupt one');
    await claude.call('ack_all');
  });
});

describe('a stop signal at any moment of the hand-off (the bundle)', () => {
  const sandbox = tmpDir('intercom-lean-wait-signals-');
  const env = isolatedEnv(sandbox);
  const store = env.CLAUDE_INTERCOM_DIR!;
  let claude: FakeClaude;
  let code: string;

  beforeAll(async () => {
    claude = await startFakeClaude({
      sandbox,
      cwd: makeProject(sandbox, 'shop'),
      sessionId: randomUUID(),
      env,
      namedClaude: true,
      entry: join(REPO, 'plugin', 'dist', 'intercom'),
    });
    code = await agentCode(claude);
  });
  afterAll(async () => {
    await claude?.exit();
  });

  /** Whether `pid` has a handler for SIGTERM (/proc status SigCgt, bit 15): the hook's own handlers are in place. */
  const catchesTerm = (pid: number) => {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & (1n << 14n)) !== 0n;
  };

  // The hook runs as registered (fake-claude: the watcher's command and its environment). Under
  // BUN_JSC_useJIT=0, which the watchers' command had until this was found, bun:ffi would not load,
  // the stop signals stayed caught, not ignored, through the exec, and a stop in the shell's start
  // killed the hook: 4 of 81 delays 0.5 ms apart (0–40 ms) gave exit 143 and "Terminated".
  test("from the moment the hook has its handlers, through the exec and the lean wait's start: exit 0, nothing on stderr", async () => {
    const missed: unknown[] = [];
    for (let delay = 0; delay <= 30; delay += 1) {
      const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
      const pid = await hookProcess(run);
      await until(() => catchesTerm(pid), 'the hook to handle SIGTERM');
      await Bun.sleep(delay);
      const ended = await unclean(run, pid, store, code, delay);
      if (ended) missed.push(ended);
    }
    expect(missed).toEqual([]);
  });
});

describe('where the store must be polled (CLAUDE_INTERCOM_WATCH=poll)', () => {
  const sandbox = tmpDir('intercom-lean-wait-poll-');
  const env = isolatedEnv(sandbox, { CLAUDE_INTERCOM_WATCH: 'poll' });
  const store = env.CLAUDE_INTERCOM_DIR!;
  let claude: FakeClaude;
  let peer: TestAgent;

  beforeAll(async () => {
    const project = makeProject(sandbox, 'shop');
    peer = await startAgent({ cwd: project, env });
    claude = await startFakeClaude({
      sandbox,
      cwd: project,
      sessionId: randomUUID(),
      env,
      entry: join(REPO, 'plugin', 'dist', 'intercom'),
    });
  });
  afterAll(async () => {
    await claude?.exit();
    await peer?.close();
  });

  test("the bundle's lean wait hands the hook back (it has no poller), and the full hook's polling wakes the session", async () => {
    const code = await agentCode(claude);
    const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
    await until(() => activityRecord(store, code)?.state === 'idle', 'the session idle');
    await Bun.sleep(1_500); // the polls are in place
    await peer.call('send', { to: code, body: 'polled mail' });
    const done = await run.done;
    expect(done.exit).toBe(2);
    expect(done.stderr).toContain('polled mail');
    expect(done.stderr).not.toContain('polling is the full hook');
  });

  // Every watcher hands back here, once. The hand-back used to exec a fresh image without the
  // shield (the lean wait runs without the JIT: no bun:ffi): a stop in the shell's start killed
  // the hook, exit 143 and "Terminated" (a tester: 10 of 10 when sent as that shell appeared).
  test('a stop at any moment of the hand-back: exit 0, nothing on stderr', async () => {
    const code = await agentCode(claude);
    const missed: unknown[] = [];
    for (let delay = 0; delay <= 40; delay += 2) {
      const run = await claude.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
      const pid = await hookProcess(run);
      await until(() => commandLine(pid).some((arg) => arg.includes('lean-wait')), 'the lean wait');
      await Bun.sleep(delay);
      const ended = await unclean(run, pid, store, code, delay);
      if (ended) missed.push(ended);
    }
    expect(missed).toEqual([]);
  });
});

// What the hand-off's signal shield rests on (bin/lean-wait-handoff.ts ignoreStopSignals): bun:ffi
// refuses to load where BUN_JSC_useJIT=0 ("bun:ffi requires the JIT", Bun 1.4.5), so the watchers'
// command keeps the JIT, its tiers off, and the lean wait it execs runs without it.
test.skipIf(process.platform !== 'linux' || !existsSync('/lib/x86_64-linux-gnu/libc.so.6'))(
  "the watcher hooks' environment lets bun:ffi set a signal to ignored; the lean wait's has no JIT",
  () => {
    const script = `const { dlopen, FFIType } = require('bun:ffi');
      const libc = dlopen('libc.so.6', { signal: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.ptr } });
      libc.symbols.signal(15, 1);
      console.log(/^SigIgn:\\s*([0-9a-f]+)$/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]);`;
    const run = (vars: Readonly<Record<string, string>>) =>
      Bun.spawnSync([BUN, '-e', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...vars }, stderr: 'pipe' });
    const watcher = run(WATCHER_ENV_VARS);
    expect(watcher.stderr.toString()).toBe('');
    expect(BigInt(`0x${watcher.stdout.toString().trim()}`) & (1n << 14n)).toBe(1n << 14n); // SIGTERM ignored
    expect(run(LEAN_WAIT_ENV_VARS).stderr.toString()).toContain('requires the JIT');
  },
);
