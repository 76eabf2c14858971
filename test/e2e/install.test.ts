// `intercom install | uninstall | doctor` as real processes against a temp CLAUDE_CONFIG_DIR,
// and the plugin files kept in step with the code.
import { describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginHooksJson, pluginMcpServers } from '../../scripts/gen-plugin.ts';
import { runIntercom } from '../helpers/cli.ts';
import { BUN, ENTRY, REPO } from '../helpers/paths.ts';
import { CLAUDE_BIN } from '../helpers/real-claude.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

function setup() {
  const sandbox = tmpDir('intercom-install-');
  const env = isolatedEnv(sandbox);
  const configDir = env.CLAUDE_CONFIG_DIR!;
  mkdirSync(configDir, { recursive: true });
  const files = {
    userConfig: join(configDir, '.claude.json'),
    settings: join(configDir, 'settings.json'),
    skill: join(configDir, 'skills', 'intercom', 'SKILL.md'),
  };
  const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
  return { sandbox, env, configDir, files, json };
}

describe('intercom install', () => {
  test('registers the MCP server, the six hooks and the skill; keeps what was there; is idempotent', async () => {
    const { env, configDir, files, json } = setup();
    writeFileSync(
      files.settings,
      JSON.stringify({ theme: 'dark', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo mine' }] }] } }),
    );
    writeFileSync(files.userConfig, JSON.stringify({ mcpServers: { other: { command: 'x' } }, numStartups: 3 }));
    const first = await runIntercom(['install'], { env });
    expect(first.code).toBe(0);
    const server = json(files.userConfig).mcpServers.intercom;
    // A tool-call timeout above ask's longest wait (600 s); Bun's once-a-second GC timer off (the
    // server idles as long as its session lives).
    expect(server).toEqual({
      type: 'stdio',
      command: process.execPath,
      args: [ENTRY, 'mcp'],
      env: { BUN_GC_TIMER_DISABLE: '1', MIMALLOC_PURGE_DELAY: '0', BUN_JSC_useJIT: '0' },
      timeout: 660_000,
    });
    expect(json(files.userConfig).mcpServers.other).toEqual({ command: 'x' });
    expect(json(files.userConfig).numStartups).toBe(3);
    const settings = json(files.settings);
    expect(settings.theme).toBe('dark');
    for (const [event, arg] of Object.entries({
      SessionStart: 'session-start',
      Stop: 'stop',
      PreToolUse: 'pre-tool-use',
      UserPromptSubmit: 'user-prompt-submit',
      StopFailure: 'stop-failure',
      SessionEnd: 'session-end',
    })) {
      const commands = settings.hooks[event].flatMap((g: { hooks: { command: string }[] }) => g.hooks.map((h) => h.command));
      // The watchers run with Bun's once-a-second GC timer off (an idle session must cost nothing),
      // and JSC's JIT tiers off but the JIT allowed (bun:ffi needs it once: hooks-spec.ts
      // WATCHER_ENV_VARS); every other hook without JSC's JIT (faster starts, less memory).
      const env = ['session-start', 'stop', 'stop-failure'].includes(arg)
        ? 'BUN_GC_TIMER_DISABLE=1 MIMALLOC_PURGE_DELAY=0 BUN_JSC_useBaselineJIT=0 BUN_JSC_useDFGJIT=0 BUN_JSC_useFTLJIT=0 '
        : 'BUN_JSC_useJIT=0 ';
      expect(commands).toContain(`${env}"${process.execPath}" "${ENTRY}" hook ${arg}`);
    }
    expect(settings.hooks.Stop[0].hooks[0].command).toBe('echo mine');
    const watcherHook = settings.hooks.Stop[1].hooks[0];
    expect(watcherHook).toMatchObject({ asyncRewake: true, timeout: 604800 });
    expect(readFileSync(files.skill, 'utf8')).toBe(readFileSync(join(REPO, 'skill', 'SKILL.md'), 'utf8'));
    // Backups of the files it changed (Claude Code's `claude mcp`, when on PATH, keeps its own there too).
    const ours = () => readdirSync(join(configDir, 'backups')).filter((name) => name.startsWith('intercom-'));
    const backups = ours();
    expect(backups).toHaveLength(1);
    expect(readdirSync(join(configDir, 'backups', backups[0]!)).sort()).toEqual(['.claude.json', 'settings.json']);
    // Again: nothing to do, nothing written.
    const before = readFileSync(files.settings, 'utf8');
    const second = await runIntercom(['install'], { env });
    expect(second.stdout).toContain('already installed');
    expect(readFileSync(files.settings, 'utf8')).toBe(before);
    expect(ours()).toHaveLength(1);
  });

  test('--dry-run shows a diff and changes nothing', async () => {
    const { env, files } = setup();
    const run = await runIntercom(['install', '--dry-run'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`+++ ${files.settings}`);
    expect(run.stdout).toContain('+        "hooks": [');
    expect(run.stdout).toContain('would change');
    expect(existsSync(files.settings)).toBe(false);
    expect(existsSync(files.userConfig)).toBe(false);
  });

  test('refuses to overwrite broken JSON or a foreign server of the same name, and changes nothing', async () => {
    const { env, files } = setup();
    writeFileSync(files.settings, '{ "hooks": ');
    const broken = await runIntercom(['install'], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
    expect(broken.stderr).toContain('Nothing was changed');
    expect(readFileSync(files.settings, 'utf8')).toBe('{ "hooks": ');
    writeFileSync(files.settings, '{}');
    writeFileSync(files.userConfig, JSON.stringify({ mcpServers: { intercom: { command: 'node', args: ['/elsewhere/server.js'] } } }));
    const foreign = await runIntercom(['install'], { env });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('not intercom');
    expect(existsSync(files.skill)).toBe(false);
  });

  test('refuses a Claude Code too old for its hooks (it would ignore the whole settings file), changing nothing', async () => {
    const { sandbox, env, files } = setup();
    const bin = join(sandbox, 'old-claude');
    mkdirSync(bin);
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\necho "2.1.50 (Claude Code)"\n', { mode: 0o755 });
    const oldEnv = { ...env, PATH: `${bin}:/usr/bin:/bin` };
    const run = await runIntercom(['install'], { env: oldEnv });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Claude Code 2.1.50 is too old for intercom (it needs 2.1.78 or later');
    expect(run.stderr).toContain('Run `claude update`');
    expect(existsSync(files.settings)).toBe(false);
    expect(existsSync(files.userConfig)).toBe(false);
    expect((await runIntercom(['doctor'], { env: oldEnv })).stdout).toMatch(/FAIL\s+claude\s+Claude Code 2\.1\.50 is older than 2\.1\.78/);
    // A recent one passes (the real client does the rest: install registers the server through it).
    const recent = `#!/bin/sh\n[ "$1" = --version ] && exec echo "2.1.330 (Claude Code)"\nexec "${CLAUDE_BIN}" "$@"\n`;
    writeFileSync(join(bin, 'claude'), recent, { mode: 0o755 });
    expect((await runIntercom(['install'], { env: oldEnv })).code).toBe(0);
  });

  test('uninstall removes exactly what install added', async () => {
    const { env: withClaude, files, json } = setup();
    // No claude on PATH: intercom writes ~/.claude.json itself (the claude route: install-keeps-files.test.ts).
    const env = { ...withClaude, PATH: '/usr/bin:/bin' };
    const original = { theme: 'dark', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo mine' }] }] } };
    writeFileSync(files.settings, JSON.stringify(original));
    writeFileSync(files.userConfig, JSON.stringify({ mcpServers: { other: { command: 'x' } } }));
    await runIntercom(['install'], { env });
    const dry = await runIntercom(['uninstall', '--dry-run'], { env });
    expect(dry.stdout).toContain(`+++ ${files.settings} (after uninstall)`);
    expect(dry.stdout).not.toContain('after install');
    const run = await runIntercom(['uninstall'], { env });
    expect(run.code).toBe(0);
    expect(json(files.settings)).toEqual(original);
    expect(json(files.userConfig)).toEqual({ mcpServers: { other: { command: 'x' } } });
    expect(existsSync(files.skill)).toBe(false);
    expect((await runIntercom(['uninstall'], { env })).stdout).toContain('not installed');
  });
});

describe('intercom doctor', () => {
  test('before install: names each missing piece with its fix, still runs the live round trip', async () => {
    const { env } = setup();
    const run = await runIntercom(['doctor'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+MCP server .*run `intercom install`/);
    expect(run.stdout).toMatch(/FAIL\s+hooks .*run `intercom install`/);
    expect(run.stdout).toMatch(/ok\s+self-test\s+message written → watcher woke \(exit 2\) in [\d.]+ ms/);
  });

  test('after install: all good, and the self-test leaves nothing behind in the store', async () => {
    const { env } = setup();
    await runIntercom(['install'], { env });
    const run = await runIntercom(['doctor', '--json'], { env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    const inotify = process.platform === 'linux' ? ['inotify'] : []; // the per-user cap on fs watches
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual([
      'bun',
      'tmux',
      'lsof',
      ...inotify,
      'claude',
      'MCP server',
      'hooks',
      'skill',
      'store',
      'watch',
      'self-test',
      'relay', // none runs, none is configured: one machine, which is fine
    ]);
    const store = env.CLAUDE_INTERCOM_DIR!;
    for (const dir of ['agents', 'mail', 'sessions', 'watchers', 'activity', 'log']) {
      expect(existsSync(join(store, dir)) ? readdirSync(join(store, dir)) : []).toEqual([]);
    }
  });

  test('the plugin route: an enabled intercom plugin counts as registered, and needs bun on PATH', async () => {
    const { sandbox, env, files } = setup();
    writeFileSync(files.settings, JSON.stringify({ enabledPlugins: { 'intercom@local': true } }));
    const bunDir = join(sandbox, 'with-bun');
    mkdirSync(bunDir);
    symlinkSync(BUN, join(bunDir, 'bun'));
    const withBun = await runIntercom(['doctor'], { env: { ...env, PATH: `${bunDir}:/usr/bin:/bin` } });
    expect(withBun.stdout).toMatch(/ok\s+plugin\s+intercom@local is enabled .*it brings the MCP server, hooks and skill/);
    expect(withBun.stdout).not.toContain('FAIL');
    expect(withBun.code).toBe(0);
    const noBun = await runIntercom(['doctor'], { env: { ...env, PATH: '/usr/bin:/bin' } });
    expect(noBun.code).toBe(1);
    expect(noBun.stdout).toMatch(/FAIL\s+plugin\s+intercom@local is enabled, but it runs `bun` from PATH and there is none/);
    // Both routes at once would run intercom twice in every session: a warning names the fix.
    await runIntercom(['install'], { env });
    const both = await runIntercom(['doctor'], { env: { ...env, PATH: `${bunDir}:/usr/bin:/bin` } });
    expect(both.stdout).toMatch(/warn\s+plugin\s+intercom@local is enabled as well as `intercom install`/);
  });

  test('hooks written by an older intercom (another timeout, no asyncRewake) fail, and install again fixes them', async () => {
    const { env, files, json } = setup();
    await runIntercom(['install'], { env });
    const settings = json(files.settings);
    settings.hooks.StopFailure[0].hooks[0] = { type: 'command', command: settings.hooks.StopFailure[0].hooks[0].command, timeout: 10 };
    writeFileSync(files.settings, JSON.stringify(settings));
    const stale = await runIntercom(['doctor'], { env });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/FAIL\s+hooks\s+StopFailure hooked by an older intercom .*run `intercom install` again/);
    expect((await runIntercom(['install'], { env })).code).toBe(0);
    expect(json(files.settings).hooks.StopFailure[0].hooks[0]).toMatchObject({ asyncRewake: true, timeout: 604800 });
    expect((await runIntercom(['doctor'], { env })).stdout).toMatch(/ok\s+hooks/);
  });

  test("a watcher hooked with another environment (an older intercom's: no JIT at all) is a warning that shows it, and install again brings this one", async () => {
    const { env, files, json } = setup();
    await runIntercom(['install'], { env });
    const settings = json(files.settings);
    const hook = settings.hooks.Stop[0].hooks[0];
    const installed: string = hook.command;
    // What the previous version registered: the watchers without JSC's JIT at all.
    hook.command = installed.replace(/BUN_JSC_useBaselineJIT=0 BUN_JSC_useDFGJIT=0 BUN_JSC_useFTLJIT=0/, 'BUN_JSC_useJIT=0');
    expect(hook.command).not.toBe(installed);
    writeFileSync(files.settings, JSON.stringify(settings));
    const unlike = await runIntercom(['doctor'], { env });
    expect(unlike.stdout).toMatch(
      /warn\s+hooks\s+Stop hooked in .* with another environment than this intercom registers \(Stop: BUN_GC_TIMER_DISABLE=1 BUN_JSC_useJIT=0 MIMALLOC_PURGE_DELAY=0; expected .*BUN_JSC_useFTLJIT=0.*\): they run, but run `intercom install` again/,
    );
    expect(unlike.stdout).not.toMatch(/FAIL\s+hooks/);
    expect((await runIntercom(['install'], { env })).code).toBe(0);
    expect(json(files.settings).hooks.Stop[0].hooks[0].command).toBe(installed);
    expect((await runIntercom(['doctor'], { env })).stdout).toMatch(/ok\s+hooks/);
  });

  test('a server registered by an older intercom (no env) is a warning, and install again brings its env', async () => {
    const { env, files, json } = setup();
    await runIntercom(['install'], { env });
    const config = json(files.userConfig);
    delete config.mcpServers.intercom.env;
    writeFileSync(files.userConfig, JSON.stringify(config));
    const stale = await runIntercom(['doctor'], { env });
    expect(stale.stdout).toMatch(
      /warn\s+MCP server\s+registered by an older intercom, without BUN_GC_TIMER_DISABLE=1 MIMALLOC_PURGE_DELAY=0 .*Run `intercom install` again/,
    );
    expect((await runIntercom(['install'], { env })).code).toBe(0);
    expect(json(files.userConfig).mcpServers.intercom.env).toEqual({
      BUN_GC_TIMER_DISABLE: '1',
      MIMALLOC_PURGE_DELAY: '0',
      BUN_JSC_useJIT: '0',
    });
    expect((await runIntercom(['doctor'], { env })).stdout).toMatch(/ok\s+MCP server/);
  });

  test('a store open to other users fails the store check with the fix', async () => {
    const { env } = setup();
    mkdirSync(env.CLAUDE_INTERCOM_DIR!, { mode: 0o777 });
    Bun.spawnSync(['chmod', '777', env.CLAUDE_INTERCOM_DIR!]);
    const run = await runIntercom(['doctor'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+store .*chmod 700/);
  });
});

describe('the plugin files', () => {
  test('hooks.json is generated from the hook spec (run `bun scripts/gen-plugin.ts` after changing it)', () => {
    expect(readFileSync(join(REPO, 'hooks.json'), 'utf8')).toBe(pluginHooksJson());
  });

  test('plugin.json points at hooks.json, .mcp.json and skill/, with the package version; both .mcp.json run the server with the GC timer off', () => {
    const plugin = JSON.parse(readFileSync(join(REPO, '.claude-plugin', 'plugin.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(plugin).toMatchObject({
      name: 'intercom',
      version: pkg.version,
      hooks: './hooks.json',
      mcpServers: './.mcp.json',
      skills: './skill',
    });
    const mcp = JSON.parse(readFileSync(join(REPO, '.mcp.json'), 'utf8'));
    expect(mcp.mcpServers.intercom).toEqual({
      command: 'bun',
      args: ['${CLAUDE_PLUGIN_ROOT}/src/bin/intercom.ts', 'mcp'],
      env: { BUN_GC_TIMER_DISABLE: '1', MIMALLOC_PURGE_DELAY: '0', BUN_JSC_useJIT: '0' },
      timeout: 660_000,
    });
    // plugin/.mcp.json is generated: the same server on the bundle, the same env.
    expect(mcp).toEqual(pluginMcpServers('${CLAUDE_PLUGIN_ROOT}/src/bin/intercom.ts'));
    const bundled = JSON.parse(readFileSync(join(REPO, 'plugin', '.mcp.json'), 'utf8'));
    expect(bundled).toEqual(pluginMcpServers('${CLAUDE_PLUGIN_ROOT}/dist/intercom'));
    expect(existsSync(join(REPO, 'skill', 'SKILL.md'))).toBe(true);
  });
});
