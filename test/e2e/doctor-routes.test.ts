// `intercom doctor` and the ways intercom is loaded that no settings file shows (a live session
// started with `claude --plugin-dir <repo>`, the session doctor runs in), and `doctor --fix`.
// The plugin case runs the real Claude Code client against the mock API.
import { afterAll, describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegistration } from '../../src/cli/doctor/registration.ts';
import type { LiveRoute } from '../../src/cli/doctor/routes.ts';
import { runIntercom } from '../helpers/cli.ts';
import { startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic } from '../helpers/mock-anthropic.ts';
import { BUN, ENTRY, REPO } from '../helpers/paths.ts';
import { claudePrint, claudeSandbox, claudeStream, hasClaude } from '../helpers/real-claude.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import { registerLive } from '../helpers/store.ts';

const sandbox = tmpDir('intercom-doctor-routes-');
let mock: MockAnthropic | undefined;
afterAll(() => mock?.close());

/** The agent records in a store, as written (route, plugin_root). */
function agentRecords(store: string): { code: string; route?: string; plugin_root?: string }[] {
  const dir = join(store, 'agents');
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')));
}

describe.skipIf(!hasClaude)('doctor and a live session started with claude --plugin-dir', () => {
  test('reports the MCP server, the hooks and the skill as working through the plugin, and not once the session is gone', async () => {
    mock = startMockAnthropic();
    // No `intercom install`: settings.json and .claude.json know nothing of intercom.
    const box = await claudeSandbox(join(sandbox, 'plugin'), mock, 'plugged', false);
    const session = claudeStream(box, ['--plugin-dir', REPO]);
    try {
      session.say('hello');
      await session.waitForEvent((e) => e.type === 'result', 1, 90_000);
      const agent = await until(
        () => agentRecords(box.store).find((a) => a.route === 'plugin'),
        'the plugin-started MCP server to register with route "plugin"',
        30_000,
      );
      expect(agent.plugin_root).toBe(REPO); // CLAUDE_PLUGIN_ROOT, as Claude Code set it

      const run = await runIntercom(['doctor'], { env: box.env, cwd: box.project });
      const escaped = REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(run.stdout).toMatch(new RegExp(`ok\\s+MCP server\\s+loaded as a plugin from ${escaped}: live agent\\(s\\) ${agent.code}\\b`));
      // The prompt ran the plugin's hooks (UserPromptSubmit, Stop): they left a mark for this agent.
      expect(run.stdout).toMatch(new RegExp(`ok\\s+hooks\\s+they ran for agent ${agent.code}, loaded as a plugin from ${escaped}`));
      expect(run.stdout).toMatch(/ok\s+skill\s+comes with the plugin/);
      expect(run.stdout).not.toContain('FAIL');
      expect(run.code).toBe(0);
    } finally {
      await session.end();
    }
    // The evidence was the live session: without it, nothing shows intercom is loaded.
    await until(() => agentRecords(box.store).length === 0, 'the session to unregister its agent');
    const after = await runIntercom(['doctor'], { env: box.env, cwd: box.project });
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/FAIL\s+MCP server\s+no "intercom" server in .*run `intercom install`/);
    expect(after.stdout).toMatch(/FAIL\s+hooks\s+.*not hooked in .*run `intercom install`/);
  }, 180_000);
});

