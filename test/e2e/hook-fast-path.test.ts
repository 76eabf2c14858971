// DESIGN.md §2: hooks stay fast; PreToolUse with an empty inbox must not load zod or the MCP SDK.
import { beforeAll, expect, test } from 'bun:test';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { procInfo } from '../../src/core/proc.ts';
import { BUN, ENTRY, FIXTURES } from '../helpers/paths.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-fast-');
const env = isolatedEnv(sandbox);
const sessionId = randomUUID();
let store: Store;
let code: string;

beforeAll(async () => {
  store = await openStore({ root: env.CLAUDE_INTERCOM_DIR! });
  code = (await store.agents.register({ project: 'p', projectRoot: sandbox, cwd: sandbox, pid: process.pid, pidStart: procInfo(process.pid)!.start, sessionId })).code;
});

async function tracedPreToolUse(): Promise<{ modules: string[]; stdout: string }> {
  const trace = join(sandbox, `trace-${randomUUID()}.txt`);
  const proc = Bun.spawn([BUN, '--preload', join(FIXTURES, 'trace-imports.ts'), ENTRY, 'hook', 'pre-tool-use'], {
    env: { ...env, TRACE_IMPORTS_FILE: trace },
    stdin: new TextEncoder().encode(JSON.stringify({ session_id: sessionId, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} })),
    stdout: 'pipe',
  });
  const stdout = await new Response(proc.stdout).text();
  expect(await proc.exited).toBe(0);
  const modules = readFileSync(trace, 'utf8').trim().split('\n');
  rmSync(trace);
  return { modules, stdout };
}

const heavy = (modules: string[]) => modules.filter((m) => /node_modules\/(zod|@modelcontextprotocol)\//.test(m));

test('empty inbox: PreToolUse loads neither zod nor the MCP SDK, and says nothing', async () => {
  const { modules, stdout } = await tracedPreToolUse();
  expect(modules).toContain(ENTRY); // the tracer did see the run
  expect(heavy(modules)).toEqual([]);
  expect(stdout).toBe('');
});

test('with mail: the same hook parses it (zod is loaded then) and hands it over', async () => {
  await store.send({ sender: { kind: 'human' }, to: code, body: 'parse me' });
  const { modules, stdout } = await tracedPreToolUse();
  expect(stdout).toContain('parse me');
  expect(heavy(modules).some((m) => m.includes('/zod/'))).toBe(true);
  expect(heavy(modules).some((m) => m.includes('@modelcontextprotocol'))).toBe(false);
  expect(stdout).toContain('parse me');
});
