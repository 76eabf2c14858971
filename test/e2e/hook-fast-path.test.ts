// DESIGN.md §2: hooks stay fast; PreToolUse with an empty inbox must not load zod or the MCP SDK.
// DESIGN.md §6: the PreToolUse fast path watches nothing and loads none of chokidar, with mail or without.
import { beforeAll, expect, test } from 'bun:test';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { BUN, ENTRY, FIXTURES } from '../helpers/paths.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';
import { registerLive } from '../helpers/store.ts';

const sandbox = tmpDir('intercom-fast-');
const env = isolatedEnv(sandbox);
const sessionId = randomUUID();
let store: Intercom;
let code: string;

beforeAll(async () => {
  store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
  code = (await registerLive(store, { project: 'p', projectRoot: sandbox, sessionId })).code;
});

async function tracedPreToolUse(): Promise<{ modules: string[]; stdout: string }> {
  const trace = join(sandbox, `trace-${randomUUID()}.txt`);
  const proc = Bun.spawn([BUN, '--preload', join(FIXTURES, 'trace-imports.ts'), ENTRY, 'hook', 'pre-tool-use'], {
    env: { ...env, TRACE_IMPORTS_FILE: trace },
    stdin: new TextEncoder().encode(
      JSON.stringify({ session_id: sessionId, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: {} }),
    ),
    stdout: 'pipe',
  });
  const stdout = await new Response(proc.stdout).text();
  expect(await proc.exited).toBe(0);
  const modules = readFileSync(trace, 'utf8').trim().split('\n');
  rmSync(trace);
  return { modules, stdout };
}

const heavy = (modules: string[]) => modules.filter((m) => /node_modules\/(zod|@modelcontextprotocol|chokidar|readdirp)\//.test(m));
const watching = (modules: string[]) => modules.filter((m) => /node_modules\/(chokidar|readdirp)\//.test(m));

test('empty inbox: PreToolUse loads neither zod, the MCP SDK nor chokidar, and says nothing', async () => {
  const { modules, stdout } = await tracedPreToolUse();
  expect(modules).toContain(ENTRY); // the tracer did see the run
  expect(heavy(modules)).toEqual([]);
  expect(modules.filter((m) => m.endsWith('/src/store/watch.ts'))).toEqual([]); // it watches nothing
  expect(stdout).toBe('');
});

test('with mail: the same hook checks it without zod (store/record-check.ts) and hands it over', async () => {
  await store.send({ sender: { kind: 'human' }, to: code, body: 'parse me' });
  const { modules, stdout } = await tracedPreToolUse();
  expect(stdout).toContain('parse me');
  expect(modules.some((m) => m.endsWith('/src/store/record-check.ts'))).toBe(true);
  expect(heavy(modules).some((m) => m.includes('/zod/'))).toBe(false);
  expect(heavy(modules).some((m) => m.includes('@modelcontextprotocol'))).toBe(false);
  expect(watching(modules)).toEqual([]); // the slow path opens a store, but watches nothing
  expect(stdout).toContain('parse me');
});

test('the tracer does see chokidar where it is loaded (so the checks above can fail)', async () => {
  const trace = join(sandbox, `trace-${randomUUID()}.txt`);
  const proc = Bun.spawn([BUN, '--preload', join(FIXTURES, 'trace-imports.ts'), '-e', "await import('chokidar')"], {
    env: { ...env, TRACE_IMPORTS_FILE: trace },
    cwd: FIXTURES,
  });
  expect(await proc.exited).toBe(0);
  const modules = readFileSync(trace, 'utf8').trim().split('\n');
  expect(watching(modules).some((m) => m.includes('/node_modules/chokidar/'))).toBe(true);
});
