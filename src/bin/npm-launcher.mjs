#!/usr/bin/env node
// `intercom` as npm installs it (`npm install -g claude-intercom`, `npx claude-intercom …`):
// Node starts this file, which runs the bundle with bun. The bundle, plugin/dist/intercom, sits
// two levels below the package root like src/bin/intercom.ts, so it finds skill/ the same way.
// bun comes with the package as the `bun` dependency; this finds its binary (else a `bun` on
// PATH) and, when there is none, says so plainly instead of the shell's
// "/usr/bin/env: 'bun': No such file or directory".
// Plain JavaScript for any Node from 18 on: no build step between this file and users.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// In a checkout (`npm link`) the sources beside this file are what runs; the package has the bundle only.
const source = join(here, 'intercom.ts');
const entry = existsSync(source) ? source : join(here, '..', '..', 'plugin', 'dist', 'intercom');
const require = createRequire(import.meta.url);
/** bun's name for this platform's binary package, glibc flavour: @oven/bun-linux-x64, bun-darwin-aarch64… */
const platformPackage = `bun-${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}`;

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The bun of the `bun` npm dependency. The binary comes in a platform package
 * (@oven/bun-<os>-<arch>[-musl], an optional dependency of `bun`; npm installs only the one that
 * fits). bun's postinstall, when npm runs it, moves the binary over bun/bin/bun.exe, a 450-byte
 * placeholder script; with install scripts off (--ignore-scripts) it stays where it came.
 */
function bunFromDependency() {
  let bunDir;
  try {
    bunDir = dirname(require.resolve('bun/package.json'));
  } catch {
    return undefined;
  }
  const exe = process.platform === 'win32' ? 'bun.exe' : 'bun';
  for (const name of [platformPackage, `${platformPackage}-musl`]) {
    try {
      const binary = join(dirname(require.resolve(`@oven/${name}/package.json`, { paths: [bunDir] })), 'bin', exe);
      if (isExecutableFile(binary)) return binary;
    } catch {
      // not installed for this platform: try the next name
    }
  }
  const moved = join(bunDir, 'bin', 'bun.exe');
  return isExecutableFile(moved) && statSync(moved).size > 1_000_000 ? moved : undefined;
}

function bunFromPath() {
  const exe = process.platform === 'win32' ? 'bun.exe' : 'bun';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, exe))) return join(dir, exe);
  }
  return undefined;
}

function fail(message) {
  process.stderr.write(`intercom: ${message}\n`);
  process.exit(1);
}

if (!existsSync(entry)) fail(`${entry} is missing: reinstall claude-intercom.`);
const bun = bunFromDependency() ?? bunFromPath();
if (!bun) {
  fail(
    `intercom runs on bun, and there is none: the copy that comes with claude-intercom (npm package "bun", ` +
      `binary in @oven/${platformPackage}) is not installed, and no \`bun\` is on PATH. ` +
      'Install bun (https://bun.sh) so that `bun` is on PATH, or reinstall claude-intercom without --omit=optional.',
  );
}

// The MCP server idles for as long as its session lives: it gets the environment every other
// route gives it (.mcp.json, `intercom install`: src/cli/install/hooks-spec.ts SERVER_ENV), which
// keeps an idle bun asleep (no GC timer, no allocator scavenger thread) and small (no JIT). Bun
// reads it only at its start, so it goes into bun's environment.
const SERVER_ENV = { BUN_GC_TIMER_DISABLE: '1', MIMALLOC_PURGE_DELAY: '0', BUN_JSC_useJIT: '0' };
const args = process.argv.slice(2);
const env = args[0] === 'mcp' ? { ...process.env, ...SERVER_ENV } : process.env;
const child = spawn(bun, [entry, ...args], { stdio: 'inherit', env });
child.on('error', (error) => fail(`cannot start ${bun}: ${error.message}`));
// SIGTERM and SIGHUP, sent to this process alone, are passed on. So is SIGINT when no terminal is
// attached: Claude Code (2.1.330, read from its code) stops a stdio MCP server by sending SIGINT
// to the server's pid alone, then SIGTERM 100 ms later, then SIGKILL. At a terminal, Ctrl-C
// reaches the whole foreground group, bun included, so there SIGINT is only kept from ending this
// process early: passing it on would interrupt bun twice.
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
process.on('SIGINT', () => {
  if (!process.stdin.isTTY) child.kill('SIGINT');
});
child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal); // end the way bun ended, so callers see the same signal
});
