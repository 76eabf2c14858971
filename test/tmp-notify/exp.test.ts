// THROWAWAY experiment: what shows while the permission dialog is up.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic } from '../helpers/mock-anthropic.ts';
import { CLAUDE_BIN, CLAUDE_FLAGS, claudeSandbox } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const HERE = import.meta.dir;
const sandbox = tmpDir('intercom-tmpnotify-');
const socket = `intercom-tmpnotify-${process.pid}`;
const REASON = 'rotating the session keys';
const VARIANTS = (process.env.EXP_VARIANTS ?? 'json,exit2,plain').split(',');
let mock: MockAnthropic;
let box: ClaudeSandbox;
let owner: TestAgent;
let file: string;
const expDir = join(sandbox, 'exp');

function tmux(...args: string[]) {
  return Bun.spawnSync(['tmux', '-u', '-L', socket, '-f', '/dev/null', ...args], { stdout: 'pipe', stderr: 'pipe' });
}
const editScript = (to: string) => `TOOL:Edit:${JSON.stringify({ file_path: file, old_string: 'const key = 1;', new_string: to })}`;

beforeAll(async () => {
  mock = startMockAnthropic();
  box = await claudeSandbox(sandbox, mock);
  mkdirSync(join(box.project, 'src', 'auth'), { recursive: true });
  mkdirSync(expDir, { recursive: true });
  file = join(box.project, 'src', 'auth', 'keys.ts');
  owner = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'keyholder' } });
  await owner.call('claim', { paths: ['src/auth/**'], reason: REASON });
  const sp = join(box.configDir, 'settings.json');
  const settings = existsSync(sp) ? JSON.parse(readFileSync(sp, 'utf8')) : {};
  settings.hooks ??= {};
  const h = (ev: string) => ({ type: 'command', command: `${join(HERE, 'hook.sh')} ${ev}`, timeout: 10 });
  settings.hooks.Notification = [...(settings.hooks.Notification ?? []), { matcher: 'permission_prompt', hooks: [h('Notification')] }];
  settings.hooks.PermissionRequest = [...(settings.hooks.PermissionRequest ?? []), { matcher: '*', hooks: [h('PermissionRequest')] }];
  settings.statusLine = { type: 'command', command: join(HERE, 'status.sh') };
  writeFileSync(sp, JSON.stringify(settings, null, 2));
  writeFileSync(join(HERE, 'settings-used.json'), JSON.stringify(settings, null, 2));
}, 120_000);

afterAll(async () => {
  await owner?.close();
  tmux('kill-server');
  mock?.close();
});

for (const variant of VARIANTS) {
  test(`variant ${variant}`, async () => {
    writeFileSync(file, 'const key = 1;\n');
    writeFileSync(join(expDir, 'variant'), variant);
    writeFileSync(join(expDir, 'hook-log.jsonl'), '');
    writeFileSync(join(expDir, 'status.txt'), 'none yet');
    const s = `v${variant}`;
    const pane = `${s}:0.0`;
    const cap = () => tmux('capture-pane', '-p', '-t', pane).stdout.toString();
    const flat = () => cap().replace(/[\s\u00a0]+/g, ' ');
    const env = Object.entries({ ...box.env, EXP_DIR: expDir }).map(([k, v]) => `${k}='${v}'`).join(' ');
    expect(tmux('new-session', '-d', '-s', s, '-x', '150', '-y', '50', '-c', box.project, `env ${env} '${CLAUDE_BIN}' ${CLAUDE_FLAGS.join(' ')}`).exitCode).toBe(0);
    await until(() => /❯\s*$/m.test(cap()), 'prompt', 60_000);
    tmux('send-keys', '-t', pane, '-l', editScript('const key = 2;'));
    await until(() => flat().includes('"const key = 2;"}'), 'typed');
    tmux('send-keys', '-t', pane, 'Enter');
    await until(() => flat().includes('Do you want to make this edit'), 'dialog', 60_000);
    const caps: string[] = [];
    for (const t of [300, 1500, 4000, 8000]) {
      await Bun.sleep(t - (caps.length ? [300, 1500, 4000, 8000][caps.length - 1]! : 0));
      caps.push(`=== ${variant} @${t}ms after dialog (dialog still up: ${flat().includes('Do you want to make this edit')}) ===\n${tmux('capture-pane', '-p', '-S', '-200', '-t', pane).stdout.toString()}`);
    }
    const log = readFileSync(join(expDir, 'hook-log.jsonl'), 'utf8');
    tmux('send-keys', '-t', pane, 'Escape'); // No
    await Bun.sleep(3000);
    caps.push(`=== ${variant} after Escape ===\n${tmux('capture-pane', '-p', '-S', '-200', '-t', pane).stdout.toString()}`);
    writeFileSync(join(HERE, `out-${variant}.txt`), `${caps.join('\n')}\n=== hook log ===\n${log}`);
    tmux('kill-session', '-t', s);
  }, 150_000);
}
