// The human CLI as a real process against a store shared with a real MCP server.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-cli-');
const env = isolatedEnv(sandbox);
let agent: TestAgent;
let project: string;

beforeAll(async () => {
  project = makeProject(sandbox, 'webapp');
  agent = await startAgent({ cwd: project, env });
  await agent.call('set_status', { status: 'migrating billing', name: 'billing' });
});
afterAll(() => agent?.close());

describe('intercom CLI', () => {
  test('who lists live agents, as text and as JSON', async () => {
    const text = await runIntercom(['who'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${agent.code} billing  webapp`);
    expect(text.stdout).toContain('"migrating billing"');
    const json = JSON.parse((await runIntercom(['who', '--json'], { env })).stdout);
    expect(json.agents.map((a: { code: string }) => a.code)).toEqual([agent.code]);
    const here = await runIntercom(['who', '--here'], { env, cwd: sandbox });
    expect(here.stdout).toContain('No live agent on this project.');
  });

  test('send from the CLI reaches the agent as "human"; the agent replies to the human inbox', async () => {
    const sent = await runIntercom(['send', 'billing', 'is', 'the', 'migration', 'done?', '--json'], { env });
    expect(sent.code).toBe(0);
    const { id } = JSON.parse(sent.stdout);
    const peeked = (await agent.call('peek')).messages as { id: string; from: string; body: string }[];
    expect(peeked).toEqual([expect.objectContaining({ id, from: 'human', body: 'is the migration done?' })]);
    await agent.call('reply', { id, body: 'yes, all 12 tables' });
    const inbox = await runIntercom(['inbox'], { env });
    expect(inbox.stdout).toContain(`${agent.code}(billing) → human re ${id} [new]`);
    expect(inbox.stdout).toContain('    yes, all 12 tables');
    const again = JSON.parse((await runIntercom(['inbox', '--json'], { env })).stdout);
    expect(again.messages[0].state).toBe('seen');
    const acked = await runIntercom(['ack', '--all'], { env });
    expect(acked.stdout).toContain('acked');
    expect((await runIntercom(['inbox'], { env })).stdout).toContain('No messages for human.');
  });

  test('send reads the body from stdin', async () => {
    const sent = await runIntercom(['send', agent.code, '-'], { env, stdin: 'line one\nline two\n' });
    expect(sent.code).toBe(0);
    const [m] = (await agent.call('peek')).messages as { body: string }[];
    expect(m!.body).toBe('line one\nline two');
    await agent.call('ack_all');
  });

  test('errors go to stderr with exit 1; bad usage exits 2', async () => {
    const unknown = await runIntercom(['send', 'nobody', 'hi'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no live agent or Claude session matches 'nobody'");
    expect(unknown.stderr).toContain(agent.code);
    const usage = await runIntercom(['frobnicate'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown command');
    const flags = await runIntercom(['who', '--bogus'], { env });
    expect(flags.code).toBe(2);
    // A missing argument is bad usage too, and shows the usage.
    for (const args of [
      ['send'],
      ['ask', agent.code],
      ['reply'],
      ['thread'],
      ['search'],
      ['claim'],
      ['ack'],
      ['sessions', '--live', '--all'],
      ['sessions', '--limit', 'ten'],
      ['ask', agent.code, 'q?', '--timeout', 'soon'],
    ]) {
      const missing = await runIntercom(args, { env, stdin: '' });
      expect({ args, code: missing.code }).toEqual({ args, code: 2 });
      expect(missing.stderr).toContain(`usage: intercom ${args[0]}`);
    }
  });

  test('a reader that stops early (| head) ends the output quietly, exit 0, no EPIPE trace', async () => {
    // More than a pipe holds (64 KiB), so the writes after head has gone must fail.
    for (let i = 0; i < 3; i++) await agent.call('send', { to: 'human', body: `${i} ${'x'.repeat(60_000)}` });
    const piped = Bun.spawnSync(['bash', '-c', `"$0" "$1" inbox | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`, BUN, ENTRY], {
      env,
      stderr: 'pipe',
    });
    const stderr = piped.stderr.toString();
    expect(stderr).not.toContain('EPIPE');
    expect(stderr.trim()).toBe('exit=0');
    await runIntercom(['ack', '--all'], { env });
    // The command still finishes and keeps its exit code: doctor fails here (nothing installed).
    const doctor = Bun.spawnSync(['bash', '-c', `"$0" "$1" doctor | head -c 5 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`, BUN, ENTRY], {
      env,
      stderr: 'pipe',
    });
    expect(doctor.stderr.toString().trim()).toBe('exit=1');
    // tail follows forever, unless its reader goes away.
    const tail = Bun.spawn(['bash', '-c', `"$0" "$1" tail | head -c 5 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`, BUN, ENTRY], {
      env,
      stderr: 'pipe',
    });
    const tailErr = (async () => new Response(tail.stderr).text())();
    for (let i = 0; i < 20 && tail.exitCode === null; i++) {
      await agent.call('send', { to: 'human', body: `for tail ${i}` });
      await Bun.sleep(100);
    }
    expect(await tail.exited).toBe(0);
    expect(await tailErr).toContain('exit=0');
    await runIntercom(['ack', '--all'], { env });
  });

  test('errors name the CLI command to run next, not the MCP tool', async () => {
    const unknown = await runIntercom(['send', 'nobody', 'hi'], { env });
    expect(unknown.stderr).toContain('Run `intercom who` to list agents, `intercom sessions` for sessions');
    const badId = await runIntercom(['reply', '../etc', 'hi'], { env });
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('run `intercom inbox` to list your message ids');
    expect(badId.stderr).not.toMatch(/call peek|list_sessions/);
    const many = await runIntercom(['ask', 'all', 'anyone?'], { env });
    expect(many.stderr).toContain('to reach several, use `intercom send`');
  });

  test('tail prints every message as it lands', async () => {
    const tail = Bun.spawn([BUN, ENTRY, 'tail', '--json'], { env, stdout: 'pipe', stderr: 'pipe' });
    const reader = tail.stdout.getReader();
    const errReader = tail.stderr.getReader();
    await errReader.read(); // "following messages in ..." once the watch is armed
    await agent.call('send', { to: 'human', body: 'tail me' });
    const { value } = await reader.read();
    const line = JSON.parse(new TextDecoder().decode(value).split('\n')[0]!);
    expect(line).toMatchObject({ body: 'tail me', from: { code: agent.code }, to: ['human'] });
    tail.kill('SIGINT');
    expect(await tail.exited).toBe(0);
    await runIntercom(['ack', '--all'], { env });
  });
});
