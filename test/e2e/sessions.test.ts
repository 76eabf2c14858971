// Sessions without intercom: discovery from transcripts, liveness through a real tmux server
// running a fake `claude` in its panes, tmux delivery, ask (tmux, headless resume, native), and
// the mail a session adopts when it starts intercom.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { readTranscriptHead } from '../../src/claude/transcript-head.ts';
import { sanitizeForPane } from '../../src/claude/tmux.ts';
import { procInfo } from '../../src/core/proc.ts';
import { startAgent } from '../helpers/agent.ts';
import { installFakeClaude } from '../helpers/fake-claude-cli.ts';
import { runIntercom } from '../helpers/cli.ts';
import { makeProject, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { sessionRecords, transcriptFile, writeTranscript } from '../helpers/transcripts.ts';

const sandbox = tmpDir('intercom-sessions-');
const configDir = join(sandbox, 'claude');
const otherConfigDir = join(sandbox, 'claude-old');
const storeDir = join(sandbox, 'store');
const tmuxSocket = `intercom-test-${process.pid}`;
const fakeBin = installFakeClaude(sandbox);
const argvLog = join(sandbox, 'claude-argv.jsonl');
const env: Record<string, string> = {
  PATH: `${fakeBin}:${process.env.PATH}`,
  HOME: sandbox,
  CLAUDE_CONFIG_DIR: configDir,
  CLAUDE_INTERCOM_CONFIG_DIRS: otherConfigDir,
  CLAUDE_INTERCOM_DIR: storeDir,
  CLAUDE_INTERCOM_TMUX: `-L ${tmuxSocket}`,
  CLAUDE_INTERCOM_RESUME_FLAGS: '--model fake-model',
  FAKE_CLAUDE_ARGV_LOG: argvLog,
};
const hasTmux = Bun.which('tmux') !== null;
const ids = {
  login: '0a000000-0000-4000-8000-000000000001',
  billing: '0b000000-0000-4000-8000-000000000002',
  big: '0c000000-0000-4000-8000-000000000003',
  old: '0d000000-0000-4000-8000-000000000004',
  gone: '0e000000-0000-4000-8000-000000000005',
  pane: '0f000000-0000-4000-8000-000000000006',
  idle: '10000000-0000-4000-8000-000000000007',
  outside: '11000000-0000-4000-8000-000000000008',
  adopt: '12000000-0000-4000-8000-000000000009',
  sharedOld: '13000000-0000-4000-8000-00000000000a',
};
let store: Intercom;
let webapp: string;
let api: string;

function tmux(...args: string[]) {
  return Bun.spawnSync(['tmux', '-L', tmuxSocket, '-f', '/dev/null', ...args], { stdout: 'pipe', stderr: 'pipe' });
}

beforeAll(async () => {
  webapp = makeProject(sandbox, 'webapp');
  api = makeProject(sandbox, 'api-server');
  const hour = 3600_000;
  writeTranscript(
    configDir,
    webapp,
    ids.login,
    sessionRecords(ids.login, webapp, ['fix the login bug on mobile']),
    new Date(Date.now() - 2 * hour),
  );
  // The same session copied into an older config dir, with an older title: the newest copy wins.
  writeTranscript(otherConfigDir, webapp, ids.login, sessionRecords(ids.login, webapp, ['stale copy']), new Date(Date.now() - 5 * hour));
  writeTranscript(
    configDir,
    api,
    ids.billing,
    sessionRecords(ids.billing, api, [
      [{ type: 'text', text: '<command-name>/clear</command-name>\n<command-message>clear</command-message>' }],
      '<local-command-stdout></local-command-stdout>',
      'add a CSV export to billing',
    ]).map((r, i) => (i === 2 ? { ...r, isMeta: true } : r)),
    new Date(Date.now() - hour),
  );
  writeTranscript(
    configDir,
    api,
    ids.big,
    sessionRecords(ids.big, api, ['profile the big import job'], 50 * 1024 * 1024),
    new Date(Date.now() - 3 * hour),
  );
  writeTranscript(configDir, webapp, ids.old, sessionRecords(ids.old, webapp, ['ancient history']), new Date(Date.now() - 30 * 24 * hour));
  writeTranscript(
    configDir,
    join(sandbox, 'deleted-folder'),
    ids.gone,
    sessionRecords(ids.gone, join(sandbox, 'deleted-folder'), ['was here']),
    new Date(Date.now() - 4 * hour),
  );
  writeTranscript(
    configDir,
    api,
    ids.idle,
    sessionRecords(ids.idle, api, ['which endpoint was renamed?']),
    new Date(Date.now() - 6 * hour),
  );
  writeFileSync(join(configDir, 'projects', 'notes.txt'), 'not a transcript');
  mkdirSync(join(configDir, 'projects', '-x'), { recursive: true });
  writeFileSync(join(configDir, 'projects', '-x', 'not-a-session!.jsonl'), '{}');
  store = await openIntercom({
    root: storeDir,
    reach: {
      configDirs: [configDir, otherConfigDir],
      tmux: { serverArgs: ['-L', tmuxSocket] },
      childEnv: env,
      resumeFlags: ['--model', 'fake-model'],
    },
  });
});

afterAll(() => {
  if (hasTmux) tmux('kill-server');
});

describe('discovery from transcripts', () => {
  test('lists sessions newest first, with project, cwd and the first real prompt as title', async () => {
    const sessions = await store.sessions.list({ scope: 'all', limit: 50 });
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(sessions.map((s) => s.id)).toEqual([ids.billing, ids.login, ids.big, ids.gone, ids.idle, ids.old]);
    expect(byId.get(ids.login)).toMatchObject({ project: 'webapp', cwd: webapp, title: 'fix the login bug on mobile', state: 'idle' });
    // Command and caveat noise is skipped; the real prompt is the title.
    expect(byId.get(ids.billing)).toMatchObject({ project: 'api-server', title: 'add a CSV export to billing' });
    // A folder that no longer exists still names the project.
    expect(byId.get(ids.gone)?.project).toBe('deleted-folder');
  });

  test('duplicates of one session are merged: the most recently written copy wins', async () => {
    const login = (await store.sessions.list({ scope: 'all', limit: 50 })).filter((s) => s.id === ids.login);
    expect(login).toHaveLength(1);
    expect(login[0]!.title).toBe('fix the login bug on mobile');
    expect(login[0]!.transcript.startsWith(configDir)).toBe(true);
  });

  test('a 50 MB transcript is read by its head only', () => {
    const head = readTranscriptHead(transcriptFile(configDir, api, ids.big));
    expect(head).toMatchObject({ sessionId: ids.big, cwd: api, title: 'profile the big import job' });
    expect(head.bytesRead).toBeLessThanOrEqual(16 * 1024);
  });

  test('filters: recent hides old idle sessions, project matches a substring, limit caps', async () => {
    const recent = await store.sessions.list({});
    expect(recent.map((s) => s.id)).not.toContain(ids.old);
    expect((await store.sessions.list({ scope: 'all', limit: 50 })).map((s) => s.id)).toContain(ids.old);
    expect((await store.sessions.list({ project: 'API' })).map((s) => s.id).sort()).toEqual([ids.billing, ids.big, ids.idle].sort());
    expect(await store.sessions.list({ limit: 2 })).toHaveLength(2);
    await expect(store.sessions.list({ limit: 0 })).rejects.toThrow('limit must be a whole number from 1 to 500');
  });

  test('intercom sessions (CLI) prints them, and --json gives the fields', async () => {
    const text = await runIntercom(['sessions', '--project', 'webapp'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${ids.login}  webapp  idle`);
    expect(text.stdout).toContain('"fix the login bug on mobile"');
    const json = JSON.parse((await runIntercom(['sessions', '--all', '--json'], { env })).stdout);
    expect(json.sessions.length).toBe(6);
    expect(json.sessions[0]).toMatchObject({
      id: ids.billing,
      project: 'api-server',
      cwd: api,
      state: 'idle',
      title: 'add a CSV export to billing',
    });
    expect(Date.parse(json.sessions[0].last_active)).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasTmux)('live sessions in tmux', () => {
  let paneTarget: string;
  beforeAll(async () => {
    writeTranscript(configDir, webapp, ids.pane, sessionRecords(ids.pane, webapp, ['refactor the auth middleware']));
    const started = tmux(
      'new-session',
      '-d',
      '-s',
      'work',
      '-x',
      '200',
      '-y',
      '50',
      '-c',
      webapp,
      `env CLAUDE_CONFIG_DIR='${configDir}' '${fakeBin}/claude' --resume ${ids.pane}`,
    );
    expect(started.exitCode).toBe(0);
    paneTarget = 'work:0.0';
    await until(
      () => tmux('capture-pane', '-p', '-t', paneTarget).stdout.toString().includes(`session ${ids.pane}`),
      'the fake claude to start',
    );
  });

  test('a claude process in a pane makes its session live, with its tmux target', async () => {
    const live = await store.sessions.list({ scope: 'live' });
    expect(live.map((s) => s.id)).toEqual([ids.pane]);
    expect(live[0]).toMatchObject({ state: 'live', tmux: paneTarget, project: 'webapp' });
  });

  test('send to a session without intercom: the body stays on disk, a one-line nudge is typed into its pane', async () => {
    const { message, delivery } = await store.send({
      sender: { kind: 'human' },
      to: ids.pane.slice(0, 10),
      body: 'the staging db is read-only until 5pm',
    });
    expect(delivery).toEqual([expect.objectContaining({ to: ids.pane, via: 'tmux' })]);
    const path = join(storeDir, 'mail', `s-${ids.pane}`, 'new', `${message.id}.json`);
    expect(JSON.parse(readFileSync(path, 'utf8')).body).toBe('the staging db is read-only until 5pm');
    await until(
      () => tmux('capture-pane', '-p', '-J', '-t', paneTarget).stdout.toString().includes(`cat '${path}'`),
      'the nudge in the pane',
    );
    const pane = tmux('capture-pane', '-p', '-J', '-t', paneTarget).stdout.toString();
    expect(pane).toContain(`[intercom] the human at the intercom CLI sent this session a message (id ${message.id})`);
    expect(pane).not.toContain('read-only until 5pm'); // the body is not typed
  });

  test('deliver_live false (CLI --store-only): the message is stored, nothing is typed, and the result says so', async () => {
    // LC_ALL=C as well: without a UTF-8 locale tmux once printed the pane list mangled, and the
    // session looked as if it ran outside tmux.
    const sent = await runIntercom(['send', '--store-only', '--json', ids.pane, 'quiet note: no typing please'], {
      env: { ...env, LC_ALL: 'C' },
    });
    expect(sent.code).toBe(0);
    const { id, delivery } = JSON.parse(sent.stdout) as { id: string; delivery: { to: string; via: string; note: string }[] };
    // In words a person at the CLI knows (they asked with --store-only), not the tool's deliver_live.
    expect(delivery).toEqual([
      { to: ids.pane, via: 'stored', note: expect.stringContaining('NOT typed into tmux pane work:0.0: only stored, as asked') },
    ]);
    expect(existsSync(join(storeDir, 'mail', `s-${ids.pane}`, 'new', `${id}.json`))).toBe(true);
    // A nudge typed after it (by the CLI, in the same locale) shows the pane is live and would
    // show the first one had it been typed.
    const marker = await runIntercom(['send', '--json', ids.pane, 'typed marker — ünïcode'], { env: { ...env, LC_ALL: 'C' } });
    const markerId = (JSON.parse(marker.stdout) as { id: string }).id;
    await until(
      () => tmux('capture-pane', '-p', '-J', '-t', paneTarget).stdout.toString().includes(`(id ${markerId})`),
      'the marker nudge',
    );
    expect(tmux('capture-pane', '-p', '-J', '-t', paneTarget, '-S', '-200').stdout.toString()).not.toContain(id);
    // The fake takes the marker as its prompt and clears its input: only then is the pane free
    // for the next test's question (a line still in the input counts as someone typing).
    const promptIsEmpty = () =>
      /^❯[\s\u00a0]*$/.test(
        tmux('capture-pane', '-p', '-t', paneTarget)
          .stdout.toString()
          .split('\n')
          .findLast((r) => r.startsWith('❯')) ?? '',
      );
    await until(promptIsEmpty, 'the pane to show an empty prompt again');
  });

  test('ask a live tmux session: the question is typed, the answer read back from its transcript', async () => {
    const result = await store.ask({
      sender: { kind: 'human' },
      to: ids.pane,
      question: 'which file holds the session cookie config?',
      timeoutS: 30,
    });
    expect(result).toMatchObject({ via: 'tmux', to: ids.pane, complete: true });
    expect(result.answer).toContain('fake answer:');
    expect(result.answer).toContain('session cookie config?');
    // The question was recorded in the session's mailbox, and marked answered.
    expect(existsSync(join(storeDir, 'mail', `s-${ids.pane}`, 'replied', `${result.question_id}.json`))).toBe(true);
  });

  test('an answer written in parts is collected once the transcript is stable for two reads', async () => {
    const result = await store.ask({ sender: { kind: 'human' }, to: ids.pane, question: 'SLOW: summarize the auth changes', timeoutS: 30 });
    expect(result.answer).toContain('fake answer:');
    expect(result.answer).toContain('and a second part, written later');
  });

  test('a question too long (or too many lines) to type is pointed at, not cut', async () => {
    const question = `${'Please check each of these endpoints:\n'}${Array.from({ length: 40 }, (_, i) => `- /v2/endpoint-${i}`).join('\n')}`;
    const result = await store.ask({ sender: { kind: 'human' }, to: ids.pane, question, timeoutS: 30 });
    expect(result.via).toBe('tmux');
    const pane = tmux('capture-pane', '-p', '-J', '-t', paneTarget, '-S', '-50').stdout.toString();
    expect(pane).toContain(`(id ${result.question_id}). Read it: cat '`); // every question is pointed at: its text is never typed
    expect(pane).not.toContain('/v2/endpoint-39');
  });

  test('a live session is never resumed headlessly', async () => {
    const before = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '';
    await store.ask({ sender: { kind: 'human' }, to: ids.pane, question: 'still there?', timeoutS: 30 });
    const after = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '';
    expect(after.slice(before.length)).not.toContain('"-p"');
  });
});

describe('ask a session that is not running: headless resume', () => {
  test('runs claude -p --resume <id> in its folder with its config dir and the resume flags', async () => {
    const result = await store.ask({
      sender: { kind: 'human' },
      to: ids.idle,
      question: 'which endpoint was renamed, and to what?',
      timeoutS: 30,
    });
    expect(result).toMatchObject({ via: 'headless', to: ids.idle, complete: true });
    expect(result.answer).toContain('fake answer:');
    const runs = readFileSync(argvLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; cwd: string; configDir: string });
    const run = runs.find((r) => r.argv.includes(ids.idle))!;
    expect(run.cwd).toBe(api);
    expect(run.configDir).toBe(configDir);
    expect(run.argv.slice(0, 5)).toEqual(['-p', '--resume', ids.idle, '--output-format', 'json']);
    expect(run.argv).toContain('fake-model');
    expect(run.argv.at(-1)).toContain('[intercom] A question from the human at the intercom CLI');
    // The resumed session's transcript now holds the question.
    expect(readFileSync(transcriptFile(configDir, api, ids.idle), 'utf8')).toContain('which endpoint was renamed');
  });

  test('a session whose folder is gone cannot be resumed, and says so', async () => {
    await expect(store.ask({ sender: { kind: 'human' }, to: ids.gone, question: 'hello?', timeoutS: 5 })).rejects.toThrow(
      'no longer exists',
    );
  });

  test('a headless resume that does not answer in time is stopped, with a clear error', async () => {
    const slow = await openIntercom({
      root: storeDir,
      reach: { configDirs: [configDir], childEnv: { ...env, FAKE_CLAUDE_DELAY_MS: '10000' } },
    });
    await expect(slow.ask({ sender: { kind: 'human' }, to: ids.login, question: 'are you there?', timeoutS: 1 })).rejects.toThrow(
      'gave no answer within 1 s and was stopped',
    );
  });

  test('a session running outside tmux is neither typed into nor resumed', async () => {
    writeTranscript(configDir, webapp, ids.outside, sessionRecords(ids.outside, webapp, ['a background job']));
    const proc = Bun.spawn([`${fakeBin}/claude`, '--resume', ids.outside], {
      cwd: webapp,
      env: { ...env },
      stdin: 'pipe',
      stdout: 'ignore',
    });
    try {
      await until(
        () => readFileSync(transcriptFile(configDir, webapp, ids.outside), 'utf8').includes('dequeue'),
        'the fake claude to start',
      );
      await expect(store.ask({ sender: { kind: 'human' }, to: ids.outside, question: 'hi?', timeoutS: 5 })).rejects.toThrow(
        'running outside tmux',
      );
      // Nothing was recorded, so asking again (after moving it into tmux, say) is not a "repeat".
      await expect(store.ask({ sender: { kind: 'human' }, to: ids.outside, question: 'hi?', timeoutS: 5 })).rejects.toThrow(
        'Nothing was sent',
      );
      const listed = (await store.sessions.list({ scope: 'live' })).find((s) => s.id === ids.outside);
      expect(listed?.state).toBe('running');
    } finally {
      proc.kill();
      await proc.exited;
    }
  });
});

describe('native ask between two intercom agents', () => {
  test('the question reaches the other agent marked as awaiting a reply; its reply is the answer', async () => {
    const agentEnv = { ...env };
    const [asker, answerer] = await Promise.all([startAgent({ cwd: webapp, env: agentEnv }), startAgent({ cwd: webapp, env: agentEnv })]);
    try {
      const asking = asker.raw('ask', { to: answerer.code, question: 'did you rename /v1/users?', timeout_s: 30 });
      let question: { id: string; expects_reply?: boolean; body: string } | undefined;
      await until(async () => {
        question = ((await answerer.call('peek')).messages as (typeof question)[])[0];
        return question !== undefined;
      }, 'the question to arrive');
      expect(question).toMatchObject({ body: 'did you rename /v1/users?', expects_reply: true });
      await answerer.call('reply', { id: question!.id, body: 'yes: /v2/accounts' });
      const result = await asking;
      expect(result.isError).toBe(false);
      expect(result.data).toMatchObject({ via: 'agent', to: answerer.code, answer: 'yes: /v2/accounts', question_id: question!.id });
      expect(result.text).toContain('yes: /v2/accounts');
      // The answer was handed back by ask: it is not waiting in the asker's inbox as well.
      expect((await asker.call('peek')).messages).toEqual([]);
    } finally {
      await Promise.all([asker.close(), answerer.close()]);
    }
  });

  test('no answer in time: a clear timeout that says where the question and a late answer will be', async () => {
    const [asker, silent] = await Promise.all([startAgent({ cwd: webapp, env }), startAgent({ cwd: webapp, env })]);
    try {
      const result = await asker.raw('ask', { to: silent.code, question: 'anyone?', timeout_s: 1 });
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(
        new RegExp(
          `no answer from ${silent.code} within 1 s\\. The question \\(id \\d{13}-[a-z0-9]{10}\\) stays in its inbox; a later reply will land in your inbox`,
        ),
      );
      const bad = await asker.raw('ask', { to: silent.code, question: 'x', timeout_s: 601 });
      expect(bad.text).toContain('timeout_s must be a whole number of seconds from 1 to 600');
      const many = await asker.raw('ask', { to: 'all', question: 'x' });
      expect(many.text).toContain('ask goes to one recipient');
    } finally {
      await Promise.all([asker.close(), silent.close()]);
    }
  });
});

describe('a session that starts intercom adopts the mail sent to it before', () => {
  test("mail stored for the session (no agent then) is in the new agent's inbox", async () => {
    writeTranscript(configDir, webapp, ids.adopt, sessionRecords(ids.adopt, webapp, ['later joins intercom']));
    const { delivery } = await store.send({ sender: { kind: 'human' }, to: ids.adopt, body: 'read this when you get intercom' });
    expect(delivery[0]).toMatchObject({ to: ids.adopt, via: 'stored' });
    // A claude process runs in this folder (an earlier test's), and this transcript is newer than
    // its session: it may be the one that process writes, so the state is unsure, not idle.
    expect(delivery[0]!.note).toContain('NOT delivered to the session yet: a claude process in its folder may be running it');
    const agent = await startAgent({ cwd: webapp, env: { ...env, CLAUDE_INTERCOM_SESSION: ids.adopt } });
    try {
      const inbox = (await agent.call('peek')).messages as { id: string; body: string }[];
      expect(inbox.map((m) => m.body)).toEqual(['read this when you get intercom']);
      // The sender's receipt follows the message to its new home.
      const receipt = (await store.receipts.status(inbox[0]!.id)).receipts[0]!;
      expect(receipt).toMatchObject({ to: ids.adopt, state: 'seen', dead_letter: false });
    } finally {
      await agent.close();
    }
  });
});

describe('several sessions in one folder: which one a running claude is', () => {
  let shared: string;
  let proc: Bun.Subprocess<'pipe', 'pipe', 'inherit'> | undefined;
  const sessionFile = () => join(configDir, 'sessions', `${proc!.pid}.json`);
  beforeAll(async () => {
    shared = makeProject(sandbox, 'shared');
    writeTranscript(
      configDir,
      shared,
      ids.sharedOld,
      sessionRecords(ids.sharedOld, shared, ['an older session here']),
      new Date(Date.now() - 3600_000),
    );
    // A claude started without --resume: its argv does not say which session it runs, and its
    // own new transcript is the newest of the folder.
    proc = Bun.spawn([`${fakeBin}/claude`], { cwd: shared, env: { ...env }, stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' });
    const reader = proc.stdout.getReader();
    let seen = '';
    await until(async () => {
      seen += new TextDecoder().decode((await reader.read()).value ?? new Uint8Array());
      return seen.includes('fake claude, session');
    }, 'the fake claude to start');
    reader.releaseLock();
  });
  afterAll(async () => {
    proc?.kill();
    await proc?.exited;
  });

  test("without Claude Code's session file it is a guess, so no session of that folder is resumed", async () => {
    const before = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '';
    await expect(store.ask({ sender: { kind: 'human' }, to: ids.sharedOld, question: 'which branch?', timeoutS: 5 })).rejects.toThrow(
      `a claude process (pid ${proc!.pid}) runs in ${shared} and intercom cannot tell which session it is`,
    );
    const after = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '';
    expect(after.slice(before.length)).not.toContain(ids.sharedOld);
  });

  test("Claude Code's session file (<config>/sessions/<pid>.json) says exactly which; a stale one is ignored", async () => {
    mkdirSync(join(configDir, 'sessions'), { recursive: true });
    writeFileSync(
      sessionFile(),
      JSON.stringify({ pid: proc!.pid, sessionId: ids.sharedOld, cwd: shared, procStart: procInfo(proc!.pid)!.start }),
    );
    // The session it names is being written (the newest of the folder), so nothing contradicts it
    // (a newer transcript would: test/e2e/ask-resume-safety.test.ts).
    const sharedOldFile = transcriptFile(configDir, shared, ids.sharedOld);
    utimesSync(sharedOldFile, new Date(), new Date());
    const listed = (await store.sessions.list({ scope: 'all', project: 'shared' })).find((s) => s.id === ids.sharedOld);
    expect(listed?.state).toBe('running');
    await expect(store.ask({ sender: { kind: 'human' }, to: ids.sharedOld, question: 'which branch?', timeoutS: 5 })).rejects.toThrow(
      'running outside tmux',
    );
    // The same pid with another start time: a file left by an earlier process.
    utimesSync(sharedOldFile, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    writeFileSync(sessionFile(), JSON.stringify({ pid: proc!.pid, sessionId: ids.sharedOld, cwd: shared, procStart: '1' }));
    const stale = (await store.sessions.list({ scope: 'all', project: 'shared' })).find((s) => s.id === ids.sharedOld);
    expect(stale?.state).toBe('idle');
  });
});

test('text typed into a pane loses escape sequences and control characters, and stays on one line', () => {
  expect(sanitizeForPane('hi \u001b[31mred\u001b[0m \u001b]0;title\u0007there\nnext\tline\u0003')).toBe('hi red there next line');
  expect(sanitizeForPane('x'.repeat(2000)).length).toBe(1000);
});
