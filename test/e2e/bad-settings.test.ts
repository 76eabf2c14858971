// A mistyped setting must not take intercom down everywhere (found by a tester: an invalid
// CLAUDE_INTERCOM_WATCH stopped the MCP server, every hook's mail, doctor, even --help). A tuning
// value falls back to its default, and each surface says so: the CLI on stderr, the MCP server in
// its tools' results. A bad store location still stops the commands that would use a store (two
// stores would split the user's messages), but help and the version still answer.
import { afterAll, describe, expect, test } from 'bun:test';
import { startAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-bad-settings-');
const BAD = { CLAUDE_INTERCOM_WATCH: 'garbage', CLAUDE_INTERCOM_CLAIM_MODE: 'block', CLAUDE_INTERCOM_MAX_BODY: 'big' };
const env = isolatedEnv(sandbox, BAD);
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('a bad tuning value', () => {
  test('the CLI works on the defaults and warns, naming each variable', async () => {
    const who = await runIntercom(['who', '--json'], { env });
    expect(who.code).toBe(0);
    for (const name of Object.keys(BAD)) expect(who.stderr).toContain(`intercom: warning: ${name}=`);
    const doctor = await runIntercom(['doctor'], { env });
    expect(doctor.stderr).toContain('CLAUDE_INTERCOM_WATCH=garbage is not one of auto, events, poll, so the default auto is used');
    expect(doctor.stdout).toMatch(/ok\s+watch\s+fs events/);
    expect(doctor.stdout).toMatch(/ok\s+self-test/);
  }, 60_000);

  test('the MCP server starts, works, and tells the model which settings it ignored', async () => {
    // expectBroken: no whoami of the helper's own first, so the first tool result is this test's.
    const agent = await startAgent({ cwd: makeProject(sandbox, 'shop'), env, expectBroken: true });
    closers.push(() => agent.close());
    const first = await agent.raw('whoami');
    expect(first.isError).toBeFalsy();
    expect(first.text).toContain('CLAUDE_INTERCOM_CLAIM_MODE=block is not one of warn, ask, deny');
    expect((await agent.raw('who')).text).not.toContain('CLAUDE_INTERCOM_CLAIM_MODE'); // said once
  }, 60_000);
});

describe('a bad store location', () => {
  test('commands stop with the fix, but --help and --version answer', async () => {
    const relative = { ...env, CLAUDE_INTERCOM_DIR: 'store' };
    const who = await runIntercom(['who'], { env: relative });
    expect(who.code).toBe(1);
    expect(who.stderr).toContain('CLAUDE_INTERCOM_DIR=store must be an absolute path');
    const version = await runIntercom(['--version'], { env: relative });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runIntercom(['--help'], { env: relative });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: intercom');
  });
});
