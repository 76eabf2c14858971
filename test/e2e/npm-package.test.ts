// The npm package as users get it, from the packed tarball (never the checkout): `npm pack`, then
// `npm install -g <tarball>` into a temp prefix and `npx --package <tarball>`, on a PATH with Node
// and npm but no bun. The `intercom` command they give works (who, install, mcp over stdio), bun
// coming with it as a dependency; without any bun it says what to do.
// npm reads packages from the machine's npm cache (its _cacache, linked into a temp cache folder
// so that npx's own folder stays in the sandbox) and the registry for what is missing.
import { beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SERVER_ENV } from '../../src/cli/install/hooks-spec.ts';
import { BUN, REPO } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-npm-');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
/** Node, npm, npx and sh: a machine without bun. */
const NODE_ONLY = join(sandbox, 'node-only');
const npm = join(NODE_ONLY, 'npm');
const home = join(sandbox, 'home');
let tarball: string;

/** The test's environment minus npm's own variables (set when the suite runs under `npm test`). */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  return env;
}

/** An environment on NODE_ONLY with its own HOME, Claude config dir and store. */
function userEnv(extraPath = ''): Record<string, string> {
  return {
    ...baseEnv(),
    PATH: extraPath ? `${NODE_ONLY}:${extraPath}` : NODE_ONLY,
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
    npm_config_cache: join(sandbox, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

function run(argv: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const r = Bun.spawnSync(argv, { env: options.env ?? userEnv(), cwd: options.cwd ?? home, stdin: 'ignore' });
  return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** `npm install -g <tarball>` into `prefix`; the package folder. */
function installGlobal(prefix: string, ...flags: string[]): string {
  const installed = run([npm, 'install', '-g', tarball, '--prefix', prefix, '--prefer-offline', ...flags]);
  expect(installed.stderr).not.toContain('EBADENGINE');
  expect(installed.code).toBe(0);
  return join(prefix, 'lib', 'node_modules', 'claude-intercom');
}

/** An MCP client on `command` over stdio, as Claude Code starts a server. */
async function mcpClient(command: string, args: string[], env: Record<string, string>) {
  let stderr = '';
  const transport = new StdioClientTransport({ command, args, env, cwd: home, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'intercom-npm-test', version: '0' });
  await client.connect(transport).catch((error) => {
    throw new Error(`${command} ${args.join(' ')}: ${error}\n${stderr}`);
  });
  return client;
}

beforeAll(() => {
  mkdirSync(NODE_ONLY);
  mkdirSync(home);
  for (const tool of ['node', 'npm', 'npx', 'sh']) symlinkSync(Bun.which(tool)!, join(NODE_ONLY, tool));
  expect(Bun.which('bun', { PATH: NODE_ONLY })).toBeNull();
  const realCache = run([npm, 'config', 'get', 'cache'], { env: { ...baseEnv(), PATH: NODE_ONLY, HOME: userInfo().homedir } });
  mkdirSync(join(sandbox, 'npm-cache'));
  symlinkSync(join(realCache.stdout.trim(), '_cacache'), join(sandbox, 'npm-cache', '_cacache'));
  const packed = run([npm, 'pack', '--json', '--pack-destination', sandbox], { cwd: REPO });
  expect(packed.code).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  tarball = join(sandbox, info!.filename);
  const files = info!.files.map((f) => f.path);
  console.log(`npm pack: ${info!.filename}, ${(info!.size / 1e3).toFixed(0)} kB, ${files.length} files`);
});

describe('the npm package', () => {
  test('the tarball holds the launcher, the bundle, the skill, package.json and the README: nothing else', () => {
    const listed = run([Bun.which('tar')!, 'tzf', tarball], { env: baseEnv() });
    const files = listed.stdout.trim().split('\n').sort();
    const bundle = readdirSync(join(REPO, 'plugin', 'dist')).map((f) => `package/plugin/dist/${f}`);
    expect(files).toEqual(
      ['package/package.json', 'package/README.md', 'package/skill/SKILL.md', 'package/src/bin/npm-launcher.mjs', ...bundle].sort(),
    );
  });

  test('npm install -g with Node and npm only brings bun along; intercom who, install --dry-run and install work', async () => {
    const pkg = installGlobal(join(sandbox, 'prefix'));
    // Everything else is in the bundle: the install is claude-intercom, bun and bun's binary.
    const deps = readdirSync(join(pkg, 'node_modules')).flatMap((d) =>
      d.startsWith('@') ? readdirSync(join(pkg, 'node_modules', d)).map((s) => `${d}/${s}`) : [d],
    );
    expect(deps.filter((d) => d !== 'bun' && !d.startsWith('@oven/bun-') && d !== '.bin' && d !== '.package-lock.json')).toEqual([]);
    const intercom = join(sandbox, 'prefix', 'bin', 'intercom');
    const who = run([intercom, 'who']);
    expect(who.stderr).toBe('');
    expect(who).toMatchObject({ code: 0, stdout: 'No live agents.\n' });
    expect(run([intercom, '--version']).stdout).toBe(`${VERSION}\n`);

    const userConfig = join(home, '.claude', '.claude.json');
    const dry = run([intercom, 'install', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${join(pkg, 'plugin', 'dist', 'intercom')} mcp`);
    expect(existsSync(userConfig)).toBe(false);
    const install = run([intercom, 'install']);
    expect(install.code).toBe(0);
    // What install registered runs: the packaged bun on the bundle, answering over stdio.
    const server = JSON.parse(readFileSync(userConfig, 'utf8')).mcpServers.intercom as { command: string; args: string[] };
    expect(server.command.startsWith(join(pkg, 'node_modules'))).toBe(true);
    expect(server.args).toEqual([join(pkg, 'plugin', 'dist', 'intercom'), 'mcp']);
    const client = await mcpClient(server.command, server.args, userEnv());
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'intercom', version: VERSION });
    } finally {
      await client.close();
    }
  }, 120_000);

  test('`npx --package <tarball> -- intercom mcp` (the claude mcp add route) answers initialize and lists the tools', async () => {
    const client = await mcpClient(
      join(NODE_ONLY, 'npx'),
      ['-y', '--prefer-offline', `--package=${tarball}`, '--', 'intercom', 'mcp'],
      userEnv(),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'intercom', version: VERSION });
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('send');
      expect(tools).toContain('who');
    } finally {
      await client.close();
    }
  }, 120_000);

  test("`intercom install` through npx is refused (it would register paths in npx's cache) and changes nothing", async () => {
    const env = { ...userEnv(), CLAUDE_CONFIG_DIR: join(sandbox, 'npx-install-config') };
    const npx = Bun.spawnSync([join(NODE_ONLY, 'npx'), '-y', '--prefer-offline', `--package=${tarball}`, '--', 'intercom', 'install'], {
      env,
      stdout: 'pipe',
      stderr: 'pipe',
    });
    expect(npx.exitCode).toBe(1);
    expect(npx.stderr.toString()).toContain("running from npx's cache");
    expect(npx.stderr.toString()).toContain('`npm install -g claude-intercom`');
    expect(existsSync(join(env.CLAUDE_CONFIG_DIR!, 'settings.json'))).toBe(false);
  }, 120_000);

  // Claude Code 2.1.330 stops a stdio server by sending SIGINT to its pid alone (then SIGTERM,
  // then SIGKILL): the launcher must pass it on, so the server unregisters while it still can.
  test('the launcher passes a SIGINT sent to it alone on to the server (no terminal), which then leaves', async () => {
    const prefix = join(sandbox, 'prefix-sigint');
    installGlobal(prefix);
    const env = { ...userEnv(), CLAUDE_INTERCOM_DIR: join(sandbox, 'store-sigint') };
    const server = Bun.spawn([join(prefix, 'bin', 'intercom'), 'mcp'], { env, cwd: home, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
    const agents = join(env.CLAUDE_INTERCOM_DIR, 'agents');
    const registered = () => existsSync(agents) && readdirSync(agents).some((n) => n.endsWith('.json'));
    for (let i = 0; i < 200 && !registered(); i++) await Bun.sleep(50);
    expect(registered()).toBe(true);
    process.kill(server.pid, 'SIGINT'); // the launcher's pid: stdin stays open, as Claude Code's does
    const ended = await Promise.race([server.exited.then(() => true), Bun.sleep(10_000).then(() => false)]);
    if (!ended) server.kill('SIGKILL');
    expect(ended).toBe(true);
    expect(registered()).toBe(false);
  }, 120_000);

  // `npm link` in a checkout puts this same launcher on PATH: it runs the sources with the bun
  // that `npm install` brought (node_modules/bun), with no bun on PATH.
  test('in a checkout (npm link), the launcher runs the sources with the bun npm install brought', () => {
    const r = run([join(NODE_ONLY, 'node'), join(REPO, 'src', 'bin', 'npm-launcher.mjs'), 'who']);
    expect(r).toMatchObject({ code: 0, stdout: 'No live agents.\n' });
    expect(run([join(NODE_ONLY, 'node'), join(REPO, 'src', 'bin', 'npm-launcher.mjs'), '--version']).stdout.trim()).toBe(VERSION);
  });

  // The server idles as long as its session lives: every route that starts it gives it the
  // environment that keeps an idle bun asleep (the launcher's is `claude mcp add … -- intercom mcp`).
  test("the launcher starts `intercom mcp` with the server's environment (SERVER_ENV: no GC timer, no scavenger thread)", async () => {
    const env = { ...userEnv(), CLAUDE_INTERCOM_DIR: join(sandbox, 'store-env') };
    const launcher = Bun.spawn([join(NODE_ONLY, 'node'), join(REPO, 'src', 'bin', 'npm-launcher.mjs'), 'mcp'], {
      env,
      cwd: home,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    try {
      const children = () => readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim();
      for (let i = 0; i < 200 && children() === ''; i++) await Bun.sleep(25);
      const bun = Number(children().split(' ')[0]);
      // Seen as soon as it is forked: its command line is the launcher's, then empty during the exec, then bun's.
      const argv = () => readFileSync(`/proc/${bun}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(-2);
      for (let i = 0; i < 200 && argv().at(-1) !== 'mcp'; i++) await Bun.sleep(25);
      expect(argv()).toEqual([join(REPO, 'src', 'bin', 'intercom.ts'), 'mcp']);
      const environ = readFileSync(`/proc/${bun}/environ`, 'utf8').split('\0');
      for (const [name, value] of Object.entries(SERVER_ENV)) expect(environ).toContain(`${name}=${value}`);
    } finally {
      launcher.stdin.end();
      await launcher.exited;
    }
  });

  test("with install scripts off, bun's own binary is found; with no bun at all, the error says what to do", () => {
    // --ignore-scripts: bun's postinstall never puts its binary in place of bun/bin/bun.exe (a placeholder).
    const prefix = join(sandbox, 'prefix-no-scripts');
    const pkg = installGlobal(prefix, '--ignore-scripts');
    const intercom = join(prefix, 'bin', 'intercom');
    expect(run([intercom, 'who']).code).toBe(0);
    renameSync(join(pkg, 'node_modules', '@oven'), join(sandbox, 'oven-moved-away'));
    const none = run([intercom, 'who']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/intercom runs on bun, and there is none: .*Install bun \(https:\/\/bun\.sh\)/);
    expect(none.stderr).not.toContain('No such file or directory');
    // A bun on PATH is the fallback.
    const bunDir = join(sandbox, 'bun-on-path');
    mkdirSync(bunDir);
    symlinkSync(BUN, join(bunDir, 'bun'));
    expect(run([intercom, 'who'], { env: userEnv(bunDir) })).toMatchObject({ code: 0, stdout: 'No live agents.\n' });
  }, 120_000);
});
