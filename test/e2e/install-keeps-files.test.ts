// `intercom install` then `intercom uninstall` leave the user's files as they were: the same
// bytes in a hand-formatted settings.json with comments (and in ~/.claude.json when intercom
// writes it itself), no folder or file left that install made. The MCP server goes in through
// Claude Code's own `claude mcp` when the real client is on PATH; without it, through a write
// under the lock a running Claude Code takes for ~/.claude.json. Real processes, temp dirs.
import { hooksConfig } from '../../src/cli/install/hooks-spec.ts';
import { describe, expect, test } from 'bun:test';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'jsonc-parser';
import lockfile from 'proper-lockfile';
import { runIntercom } from '../helpers/cli.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { CLAUDE_BIN, hasClaude } from '../helpers/real-claude.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';

const NO_CLAUDE = '/usr/bin:/bin';
const EVENTS: Record<string, string> = {
  SessionStart: 'session-start',
  Stop: 'stop',
  PreToolUse: 'pre-tool-use',
  UserPromptSubmit: 'user-prompt-submit',
  StopFailure: 'stop-failure',
  SessionEnd: 'session-end',
};

function setup(path: string) {
  const sandbox = tmpDir('intercom-keeps-');
  // Claude Code is asked for no network traffic when a test runs it (`claude mcp get`).
  const env = isolatedEnv(sandbox, { PATH: path, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' });
  const configDir = env.CLAUDE_CONFIG_DIR!;
  mkdirSync(configDir, { recursive: true });
  return {
    env,
    configDir,
    settings: join(configDir, 'settings.json'),
    userConfig: join(configDir, '.claude.json'),
    skills: join(configDir, 'skills'),
    record: join(configDir, 'intercom-install.json'),
  };
}

/** Hand-written: three-space indent, comments, one-line objects, a trailing comma, hooks of the user's own. */
const SETTINGS = `{
   // my settings, by hand
   "theme": "dark", /* inline */
   "permissions": {"allow": ["Bash(ls)"], "deny": []},
   "hooks": {
      "Stop": [ {"hooks": [{"type": "command", "command": "echo mine"}]} ], // mine
      "Notification": [
        { "hooks": [ { "type": "command", "command": "notify-send hi" } ] }
      ],
   }
}
`;
/** Claude Code's user config is plain JSON (it treats a comment as corruption), formatted oddly. */
const USER_CONFIG = '{"numStartups": 3,\n "mcpServers": {"other": {"command": "x"}},   "projects": {}}\n';

/** The events whose hooks run this intercom. */
function ourHookEvents(text: string): string[] {
  const hooks = (parse(text) as { hooks: Record<string, { hooks: { command: string }[] }[] | undefined> }).hooks;
  return Object.keys(EVENTS).filter((event) =>
    hooks[event]?.some((g) => g.hooks.some((h) => h.command === hooksConfig(`"${BUN}" "${ENTRY}"`)[event]![0]!.hooks[0]!.command)),
  );
}

describe('install and uninstall keep the user’s files', () => {
  test('no claude on PATH: same bytes back in settings.json (comments kept) and ~/.claude.json; no skills/ left', async () => {
    const box = setup(NO_CLAUDE);
    writeFileSync(box.settings, SETTINGS);
    writeFileSync(box.userConfig, USER_CONFIG);

    const dry = await runIntercom(['install', '--dry-run'], { env: box.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`MCP server: would be registered by intercom writing ${box.userConfig} itself (no \`claude\` is on PATH)`);
    expect(dry.stdout).toContain(`+++ ${box.userConfig} (after install)`);
    expect(dry.stdout).toContain(`would change ${box.record}: what install created, for uninstall`);
    expect(readFileSync(box.settings, 'utf8')).toBe(SETTINGS);
    expect(existsSync(box.skills)).toBe(false);
    expect(existsSync(box.record)).toBe(false);

    const install = await runIntercom(['install'], { env: box.env });
    expect(install.code).toBe(0);
    // Without a claude to ask, the version check cannot run: it says so, and what to check.
    expect(install.stderr).toContain('no `claude` on PATH, so the Claude Code version check was skipped');
    expect(install.stderr).toContain("intercom's hooks need Claude Code 2.1.78 or later");
    expect(install.stderr).toContain('run `claude --version` where you use Claude Code');
    // Claude Code 2.1.330 ignores a settings.json with comments: kept, but said.
    expect(install.stderr).toContain(`${box.settings} has comments or trailing commas`);
    expect(install.stdout).toContain(`MCP server: registered by intercom writing ${box.userConfig} itself`);
    const settings = readFileSync(box.settings, 'utf8');
    expect(ourHookEvents(settings)).toEqual(Object.keys(EVENTS));
    expect(settings).toStartWith(
      '{\n   // my settings, by hand\n   "theme": "dark", /* inline */\n   "permissions": {"allow": ["Bash(ls)"], "deny": []},\n',
    );
    expect(JSON.parse(readFileSync(box.userConfig, 'utf8'))).toMatchObject({
      numStartups: 3,
      mcpServers: { other: { command: 'x' }, intercom: { command: BUN, args: [ENTRY, 'mcp'] } },
    });
    expect((await runIntercom(['install'], { env: box.env })).stdout).toContain('already installed');

    const uninstall = await runIntercom(['uninstall'], { env: box.env });
    expect(uninstall.code).toBe(0);
    expect(readFileSync(box.settings, 'utf8')).toBe(SETTINGS);
    expect(readFileSync(box.userConfig, 'utf8')).toBe(USER_CONFIG);
    expect(uninstall.stdout).toContain(`removed ${box.skills} (install created it; it is empty now)`);
    expect(readdirSync(box.configDir).sort()).toEqual(['.claude.json', 'backups', 'settings.json']);
  });

  test('what was there before stays (an empty skills/), what install created goes (settings.json, ~/.claude.json)', async () => {
    const box = setup(NO_CLAUDE);
    mkdirSync(box.skills);
    expect((await runIntercom(['install'], { env: box.env })).code).toBe(0);
    expect(existsSync(box.settings) && existsSync(box.userConfig)).toBe(true);
    const uninstall = await runIntercom(['uninstall', '--dry-run'], { env: box.env });
    expect(uninstall.stdout).toContain(`would remove ${join(box.skills, 'intercom')} if it is empty then`);
    expect(uninstall.stdout).not.toContain(`would remove ${box.skills} `);
    expect((await runIntercom(['uninstall'], { env: box.env })).code).toBe(0);
    expect(readdirSync(box.skills)).toEqual([]);
    expect(existsSync(box.settings)).toBe(false);
    expect(existsSync(box.userConfig)).toBe(false);
    expect(readdirSync(box.configDir).sort()).toEqual(['backups', 'skills']);
  });

  test('without the record (an older intercom installed): uninstall removes the skill’s folder, keeps skills/', async () => {
    const box = setup(NO_CLAUDE);
    writeFileSync(box.settings, '{\n  "theme": "dark"\n}\n');
    expect((await runIntercom(['install'], { env: box.env })).code).toBe(0);
    rmSync(box.record);
    expect((await runIntercom(['uninstall'], { env: box.env })).code).toBe(0);
    expect(readFileSync(box.settings, 'utf8')).toBe('{\n  "theme": "dark"\n}\n');
    expect(readdirSync(box.skills)).toEqual([]);
  });

  test('a `claude mcp` that fails, or writes another file than intercom reads, stops install before anything else changes', async () => {
    const box = setup(NO_CLAUDE);
    const bin = join(dirname(box.configDir), 'bin');
    mkdirSync(bin);
    const fake = (rest: string) =>
      writeFileSync(join(bin, 'claude'), `#!/bin/sh\n[ "$1" = --version ] && exec echo "2.1.330 (Claude Code)"\n${rest}\n`, {
        mode: 0o755,
      });
    const env = { ...box.env, PATH: `${bin}:${NO_CLAUDE}` };
    fake('echo "Error: config is locked" >&2; exit 3');
    const failed = await runIntercom(['install'], { env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('`claude mcp add-json -s user intercom');
    expect(failed.stderr).toContain('failed (exit 3: Error: config is locked). Nothing was changed.');
    fake('exit 0');
    const elsewhere = await runIntercom(['install'], { env });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`succeeded, but ${box.userConfig} does not have that server`);
    expect(readdirSync(box.configDir)).toEqual([]);
  });

  test('a key of the wrong kind where install adds (`"mcpServers": null`) is refused by either route; nothing changes', async () => {
    const box = setup(NO_CLAUDE);
    // Before: "Done.", and the file read `"mcpServers": n` + the server + `ull`.
    const userConfig = '{\n  "numStartups": 3,\n  "mcpServers": null\n}\n';
    writeFileSync(box.userConfig, userConfig);
    const refused = await runIntercom(['install'], { env: box.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${box.userConfig}: mcpServers is null, not an object; fix it or move it aside, then run this again. Nothing was changed.`,
    );
    expect(readFileSync(box.userConfig, 'utf8')).toBe(userConfig);
    expect(readdirSync(box.configDir)).toEqual(['.claude.json']);
    // Through `claude mcp` too, which would turn a string there into {"0": …}: refused before it runs.
    const bin = join(dirname(box.configDir), 'bin');
    mkdirSync(bin);
    const ran = join(bin, 'ran');
    writeFileSync(join(bin, 'claude'), `#!/bin/sh\n[ "$1" = --version ] && exec echo "2.1.330 (Claude Code)"\necho "$@" >> ${ran}\n`, {
      mode: 0o755,
    });
    writeFileSync(box.userConfig, '{"mcpServers": "x"}');
    const viaClaude = await runIntercom(['install'], { env: { ...box.env, PATH: `${bin}:${NO_CLAUDE}` } });
    expect(viaClaude.code).toBe(1);
    expect(viaClaude.stderr).toContain(`${box.userConfig}: mcpServers is a string, not an object`);
    expect(existsSync(ran)).toBe(false);
    expect(readdirSync(box.configDir)).toEqual(['.claude.json']);
  });

  test('a settings.json with a key twice (Claude Code reads the last, an edit would hit the first) is refused by install and uninstall', async () => {
    const box = setup(NO_CLAUDE);
    const twice = '{\n  "hooks": {\n    "Stop": [],\n    "Stop": [{"hooks": [{"type": "command", "command": "echo mine"}]}]\n  }\n}\n';
    writeFileSync(box.settings, twice);
    const install = await runIntercom(['install'], { env: box.env });
    expect(install.code).toBe(1);
    expect(install.stderr).toContain(
      `${box.settings} has the key hooks.Stop twice (lines 3 and 4); Claude Code reads only the last one, and intercom would edit the first: keep one, then run this again. Nothing was changed.`,
    );
    expect(readFileSync(box.settings, 'utf8')).toBe(twice);
    expect(readdirSync(box.configDir)).toEqual(['settings.json']);
    // A second "Stop" added by hand after install: the copy Claude Code reads is not the one uninstall would edit.
    rmSync(box.settings);
    expect((await runIntercom(['install'], { env: box.env })).code).toBe(0);
    const installed = readFileSync(box.settings, 'utf8');
    const close = '\n  }\n}\n';
    expect(installed.endsWith(close)).toBe(true);
    const added = `${installed.slice(0, -close.length)},\n    "Stop": []${close}`;
    writeFileSync(box.settings, added);
    const uninstall = await runIntercom(['uninstall'], { env: box.env });
    expect(uninstall.code).toBe(1);
    expect(uninstall.stderr).toContain(`${box.settings} has the key hooks.Stop twice`);
    expect(readFileSync(box.settings, 'utf8')).toBe(added);
  });

  test('a settings.json that is a symbolic link (a dotfiles repo) stays one; its target is edited', async () => {
    const box = setup(NO_CLAUDE);
    const dotfiles = join(dirname(box.configDir), 'dotfiles');
    mkdirSync(dotfiles);
    const real = join(dotfiles, 'settings.json');
    const original = '{\n\t"theme": "light"\n}\n';
    writeFileSync(real, original);
    symlinkSync(real, box.settings);
    expect((await runIntercom(['install'], { env: box.env })).code).toBe(0);
    expect(lstatSync(box.settings).isSymbolicLink()).toBe(true);
    expect(readlinkSync(box.settings)).toBe(real);
    expect(ourHookEvents(readFileSync(real, 'utf8'))).toEqual(Object.keys(EVENTS));
    expect((await runIntercom(['uninstall'], { env: box.env })).code).toBe(0);
    expect(lstatSync(box.settings).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(original);
  });

  test('a running Claude Code’s change to ~/.claude.json, made under its lock while install waits, is kept', async () => {
    const box = setup(NO_CLAUDE);
    writeFileSync(box.userConfig, `${JSON.stringify({ numStartups: 1 }, null, 2)}\n`);
    // Claude Code holds `<file>.lock` (proper-lockfile) while it reads and rewrites the file.
    const release = await lockfile.lock(box.userConfig, { lockfilePath: `${box.userConfig}.lock`, realpath: false });
    const proc = Bun.spawn([BUN, ENTRY, 'install'], { env: box.env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const reader = proc.stdout.getReader();
    const decoder = new TextDecoder();
    let out = '';
    while (!out.includes('waiting for a running Claude Code')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      out += decoder.decode(chunk.value);
    }
    expect(out).toContain(`waiting for a running Claude Code to finish writing ${box.userConfig} (it holds ${box.userConfig}.lock)`);
    // What Claude Code does meanwhile, under its lock: read, change, write.
    const config = JSON.parse(readFileSync(box.userConfig, 'utf8'));
    writeFileSync(box.userConfig, `${JSON.stringify({ ...config, numStartups: 2, tipsHistory: { intercom: 1 } }, null, 2)}\n`);
    await release();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) out += decoder.decode(chunk.value);
    expect(await proc.exited).toBe(0);
    expect(JSON.parse(readFileSync(box.userConfig, 'utf8'))).toMatchObject({
      numStartups: 2,
      tipsHistory: { intercom: 1 },
      mcpServers: { intercom: { command: BUN } },
    });
    expect(existsSync(`${box.userConfig}.lock`)).toBe(false);
  });
});

describe.skipIf(!hasClaude)('with the real Claude Code on PATH', () => {
  const claude = (env: Record<string, string>, ...args: string[]) =>
    Bun.spawnSync([CLAUDE_BIN, ...args], { env, cwd: dirname(env.CLAUDE_CONFIG_DIR!), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });

  test('the server goes in and out through `claude mcp … -s user`; settings.json gets its bytes back', async () => {
    const box = setup(`${dirname(CLAUDE_BIN)}:${NO_CLAUDE}`);
    const settings = '{\n    "model": "opus",\n    "env": {"FOO": "1"}\n}\n';
    writeFileSync(box.settings, settings);
    writeFileSync(box.userConfig, JSON.stringify({ hasCompletedOnboarding: true, mcpServers: { other: { command: 'x' } } }));

    const dry = await runIntercom(['install', '--dry-run'], { env: box.env });
    expect(dry.stdout).toContain(`MCP server: would be registered by Claude Code's own \`claude mcp … -s user\` (${CLAUDE_BIN})`);
    expect(dry.stdout).toContain(`would run: claude mcp add-json -s user intercom '{"type":"stdio","command":"${BUN}"`);
    expect(JSON.parse(readFileSync(box.userConfig, 'utf8')).mcpServers.intercom).toBeUndefined();

    const install = await runIntercom(['install'], { env: box.env });
    expect(install.code).toBe(0);
    expect(install.stderr).not.toContain('version check was skipped');
    expect(install.stdout).toContain(`MCP server: registered by Claude Code's own \`claude mcp … -s user\``);
    // Claude Code itself sees it, in the user scope, from the file intercom reads.
    const get = claude(box.env, 'mcp', 'get', 'intercom');
    expect(get.stdout.toString()).toContain('Scope: User config');
    expect(get.stdout.toString()).toContain(`Command: ${BUN}`);
    const config = JSON.parse(readFileSync(box.userConfig, 'utf8'));
    expect(config.mcpServers).toEqual({
      other: { command: 'x' },
      intercom: {
        type: 'stdio',
        command: BUN,
        args: [ENTRY, 'mcp'],
        env: { BUN_GC_TIMER_DISABLE: '1', MIMALLOC_PURGE_DELAY: '0', BUN_JSC_useJIT: '0' },
        timeout: 660_000,
      },
    });
    expect(config.hasCompletedOnboarding).toBe(true);

    const uninstall = await runIntercom(['uninstall'], { env: box.env });
    expect(uninstall.code).toBe(0);
    expect(uninstall.stdout).toContain(`MCP server: removed by Claude Code's own \`claude mcp … -s user\``);
    expect(claude(box.env, 'mcp', 'get', 'intercom').exitCode).not.toBe(0);
    expect(JSON.parse(readFileSync(box.userConfig, 'utf8')).mcpServers).toEqual({ other: { command: 'x' } });
    expect(readFileSync(box.settings, 'utf8')).toBe(settings);
    expect(existsSync(box.skills)).toBe(false);
  });
});
