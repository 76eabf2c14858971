// The bundle's entry file (plugin/dist/intercom, what the plugin and the npm package run): the
// PreToolUse hook's common case is answered from that one file, and every other case goes on to
// app.js with the hook input the entry already read (stdin can be read only once).
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../../src/intercom/index.ts';
import { BUN, REPO } from '../helpers/paths.ts';
import { registerLive } from '../helpers/store.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const ENTRY = join(REPO, 'plugin', 'dist', 'intercom');

function runHook(env: Record<string, string>, input: Record<string, unknown>) {
  const r = Bun.spawnSync([BUN, ENTRY, 'hook', 'pre-tool-use'], {
    env,
    stdin: Buffer.from(JSON.stringify(input)),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { exit: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

describe('the bundle entry', () => {
  test('imports nothing up front: only app.js, on demand', () => {
    const text = readFileSync(ENTRY, 'utf8');
    expect(text.match(/^import\b.*$/gm) ?? []).toEqual([]);
    expect(text.match(/import\(["'][^"']+["']\)/g)).toEqual(['import("./app.js")']);
  });

  test('answers an empty inbox itself, and hands waiting mail over through app.js with the input it read', async () => {
    const sandbox = tmpDir('intercom-bundle-entry-');
    const env = isolatedEnv(sandbox);
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    const sessionId = randomUUID();
    const agent = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
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
