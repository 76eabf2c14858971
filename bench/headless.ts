// Headless runs: `claude -p "hi"` with the real client against the mock API, with intercom
// installed (MCP server + hooks, as `intercom install` sets them up) and without, interleaved so
// all see the same machine load. Under -p every hook runs in the foreground, in series, so
// each hook's start is paid in full. Bar (issue 14.6): with intercom ≤ 1.2× without.
// Also the floor of any such setup, in the same run: the same hooks running an empty bun file and
// an MCP server answering by hand (bench/fixtures/init-by-hand.ts). Claude Code 2.1.330 waits for
// the server's handshake before the first prompt, and at the end signals it and looks every 50 ms
// whether it is gone before SessionEnd runs: what a setup costs beyond that floor is its own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MockAnthropic } from '../test/helpers/mock-anthropic.ts';
import { startMockAnthropic } from '../test/helpers/mock-anthropic.ts';
import { claudePrint, claudeSandbox, hasClaude } from '../test/helpers/real-claude.ts';
import { median, ms, percentile } from './stats.ts';

const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const EMPTY = resolve(import.meta.dir, 'fixtures', 'empty.ts');
const SERVER_FLOOR = resolve(import.meta.dir, 'fixtures', 'init-by-hand.ts');

/** A sandbox with intercom installed from the bundle, as the npm package does it (the hooks and server run plugin/dist). */
async function installed(dir: string, mock: MockAnthropic) {
  const box = await claudeSandbox(dir, mock, 'app', false);
  const install = Bun.spawnSync([process.execPath, BUNDLE, 'install'], { env: box.env, stdout: 'pipe', stderr: 'pipe' });
  if (install.exitCode !== 0) throw new Error(`intercom install failed: ${install.stderr.toString()}`);
  return box;
}

/** An installed sandbox whose hooks run an empty bun file instead, and whose MCP server answers by hand. */
async function floorOf(dir: string, mock: MockAnthropic) {
  const box = await installed(dir, mock);
  type Hooks = Record<string, { hooks: { command: string }[] }[]>;
  const settingsFile = join(box.configDir, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { hooks: Hooks };
  for (const groups of Object.values(settings.hooks))
    for (const group of groups) for (const hook of group.hooks) hook.command = `"${process.execPath}" "${EMPTY}"`;
  writeFileSync(settingsFile, JSON.stringify(settings));
  const userFile = join(box.configDir, '.claude.json');
  const user = JSON.parse(readFileSync(userFile, 'utf8')) as { mcpServers: Record<string, { command: string; args: string[] }> };
  user.mcpServers.intercom = { ...user.mcpServers.intercom!, command: process.execPath, args: [SERVER_FLOOR] };
  writeFileSync(userFile, JSON.stringify(user));
  return box;
}

export async function measureHeadless(runs: number): Promise<{ with: number[]; without: number[]; floor: number[] }> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-headless-'));
  const mock = startMockAnthropic();
  try {
    const withIntercom = await installed(join(sandbox, 'with'), mock);
    const without = await claudeSandbox(join(sandbox, 'without'), mock, 'app', false);
    const floor = await floorOf(join(sandbox, 'floor'), mock);
    const times = { with: [] as number[], without: [] as number[], floor: [] as number[] };
    const once = async (box: typeof without) => {
      const t0 = performance.now();
      const r = await claudePrint(box, 'hi');
      if (r.code !== 0) throw new Error(`claude -p failed (${r.code}): ${r.stderr.slice(-500)}`);
      return performance.now() - t0;
    };
    const boxes = [
      ['with', withIntercom],
      ['without', without],
      ['floor', floor],
    ] as const;
    for (const [, box] of boxes) await once(box); // first runs write caches and settings: not counted
    for (let i = 0; i < runs; i++) {
      // Rotate which goes first, so none always follows another.
      for (let j = 0; j < boxes.length; j++) {
        const [name, box] = boxes[(i + j) % boxes.length]!;
        times[name].push(await once(box));
      }
    }
    return times;
  } finally {
    mock.close();
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  if (!hasClaude) {
    console.log('headless: skipped (no node_modules/.bin/claude; run npm install)');
  } else {
    const runs = Number(process.argv[2] ?? 6);
    const r = await measureHeadless(runs);
    const line = (name: string, t: number[]) =>
      `${name}: median ${ms(median(t))}, min ${ms(Math.min(...t))}, max ${ms(percentile(t, 100))}`;
    console.log(`headless claude -p "hi" (real client, mock API), n=${runs} each, interleaved:`);
    console.log(`  ${line('with intercom', r.with)}`);
    const ratio = (t: number[]) => (median(t) / median(r.without)).toFixed(2);
    console.log(`  ${line('without', r.without)}  → with / without = ${ratio(r.with)}× (bar 1.2×)`);
    console.log(`  ${line('floor: empty hooks, hand-written server', r.floor)}  → floor / without = ${ratio(r.floor)}×`);
  }
}
