// ask never resumes a session that runs, also under races: two asks to one idle session take
// turns (one exclusive claim per session, across processes), an ask that waited checks again
// (the session may have started meanwhile), and a running claude whose session file or
// --resume names an old session (Claude Code keeps it after /clear) makes its folder "unsure".
// The fake `claude` (test/fixtures/fake-claude-cli.ts) logs when each -p run starts and ends.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { procInfo } from '../../src/core/proc.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { runIntercom } from '../helpers/cli.ts';
import { fakeClaudeSandbox } from '../helpers/fake-claude-cli.ts';
import { lines } from '../helpers/lines.ts';
import { makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { sessionRecords, transcriptFile, writeTranscript } from '../helpers/transcripts.ts';

const sandbox = tmpDir('intercom-ask-safety-');
// No tmux server of ours: every session here runs outside tmux or not at all.
const base = fakeClaudeSandbox(sandbox, `intercom-ask-safety-${process.pid}`);
const { configDir, storeDir, argvLog, fakeBin } = base;
const runLog = join(sandbox, 'claude-runs.jsonl');
const env: Record<string, string> = {
  ...base.env,
  FAKE_CLAUDE_RUN_LOG: runLog,
};
const ids = {
  racy: '20000000-0000-4000-8000-000000000001',
  starts: '21000000-0000-4000-8000-000000000002',
  before: '22000000-0000-4000-8000-000000000003',
  argvOld: '23000000-0000-4000-8000-000000000004',
};
const minute = 60_000;
let store: Intercom;

interface Run {
  session: string;
  event: 'start' | 'end';
  at: number;
  pid: number;
}
const transcriptOf = (cwd: string, id: string) => {
  const path = transcriptFile(configDir, cwd, id);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};
const runsOf = (session: string): Run[] =>
  existsSync(runLog)
    ? readFileSync(runLog, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Run)
        .filter((r) => r.session === session)
    : [];
const printRunsWith = (id: string) =>
  existsSync(argvLog)
    ? readFileSync(argvLog, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { argv: string[] }).argv)
        .filter((a) => a.includes('-p') && a.includes(id))
    : [];