describe.skipIf(!hasClaude)('doctor and the sessions it runs in', () => {
  test('a session loaded both as a plugin and by intercom install runs intercom twice: a warning says so', async () => {
    mock ??= startMockAnthropic();
    const box = await claudeSandbox(join(sandbox, 'twice'), mock, 'twice', true);
    const session = claudeStream(box, ['--plugin-dir', REPO]);
    try {
      session.say('hello');
      await session.waitForEvent((e) => e.type === 'result', 1, 90_000);
      const [plugin, installed] = await until(() => {
        const agents = agentRecords(box.store);
        const byPlugin = agents.find((a) => a.route === 'plugin');
        const byInstall = agents.find((a) => a.route === 'mcp-config');
        return byPlugin && byInstall && ([byPlugin, byInstall] as const);
      }, 'both MCP servers of the session to register');
      const run = await runIntercom(['doctor'], { env: box.env, cwd: box.project });
      expect(run.stdout).toMatch(
        new RegExp(
          `warn\\s+plugin\\s+the session of agent ${plugin.code} \\(a plugin, from .*\\) also runs agent ${installed.code}: it runs intercom twice`,
        ),
      );
    } finally {
      await session.end();
    }
  }, 180_000);

  test('run inside a session (its Bash tool) loaded by --mcp-config: doctor finds that session from its environment', async () => {
    mock ??= startMockAnthropic();
    const box = await claudeSandbox(join(sandbox, 'inside'), mock, 'inside', false);
    const mcpConfig = join(box.project, 'mcp.json');
    writeFileSync(mcpConfig, JSON.stringify({ mcpServers: { intercom: { command: BUN, args: [ENTRY, 'mcp'] } } }));
    const report = join(box.project, 'doctor.json');
    const agentFile = join(box.project, 'agent.json');
    // The server registers in the background: the command waits (bounded) for its agent first,
    // and keeps a copy of its record (the session's end removes it).
    const command =
      `for i in $(seq 100); do ls '${box.store}/agents' 2>/dev/null | grep -q json && break; sleep 0.1; done; ` +
      `cat '${box.store}'/agents/*.json > '${agentFile}'; '${BUN}' '${ENTRY}' doctor --json > '${report}'`;
    const run = await claudePrint(box, `TOOL:Bash:${JSON.stringify({ command })}`, ['--mcp-config', mcpConfig]);
    expect(run.code).toBe(0);
    const agent = JSON.parse(readFileSync(agentFile, 'utf8')) as { code: string; route: string };
    expect(agent.route).toBe('mcp-config'); // started by Claude Code (CLAUDECODE=1), not by a plugin
    const checks = (JSON.parse(readFileSync(report, 'utf8')) as { checks: { name: string; level: string; detail: string }[] }).checks;
    const server = checks.find((c) => c.name === 'MCP server');
    // Works in this session, which no settings file shows; other sessions need intercom install.
    expect(server).toMatchObject({ level: 'warn' });
    expect(server?.detail).toMatch(
      new RegExp(`^this session runs it \\(agent ${agent.code}\\), but it is not in .*run \`intercom install\``),
    );
    // No hooks were loaded, and a prompt has run: had there been any, they would have run.
    expect(checks.find((c) => c.name === 'hooks')?.level).toBe('FAIL');
  }, 180_000);
});

