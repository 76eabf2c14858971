// The plugin as users get it: plugin/ is what `npm run build` writes, its bundle needs no
// node_modules, and the real Claude Code client's own commands (`claude plugin marketplace add`
// with this checkout as a local marketplace, then `claude plugin install`) copy only plugin/ into
// a temp config dir; a session started then, with nothing but `bun` on PATH and no network, runs
// the plugin's MCP server and hooks and is woken by mail.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic, MockRequest } from '../helpers/mock-anthropic.ts';
import { CLAUDE_BIN, claudeSandbox, claudeStream, hasClaude } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { BUN, REPO } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { isProcessAlive } from '../../src/core/proc.ts';

const PLUGIN = join(REPO, 'plugin');

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort();
}

describe('plugin/', () => {
  test('is what `npm run build` writes from the sources (run it after changing src/, the hook spec, the skill or plugin.json)', () => {
    const out = join(tmpDir('intercom-plugin-build-'), 'plugin');
    const built = Bun.spawnSync([BUN, join(REPO, 'scripts', 'gen-plugin.ts'), '--out', out], { cwd: REPO, stderr: 'pipe' });
    expect(built.stderr.toString()).toBe('');
    expect(built.exitCode).toBe(0);
    const fresh = filesUnder(out);
    const committed = filesUnder(PLUGIN);
    const stale = [...new Set([...fresh, ...committed])].filter(
      (p) => !fresh.includes(p) || !committed.includes(p) || !readFileSync(join(PLUGIN, p)).equals(readFileSync(join(out, p))),
    );
    if (stale.length)
      throw new Error(`plugin/ is stale (${stale.length} files differ, e.g. ${stale.slice(0, 3).join(', ')}): run \`npm run build\``);
  });

  test('its bundle imports nothing from node_modules: only its own chunks, bun and node built-ins', async () => {
    const builtins = new Set(builtinModules);
    const transpiler = new Bun.Transpiler({ loader: 'js' });
    const outside: string[] = [];
    const dist = join(PLUGIN, 'dist');
    // The .jsc files are the hook routes' bytecode, compiled from the .js files beside them.
    for (const file of filesUnder(dist).filter((f) => !f.endsWith('.jsc'))) {
      const code = (await Bun.file(join(dist, file)).text()).replace(/^#!.*/, ''); // the scanner takes no shebang
      // bun writes an ES module's requires as __require("…") (import.meta.require), a CommonJS file's
      // (the hook routes) as require("…"): the scanner skips both. (In an ES module a bare require("…")
      // is text, e.g. the code ajv writes at run time.)
      const commonJs = code.startsWith('// @bun @bytecode @bun-cjs\n');
      const requires = [...code.matchAll(commonJs ? /\brequire\("([^"]+)"\)/g : /__require\("([^"]+)"\)/g)].map((m) => m[1]!);
      for (const path of [...transpiler.scanImports(code).map((i) => i.path), ...requires]) {
        const ok = path.startsWith('./') || path.startsWith('node:') || path === 'bun' || path.startsWith('bun:') || builtins.has(path);
        if (!ok) outside.push(`${file}: ${path}`);
      }
    }
    expect(outside).toEqual([]);
    expect(filesUnder(PLUGIN)).not.toContain('package.json'); // Claude Code would run npm in the plugin cache
  });
});

const lastUser = (r: MockRequest) => {
  const users = r.body.messages.filter((m) => m.role === 'user');
  return users.length ? messageText(users.at(-1)!) : '';
};

describe.skipIf(!hasClaude)('the plugin installed by the real client from a local marketplace', () => {
  const sandbox = tmpDir('intercom-plugin-install-');
  let mock: MockAnthropic;
  let box: ClaudeSandbox;
  let installPath: string;
  /** The installed copy's own CLI (the bundle in the plugin cache), run with the sandbox's env. */
  const intercom = (...args: string[]) => {
    const run = Bun.spawnSync([BUN, join(installPath, 'dist', 'intercom'), ...args], { env: box.env, cwd: box.project });
    return { code: run.exitCode, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
  };
  const claude = (...args: string[]) => {
    const run = Bun.spawnSync([CLAUDE_BIN, ...args], { env: box.env, cwd: box.project });
    return { code: run.exitCode, out: `${run.stdout}${run.stderr}` };
  };

  beforeAll(async () => {
    mock = startMockAnthropic();
    box = await claudeSandbox(sandbox, mock, 'plugged', false);
    // Nothing on PATH but bun: no node, no npm, no node_modules/.bin.
    const onlyBun = join(sandbox, 'only-bun');
    mkdirSync(onlyBun);
    symlinkSync(BUN, join(onlyBun, 'bun'));
    box.env.PATH = onlyBun;
  });
  afterAll(() => mock?.close());

  test('marketplace add + install copy plugin/ alone into the plugin cache: a few MB, no package.json, no npm run', () => {
    // The checkout is the marketplace, node_modules (over 1 GB) and all: only plugin/ may travel.
    const added = claude('plugin', 'marketplace', 'add', REPO);
    expect(added.out).toContain('Successfully added marketplace: claude-intercom');
    expect(added.code).toBe(0);
    const installed = claude('plugin', 'install', 'intercom@claude-intercom');
    expect(installed.out).toContain('Successfully installed plugin: intercom@claude-intercom');
    expect(installed.code).toBe(0);
    const record = JSON.parse(readFileSync(join(box.configDir, 'plugins', 'installed_plugins.json'), 'utf8'));
    installPath = record.plugins['intercom@claude-intercom'][0].installPath;
    expect(relative(join(box.configDir, 'plugins', 'cache'), installPath)).toMatch(/^claude-intercom\/intercom\//);
    const files = filesUnder(installPath);
    expect(files).toEqual(filesUnder(PLUGIN));
    expect(existsSync(join(installPath, 'node_modules'))).toBe(false);
    const bytes = files.reduce((sum, p) => sum + statSync(join(installPath, p)).size, 0);
    console.log(`installed plugin: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB`);
    expect(bytes).toBeLessThan(5_000_000);
  }, 60_000);

  test('a session started then runs the installed MCP server and hooks, goes idle and is woken by mail', async () => {
    expect(installPath).toBeDefined();
    const session = claudeStream(box, ['--allowedTools', 'mcp__plugin_intercom_intercom']);
    try {
      session.say('turn one: wait for news');
      await session.waitForEvent((e) => e.type === 'result');
      // The plugin's MCP server offered its tools, under the plugin's name.
      expect(mock.requests.some((r) => (r.body.tools ?? []).some((t) => t.name === 'mcp__plugin_intercom_intercom__send'))).toBe(true);
      const who = intercom('who', '--json');
      expect(who.stderr).toBe('');
      const agents = (JSON.parse(who.stdout) as { agents: { code: string; project: string }[] }).agents;
      const code = agents.find((a) => a.project === 'plugged')?.code;
      expect(code).toBeDefined();
      // The Stop hook (from the installed hooks.json) armed a watcher that waits for mail.
      await until(() => {
        const file = join(box.store, 'watchers', `${code}.json`);
        return existsSync(file) && isProcessAlive((JSON.parse(readFileSync(file, 'utf8')) as { pid: number }).pid);
      }, 'the watcher armed by the Stop hook');
      const before = mock.requests.length;
      const sent = intercom('send', code!, 'the plugin build is live');
      expect(sent.stderr).toBe('');
      expect(sent.code).toBe(0);
      const woken = await mock.waitFor(
        (r) => r.n > before && lastUser(r).includes('the plugin build is live'),
        20_000,
        'the wake-up request',
      );
      expect(lastUser(woken)).toContain('New mail from another Claude session, delivered by intercom:');
    } finally {
      await session.end();
    }
  }, 120_000);
});