/** An interactive fake claude; `sessions` collects each session id it announces (a new one after /clear). */
async function startClaude(cwd: string, args: string[] = []) {
  const proc = Bun.spawn([`${fakeBin}/claude`, ...args], { cwd, env: { ...env }, stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
  const sessions: string[] = [];
  void (async () => {
    for await (const line of lines(proc.stdout)) {
      const m = /fake claude, session (\S+)/.exec(line);
      if (m) sessions.push(m[1]!);
    }
  })();
  await until(() => sessions.length > 0, 'the fake claude to start');
  const type = async (text: string, announced?: number) => {
    proc.stdin.write(`${text}\n`);
    await proc.stdin.flush();
    if (announced) await until(() => sessions.length >= announced, `the fake claude to take "${text}"`);
  };
  const stop = async () => {
    proc.kill();
    await proc.exited;
  };
  return { proc, sessions, type, stop };
}

beforeAll(async () => {
  store = await openIntercom({
    root: storeDir,
    reach: { configDirs: [configDir], tmux: { serverArgs: ['-L', `intercom-ask-safety-${process.pid}`] }, childEnv: env },
  });
});

describe('two asks to one session that is not running', () => {
  test('from two processes at once: one resume at a time, and both are answered', async () => {
    const project = makeProject(sandbox, 'racy');
    writeTranscript(
      configDir,
      project,
      ids.racy,
      sessionRecords(ids.racy, project, ['what does the cache key hold?']),
      new Date(Date.now() - 10 * minute),
    );
    // Each resume takes a while, so two that ran together would overlap for certain.
    const slow = { ...env, FAKE_CLAUDE_DELAY_MS: '1500' };
    const [a, b] = await Promise.all([
      runIntercom(['ask', '--json', '--timeout', '60', ids.racy, 'first question'], { env: slow }),
      runIntercom(['ask', '--json', '--timeout', '60', ids.racy, 'second question'], { env: slow }),
    ]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect([JSON.parse(a.stdout).via, JSON.parse(b.stdout).via]).toEqual(['headless', 'headless']);
    const runs = runsOf(ids.racy);
    expect(runs.map((r) => r.event)).toEqual(['start', 'end', 'start', 'end']);
    // The second run started after the first had ended, and was another process.
    expect(runs[2]!.at).toBeGreaterThanOrEqual(runs[1]!.at);
    expect(runs[2]!.pid).not.toBe(runs[0]!.pid);
  });

  test('one that arrives while the other resume runs waits its turn (it is not taken for the session running)', async () => {
    const slow = await openIntercom({
      root: storeDir,
      reach: {
        configDirs: [configDir],
        tmux: { serverArgs: ['-L', `intercom-ask-safety-${process.pid}`] },
        childEnv: { ...env, FAKE_CLAUDE_DELAY_MS: '2000' },
      },
    });
    const before = runsOf(ids.racy).length;
    const first = slow.ask({ sender: { kind: 'human' }, to: ids.racy, question: 'first, slow', timeoutS: 60 });
    await until(() => runsOf(ids.racy).length > before, 'the first resume to start');
    const second = await store.ask({ sender: { kind: 'human' }, to: ids.racy, question: 'second, meanwhile', timeoutS: 60 });
    expect(second.answer).toContain('second, meanwhile');
    expect((await first).answer).toContain('first, slow');
    const runs = runsOf(ids.racy).slice(before);
    expect(runs.map((r) => r.event)).toEqual(['start', 'end', 'start', 'end']);
    expect(runs[2]!.at).toBeGreaterThanOrEqual(runs[1]!.at);
  });

  test('a claim left by a process that died (SIGKILL: its lock folder no longer refreshed) is taken over', async () => {
    const lock = join(storeDir, 'asks', `${ids.racy}.lock`);
    mkdirSync(lock, { recursive: true });
    const old = new Date(Date.now() - minute);
    utimesSync(lock, old, old);
    const result = await store.ask({ sender: { kind: 'human' }, to: ids.racy, question: 'after a crash', timeoutS: 30 });
    expect(result.via).toBe('headless');
    expect(existsSync(lock)).toBe(false);
  });

  test('an ask that waited checks again: a session that started running meanwhile is not resumed', async () => {
    const project = makeProject(sandbox, 'starts');
    writeTranscript(
      configDir,
      project,
      ids.starts,
      sessionRecords(ids.starts, project, ['tune the retry policy']),
      new Date(Date.now() - 10 * minute),
    );
    // Two asks at once: both find the session not running; one resumes it (slowly), the other waits.
    const slow = { ...env, FAKE_CLAUDE_DELAY_MS: '4000' };
    const asks = [
      runIntercom(['ask', '--json', '--timeout', '60', ids.starts, 'one'], { env: slow }),
      runIntercom(['ask', '--json', '--timeout', '60', ids.starts, 'two'], { env: slow }),
    ];
    await until(() => runsOf(ids.starts).length > 0, 'a resume to start');
    // Meanwhile the user resumes the session in a terminal, outside tmux.
    const user = await startClaude(project, ['--resume', ids.starts]);
    try {
      const results = await Promise.all(asks);
      const answered = results.filter((r) => r.code === 0);
      const refused = results.filter((r) => r.code !== 0);
      expect([answered.length, refused.length]).toEqual([1, 1]);
      expect(JSON.parse(answered[0]!.stdout).via).toBe('headless');
      expect(refused[0]!.stderr).toContain(`session ${ids.starts} is running outside tmux`);
      expect(refused[0]!.stderr).toContain('Nothing was sent');
      expect(runsOf(ids.starts).filter((r) => r.event === 'start')).toHaveLength(1);
    } finally {
      await user.stop();
    }
  });

  test('a wait longer than the timeout ends with a clear refusal that names the other ask', async () => {
    const slow = await openIntercom({
      root: storeDir,
      reach: {
        configDirs: [configDir],
        tmux: { serverArgs: ['-L', `intercom-ask-safety-${process.pid}`] },
        childEnv: { ...env, FAKE_CLAUDE_DELAY_MS: '4000' },
      },
    });
    const first = slow.ask({ sender: { kind: 'human' }, to: ids.racy, question: 'long one', timeoutS: 60 });
    const startsBefore = runsOf(ids.racy).length;
    await until(() => runsOf(ids.racy).length > startsBefore, 'the first resume to start');
    await expect(store.ask({ sender: { kind: 'human' }, to: ids.racy, question: 'impatient', timeoutS: 1 })).rejects.toThrow(
      `another ask to session ${ids.racy} is still running`,
    );
    expect((await first).via).toBe('headless');
  });
});

describe('a running claude whose session file or --resume names an old session (kept after /clear)', () => {
  test('session file: the session it really writes is listed unsure, not idle, and never resumed', async () => {
    const project = makeProject(sandbox, 'cleared');
    writeTranscript(
      configDir,
      project,
      ids.before,
      sessionRecords(ids.before, project, ['an older session of this folder']),
      new Date(Date.now() - 30 * minute),
    );
    const startedAt = Date.now();
    const user = await startClaude(project);
    try {
      const named = user.sessions[0]!;
      // Claude Code's own file for this process, written at its start…
      mkdirSync(join(configDir, 'sessions'), { recursive: true });
      writeFileSync(
        join(configDir, 'sessions', `${user.proc.pid}.json`),
        JSON.stringify({ pid: user.proc.pid, sessionId: named, cwd: project, startedAt, procStart: procInfo(user.proc.pid)!.start }),
      );
      await Bun.sleep(20);
      await user.type('first prompt');
      await until(() => transcriptOf(project, named).includes('fake answer: first prompt'), 'the first answer');
      expect((await store.sessions.list({ scope: 'all', project: 'cleared' })).find((s) => s.id === named)?.state).toBe('running');
      // …and after /clear it still names the old session while the process writes a new one.
      await user.type('/clear', 2);
      const written = user.sessions[1]!;
      await user.type('a prompt after clear');
      await until(() => transcriptOf(project, written).includes('fake answer: a prompt after clear'), 'the new transcript');

      const listed = new Map((await store.sessions.list({ scope: 'all', project: 'cleared' })).map((s) => [s.id, s.state]));
      expect(listed.get(written)).toBe('unsure');
      expect(listed.get(named)).toBe('unsure');
      // A session of the folder from before the process started is not one it may be running.
      expect(listed.get(ids.before)).toBe('idle');
      const cli = await runIntercom(['sessions', '--project', 'cleared'], { env });
      expect(cli.stdout).toContain(`${written}  cleared  unsure`);

      for (const target of [written, named, ids.before]) {
        await expect(store.ask({ sender: { kind: 'human' }, to: target, question: 'which branch?', timeoutS: 5 })).rejects.toThrow(
          `a claude process (pid ${user.proc.pid}) runs in ${project} and intercom cannot tell which session it is (Claude Code's session file names ${named}, but ${written}`,
        );
        expect(printRunsWith(target)).toEqual([]);
      }
    } finally {
      await user.stop();
    }
  });

  test('--resume in its arguments: the same rule', async () => {
    const project = makeProject(sandbox, 'argv-cleared');
    writeTranscript(
      configDir,
      project,
      ids.argvOld,
      sessionRecords(ids.argvOld, project, ['resumed, then cleared']),
      new Date(Date.now() - 30 * minute),
    );
    const user = await startClaude(project, ['--resume', ids.argvOld]);
    try {
      await user.type('/clear', 2);
      const written = user.sessions[1]!;
      await user.type('a prompt after clear');
      await until(() => transcriptOf(project, written).includes('fake answer: a prompt after clear'), 'the new transcript');
      const listed = new Map((await store.sessions.list({ scope: 'all', project: 'argv-cleared' })).map((s) => [s.id, s.state]));
      expect(listed.get(written)).toBe('unsure');
      await expect(store.ask({ sender: { kind: 'human' }, to: written, question: 'still there?', timeoutS: 5 })).rejects.toThrow(
        `(its --resume argument names ${ids.argvOld}, but ${written} of the same folder was written after it`,
      );
      expect(printRunsWith(written)).toEqual([]);
    } finally {
      await user.stop();
    }
  });
});

afterAll(() => {
  Bun.spawnSync(['tmux', '-L', `intercom-ask-safety-${process.pid}`, 'kill-server'], { stdout: 'ignore', stderr: 'ignore' });
});