describe('doctor --fix', () => {
  test('a store folder made by hand with mode 0755 fails naming doctor --fix; --fix makes it 0700 and says so', async () => {
    const env = isolatedEnv(join(sandbox, 'fix'));
    mkdirSync(env.CLAUDE_CONFIG_DIR!, { recursive: true });
    expect((await runIntercom(['install'], { env })).code).toBe(0);
    const store = env.CLAUDE_INTERCOM_DIR!;
    mkdirSync(store);
    chmodSync(store, 0o755); // as `mkdir` leaves it under the usual umask

    const before = await runIntercom(['doctor'], { env });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(
      /FAIL\s+store\s+.* is open to other users \(mode 755\).*run `intercom doctor --fix` \(it runs chmod 700 '/,
    );
    expect(before.stdout).toContain('1 problem(s) to fix; `intercom doctor --fix` fixes them.');
    expect(statSync(store).mode & 0o777).toBe(0o755); // doctor alone changes nothing

    const fixed = await runIntercom(['doctor', '--fix'], { env });
    expect(fixed.stdout).toMatch(/fixed\s+store\s+chmod 700 '.*' \(it was 755\)/);
    expect(statSync(store).mode & 0o777).toBe(0o700);
    // …and the store then opens and passes the live round trip.
    expect(fixed.stdout).toMatch(/ok\s+store\s+.*\(private, /);
    expect(fixed.stdout).toMatch(/ok\s+self-test\s+message written → watcher woke/);
    expect(fixed.code).toBe(0);

    const again = await runIntercom(['doctor', '--fix', '--json'], { env });
    const report = JSON.parse(again.stdout) as { ok: boolean; checks: { level: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.level === 'fixed')).toEqual([]); // nothing left to fix
  }, 60_000);
});

describe('doctor: what live sessions tell when settings do not', () => {
  const paths = { userConfigFile: '/c/.claude.json', settingsFile: '/c/settings.json', skillFile: '/c/skills/intercom/SKILL.md' };
  const nothing = { userConfig: undefined, settings: undefined, skill: undefined };
  const byName = (checks: { name: string; level: string; detail: string }[], name: string) => checks.find((c) => c.name === name);
  const plugin = (extra: Partial<LiveRoute> = {}): LiveRoute => ({
    code: 'ab12',
    route: 'plugin',
    pluginRoot: '/repo',
    thisSession: false,
    hooksRan: true,
    ...extra,
  });

  test('a plugin session whose hooks have not run yet: the hooks are a warning that says when to look again', () => {
    const checks = checkRegistration(nothing, paths, '/bin/bun', [plugin({ hooksRan: false })]);
    expect(byName(checks, 'MCP server')?.level).toBe('ok');
    expect(byName(checks, 'hooks')).toMatchObject({ level: 'warn' });
    expect(byName(checks, 'hooks')?.detail).toContain('none has run yet for agent ab12');
  });

  test('the session doctor runs in, loaded from an mcpServers entry elsewhere: works here, a warning names intercom install', () => {
    const here: LiveRoute = { code: 'cd34', route: 'mcp-config', thisSession: true, hooksRan: true };
    const checks = checkRegistration(nothing, paths, '/bin/bun', [here]);
    expect(byName(checks, 'MCP server')).toMatchObject({ level: 'warn' });
    expect(byName(checks, 'MCP server')?.detail).toMatch(/this session runs it \(agent cd34\).*run `intercom install`/);
    expect(byName(checks, 'hooks')?.detail).toMatch(/they ran for this session \(agent cd34\).*run `intercom install`/);
    // In the session doctor runs in a prompt has run, so hooks that never ran are not loaded.
    const unhooked = checkRegistration(nothing, paths, '/bin/bun', [{ ...here, hooksRan: false }]);
    expect(byName(unhooked, 'hooks')?.level).toBe('FAIL');
  });

  test('a session that runs intercom twice (a plugin and another registration) is a warning', () => {
    const checks = checkRegistration(nothing, paths, '/bin/bun', [plugin({ twin: 'ef56' })]);
    expect(checks.find((c) => c.name === 'plugin' && c.level === 'warn')?.detail).toContain('also runs agent ef56: it runs intercom twice');
  });
});

// Found by a tester: a reinstall of the npm package that skipped bun's install script left bun's
// placeholder where the registered bun was, so every hook and the MCP server failed, and doctor
// said "All good" (the paths existed). And a settings.json with a comment, which Claude Code
// ignores whole, made doctor say "run intercom install", which changes nothing.
describe('doctor checks that what is registered can run', () => {
  test('a registered command that exists but does not run is a FAIL naming the reinstall', async () => {
    const env = isolatedEnv(join(sandbox, 'placeholder'));
    expect((await runIntercom(['install'], { env: { ...env, PATH: '/usr/bin:/bin' } })).code).toBe(0);
    const configFile = join(env.CLAUDE_CONFIG_DIR!, '.claude.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    const placeholder = join(sandbox, 'placeholder', 'bun.exe');
    writeFileSync(placeholder, '#!/bin/sh\necho "Bun\'s postinstall script was not run." >&2\nexit 1\n', { mode: 0o755 });
    config.mcpServers.intercom.command = placeholder;
    writeFileSync(configFile, JSON.stringify(config));
    const doctor = await runIntercom(['doctor'], { env });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(
      /FAIL\s+MCP server\s+registered, but it cannot start: `.*bun\.exe --version` failed \(exit 1\): Bun's postinstall/,
    );
    expect(doctor.stdout).toContain('Run `intercom install` again');
  }, 60_000);

  test('a settings.json with a comment is named as the cause, not "run intercom install"', async () => {
    const env = isolatedEnv(join(sandbox, 'commented'));
    expect((await runIntercom(['install'], { env: { ...env, PATH: '/usr/bin:/bin' } })).code).toBe(0);
    const settings = join(env.CLAUDE_CONFIG_DIR!, 'settings.json');
    writeFileSync(settings, `// my notes\n${readFileSync(settings, 'utf8')}`);
    const doctor = await runIntercom(['doctor'], { env });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/FAIL\s+hooks\s+.*settings\.json is not plain JSON .* Claude Code ignores all of it/);
    expect(doctor.stdout).not.toMatch(/FAIL\s+hooks\s+.*run `intercom install`/);
  }, 60_000);
});

describe('doctor reads hand-edited and peer-written files without being fooled', () => {
  test('hooks of the wrong shape in settings.json are reported, not a crash', async () => {
    const env = isolatedEnv(join(sandbox, 'shapes'));
    mkdirSync(env.CLAUDE_CONFIG_DIR!, { recursive: true });
    for (const hooks of [{ Stop: { hooks: [] } }, { Stop: [null] }, { Stop: [{ hooks: 'x' }] }, { Stop: [{ hooks: [null] }] }]) {
      writeFileSync(join(env.CLAUDE_CONFIG_DIR!, 'settings.json'), JSON.stringify({ hooks }));
      const doctor = await runIntercom(['doctor'], { env });
      expect(doctor.stderr).not.toContain('unexpected error');
      expect(doctor.stdout).toMatch(/FAIL\s+hooks\s+/);
    }
  }, 60_000);

  test("a plugin folder in a peer's agent record cannot add a row to the report", async () => {
    const env = isolatedEnv(join(sandbox, 'forged'));
    const intercom = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    await registerLive(intercom, { route: 'plugin', pluginRoot: '/opt/x\nok     hooks      all hooked (forged by a peer)' });
    const doctor = await runIntercom(['doctor'], { env });
    expect(doctor.stdout).not.toMatch(/^ok\s+hooks\s+all hooked \(forged/m);
    expect(doctor.stdout).toContain('/opt/x\\nok');
  }, 60_000);
});
