// The CLI's command line checked at the boundary, as a real process: a value out of its range, a
// time or id that does not parse, a stray argument are bad usage (exit 2, usage shown) that name
// the flag in the CLI's words, never a tool's input; and the advice a failure gives works as given.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-cli-usage-');
const env = isolatedEnv(sandbox);
/** Names a tool's inputs, or the inbox for a typo in a tail flag: what these messages used to say. */
const OTHER_SURFACE = /timeout_s|ttl_minutes|(?<!-)\blimit must|\bsince "|intercom inbox|peek|deliver_live/;
let agent: TestAgent;
let project: string;

beforeAll(async () => {
  project = makeProject(sandbox, 'webapp');
  agent = await startAgent({ cwd: project, env });
});
afterAll(() => agent?.close());

describe('an option value out of its range, or unreadable, is bad usage naming the flag', () => {
  const cases: [string[], string][] = [
    [['ask', 'AGENT', 'q?', '--timeout', '0'], '--timeout must be a whole number of seconds from 1 to 600, not "0"'],
    [['ask', 'AGENT', 'q?', '--timeout', '100000'], '--timeout must be a whole number of seconds from 1 to 600, not "100000"'],
    [['ask', 'AGENT', 'q?', '--timeout', '1.5'], '--timeout must be a whole number of seconds from 1 to 600, not "1.5"'],
    [['claim', 'src/a.ts', '--ttl', '0'], '--ttl must be a number of minutes more than 0 and at most 1440, not "0"'],
    [['claim', 'src/a.ts', '--ttl', '1441'], '--ttl must be a number of minutes more than 0 and at most 1440, not "1441"'],
    [['sessions', '--limit', '0'], '--limit must be a whole number from 1 to 500, not "0"'],
    [['sessions', '--limit', '1.5'], '--limit must be a whole number from 1 to 500, not "1.5"'],
    [['sessions', '--limit', '1e9'], '--limit must be a whole number from 1 to 500, not "1e9"'],
    [['search', 'foo', '--since', 'garbage'], '--since must be a duration (30m, 2h, 3d) or a date (2026-11-21T09:00), not "garbage"'],
    [['search', 'foo', '--since', '5'], '--since must be a duration (30m, 2h, 3d) or a date (2026-11-21T09:00), not "5"'],
    [['tail', '--since', 'garbage'], '--since must be a message id like 1763760000000-0a1b2c3d4e, not "garbage"'],
    [['send', 'AGENT', 'hi', '--reply-to', 'garbage'], '--reply-to must be a message id like 1763760000000-0a1b2c3d4e, not "garbage"'],
    [['dashboard', '--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000"'],
  ];
  test.each(cases)('intercom %p', async (args, message) => {
    const argv = args.map((a) => (a === 'AGENT' ? agent.code : a));
    const run = await runIntercom(argv, { env, cwd: project });
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining(`intercom ${args[0]}: ${message}\nusage: intercom ${args[0]}`),
    });
    expect(run.stderr).not.toMatch(OTHER_SURFACE);
  });

  test('nothing ran: no question was sent, no claim was made', async () => {
    expect((await agent.call('peek', { all: true })).messages).toEqual([]);
    expect((await agent.call('claims')).claims).toEqual([]);
  });

  test('a value in range still works: the bound is the operation’s own', async () => {
    const claimed = await runIntercom(['claim', 'src/a.ts', '--ttl', '0.5', '--json'], { env, cwd: project });
    expect(claimed.code).toBe(0);
    expect(await runIntercom(['release', 'src/a.ts'], { env, cwd: project })).toMatchObject({ code: 0 });
    expect((await runIntercom(['sessions', '--limit', '500'], { env })).code).toBe(0);
  });
});

