// Issue 11.5: a claim guards the files it names however an edit spells them, symbolic links
// included. Real MCP servers and real PreToolUse hook processes under a parent that plays
// Claude Code; each spelling must get a decision naming the claim.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { startFakeClaude } from '../helpers/fake-claude.ts';
import type { FakeClaude } from '../helpers/fake-claude.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-claim-links-');
const env = isolatedEnv(sandbox);
let project: string;
let alias: string; // the checkout reached through a symlinked folder
let owner: TestAgent; // claims src/auth/**
let editor: FakeClaude;

type Decision = { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string };
async function preToolUse(tool: string, file: string, cwd?: string): Promise<Decision | undefined> {
  const field = tool === 'NotebookEdit' ? 'notebook_path' : 'file_path';
  const input = {
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: { [field]: file, old_string: 'a', new_string: 'b' },
    ...(cwd ? { cwd } : {}),
  };
  const run = await (await editor.hook('pre-tool-use', input)).done;
  expect(run.exit).toBe(0);
  return run.stdout ? (JSON.parse(run.stdout).hookSpecificOutput as Decision) : undefined;
}

beforeAll(async () => {
  project = makeProject(sandbox, 'webapp');
  mkdirSync(join(project, 'src', 'auth', 'deep'), { recursive: true });
  mkdirSync(join(project, 'lib'), { recursive: true });
  mkdirSync(join(project, 'docs'), { recursive: true });
  mkdirSync(join(project, 'config'), { recursive: true });
  writeFileSync(join(project, 'src', 'auth', 'login.ts'), 'export {};\n');
  writeFileSync(join(project, 'src', 'billing.ts'), 'export {};\n');
  writeFileSync(join(project, 'config', 'app.json'), '{}\n');
  alias = join(sandbox, 'alias');
  symlinkSync(project, alias); // the whole checkout, reached through a link
  symlinkSync('../src/auth', join(project, 'lib', 'auth-link')); // a link to the claimed folder from elsewhere in the tree
  symlinkSync('../src/auth/login.ts', join(project, 'docs', 'login-link.ts')); // a link to a claimed file
  symlinkSync('../src/auth/future.ts', join(project, 'lib', 'dangling.ts')); // a link to a claimed file not created yet
  symlinkSync(join(project, 'src', 'auth', 'deep'), join(project, 'lib', 'up')); // "lib/up/.." is src/auth for the kernel
  symlinkSync('../config', join(project, 'lib', 'cfg-link'));
  owner = await startAgent({ cwd: project, env });
  editor = await startFakeClaude({ sandbox, cwd: project, sessionId: randomUUID(), env });
  await editor.call('whoami');
  await owner.call('set_status', { status: 'auth rewrite', name: 'auth-bot' });
  await owner.call('claim', { paths: ['src/auth/**', 'lib/cfg-link/**'], ttl_minutes: 30, reason: 'rewriting the session handling' });
});
afterAll(async () => {
  await editor?.exit();
  await owner?.close();
});

describe('a claim guards its files through symbolic links', () => {
  const spellings: [string, string, () => string, (() => string)?][] = [
    ['the checkout through a symlinked folder', 'Edit', () => join(alias, 'src/auth/login.ts')],
    ['a new file under the symlinked checkout', 'Write', () => join(alias, 'src/auth/new-file.ts')],
    ['a new file in new folders under the symlinked checkout', 'Write', () => join(alias, 'src/auth/newdir/deeper/x.ts')],
    ['a link to the claimed folder from inside the tree', 'Edit', () => join(project, 'lib/auth-link/login.ts')],
    ['a file not created yet under a linked folder', 'Write', () => join(project, 'lib/auth-link/not-yet.ts')],
    ['a link to a claimed file', 'Edit', () => join(project, 'docs/login-link.ts')],
    ['a dangling link to a claimed file not created yet', 'Write', () => join(project, 'lib/dangling.ts')],
    ['".." through a link (the kernel walks it from the link target)', 'Edit', () => `${project}/lib/up/../login.ts`],
    ['doubled slashes, "." and ".." through the linked checkout', 'Edit', () => `${alias}//src/./auth/deep/../login.ts`],
    ['a trailing slash', 'Edit', () => `${alias}/src/auth/login.ts/`],
    ['NotebookEdit through a linked folder', 'NotebookEdit', () => join(project, 'lib/auth-link/nb.ipynb')],
    ['a relative path from a cwd spelled through the link', 'MultiEdit', () => 'src/auth/login.ts', () => alias],
    ['a relative path through a link inside the tree', 'Edit', () => 'lib/auth-link/deep/y.ts'],
    ['the real folder of a claim made on a link ("lib/cfg-link/**")', 'Edit', () => join(project, 'config/app.json')],
    ['a claim made on a link, through the linked checkout', 'Write', () => join(alias, 'config/new.json')],
  ];
  for (const [what, tool, file, cwd] of spellings) {
    test(`${what}: ${tool} gets "ask", naming the claim`, async () => {
      const decision = await preToolUse(tool, file(), cwd?.());
      expect(decision?.permissionDecision).toBe('ask');
      expect(decision?.permissionDecisionReason).toContain(`claimed by agent ${owner.code} (auth-bot) on webapp`);
      expect(decision?.permissionDecisionReason).toContain('for "rewriting the session handling"');
    });
  }

  test('files outside the claim stay unguarded, through the links too', async () => {
    expect(await preToolUse('Edit', join(alias, 'src/billing.ts'))).toBeUndefined();
    expect(await preToolUse('Edit', join(project, 'lib/other.ts'))).toBeUndefined();
    expect(await preToolUse('Write', `${project}/lib/up/../../billing.ts`)).toBeUndefined(); // src/billing.ts for the kernel
    expect(await preToolUse('Edit', join(alias, 'docs/readme.md'))).toBeUndefined();
  });

  test('a claim spelled through the symlinked checkout is taken relative to the project, and clashes are found across spellings', async () => {
    const claimed = await owner.call('claim', { paths: [`${alias}/src/payments/`], ttl_minutes: 30 });
    expect((claimed.claimed as { pattern: string }[]).map((c) => c.pattern)).toEqual(['src/payments/**']);
    expect((await preToolUse('Write', join(project, 'src/payments/pay.ts')))?.permissionDecision).toBe('ask');
    // Another agent working in the checkout through the link is on the same project.
    const other = await startAgent({ cwd: alias, env });
    try {
      const clash = await other.raw('claim', { paths: ['src/auth/session.ts'] });
      expect(clash.isError).toBe(true);
      expect(clash.text).toContain(`overlaps "src/auth/**", claimed by ${owner.code}`);
    } finally {
      await other.close();
    }
  });
});