describe('a stray argument is bad usage, never ignored', () => {
  test.each([
    [['who', 'extra'], 'intercom who takes none'],
    [['inbox', 'extra'], 'intercom inbox takes none'],
    [['sessions', 'extra'], 'intercom sessions takes none'],
    [['claims', 'extra'], 'intercom claims takes none'],
    [['doctor', 'extra'], 'intercom doctor takes none'],
    [['uninstall', 'extra'], 'intercom uninstall takes none'],
    [['thread', '1763760000000-0a1b2c3d4e', 'extra'], 'intercom thread takes at most 1'],
  ])('intercom %p', async (args, takes) => {
    const run = await runIntercom(args, { env, cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toStartWith(`intercom ${args[0]}: unexpected argument "extra": ${takes}\nusage: intercom ${args[0]}`);
  });

  test('ack takes ids or --all, not both', async () => {
    const run = await runIntercom(['ack', '--all', '1763760000000-0a1b2c3d4e'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toStartWith('intercom ack: --all acks every message: give ids or --all, not both (got "1763760000000-0a1b2c3d4e")');
  });
});

describe('a CLAUDE_INTERCOM_SESSION that names no live agent', () => {
  test('the error says to unset it, and the command it gives to list agents works while it is still set', async () => {
    const bad = { ...env, CLAUDE_INTERCOM_SESSION: 'nobody' };
    const who = await runIntercom(['who'], { env: bad });
    expect(who.code).toBe(1);
    expect(who.stderr).toContain('CLAUDE_INTERCOM_SESSION=nobody does not name a live agent: unset it to act as "human"');
    const advice = /run `(env -u CLAUDE_INTERCOM_SESSION intercom who)` to list the live agents/.exec(who.stderr);
    expect(advice).not.toBeNull();
    // Typed as given, in the same environment (the variable still set): it lists the live agents.
    const words = advice![1]!.split(' ');
    const followed = Bun.spawnSync([...words.slice(0, 3), BUN, ENTRY, ...words.slice(4)], { env: bad });
    expect(followed.exitCode).toBe(0);
    expect(followed.stdout.toString()).toContain(agent.code);
  });
});

describe('what a person reads names commands, not tools', () => {
  test('status of a message the agent read: "read by the recipient"', async () => {
    const sent = JSON.parse((await runIntercom(['send', agent.code, 'read me', '--json'], { env })).stdout) as { id: string };
    await agent.call('peek');
    const status = await runIntercom(['status', sent.id], { env });
    expect(status.stdout).toContain(`${agent.code}: seen — read by the recipient`);
    expect(status.stdout).not.toMatch(OTHER_SURFACE);
    await agent.call('ack_all');
  });

  test('a copy left staged: the receipt names doctor per surface, and doctor hands it over', async () => {
    const sent = JSON.parse((await runIntercom(['send', agent.code, 'stuck midway', '--json'], { env })).stdout) as { id: string };
    // As a sender killed between committing and handing over leaves it: staged under its (dead) pid.
    const gone = Bun.spawnSync(['true']).pid;
    const inbox = join(env.CLAUDE_INTERCOM_DIR!, 'mail', agent.code, 'new');
    renameSync(join(inbox, `${sent.id}.json`), join(inbox, `${sent.id}.${gone}.sending`));

    const human = await runIntercom(['status', sent.id], { env });
    expect(human.stdout).toContain(`${agent.code}: undelivered — not in the inbox yet`);
    expect(human.stdout).toContain('; or run `intercom doctor` to sweep now');
    const model = (await agent.call('status', { ids: [sent.id] })).messages as { receipts: { note: string; next?: unknown }[] }[];
    expect(model[0]!.receipts[0]!.note).toEndWith('; or ask the user to run `intercom doctor` to sweep now');
    expect(model[0]!.receipts[0]!.next).toBeUndefined();

    const doctor = JSON.parse((await runIntercom(['doctor', '--json'], { env })).stdout) as { checks: { name: string }[] };
    expect(doctor.checks.map((c) => c.name)).toContain('sweep');
    expect((await runIntercom(['status', sent.id], { env })).stdout).toContain(`${agent.code}: new — written, not yet shown`);
    await agent.call('ack_all');
  });
});

describe('what a model reads names tools, not commands', () => {
  test('a send to the human inbox', async () => {
    const sent = await agent.call('send', { to: 'human', body: 'for the person' });
    // Where it went, and who reads it there; no command the model cannot run.
    expect(sent.delivery).toEqual([
      { to: 'human', via: 'inbox', note: 'in the human inbox, where the person reads it (intercom CLI or dashboard)' },
    ]);
    await runIntercom(['ack', '--all'], { env });
  });
});

describe('help for the entry commands', () => {
  test('intercom hook -h prints the usage and exits 0, reading nothing', async () => {
    for (const flag of ['-h', '--help']) {
      const run = await runIntercom(['hook', flag], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toStartWith('usage: intercom hook <event>');
      expect(run.stdout).toContain('pre-tool-use');
      expect(run.stdout).not.toContain('systemMessage');
    }
  });

  test("a failing hook's message reads as one sentence after the reason's own question mark", async () => {
    const run = await runIntercom(['hook', 'user-prompt-submit'], { env, stdin: 'not json' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('is this hook wired to a Claude Code event? Messages are safe on disk; run `intercom doctor`.');
    expect(run.stderr).not.toContain('?.');
  });
});
