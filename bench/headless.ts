// Headless runs: `claude -p "hi"` with the real client against the mock API, with intercom
// installed (MCP server + hooks, as `intercom install` sets them up) and without, interleaved so
// both see the same machine load. Under -p every hook runs in the foreground, in series, so
// each hook's start is paid in full. Bar (issue 14.6): with intercom ≤ 1.2× without.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startMockAnthropic } from '../test/helpers/mock-anthropic.ts';
import { claudePrint, claudeSandbox, hasClaude } from '../test/helpers/real-claude.ts';
import { median, ms, percentile } from './stats.ts';

const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');

export async function measureHeadless(runs: number): Promise<{ with: number[]; without: number[] }> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-headless-'));
  const mock = startMockAnthropic();
  try {
    // Installed from the bundle, as the npm package does it (the hooks and server run plugin/dist).
    const withIntercom = await claudeSandbox(join(sandbox, 'with'), mock, 'app', false);
    const install = Bun.spawnSync([process.execPath, BUNDLE, 'install'], { env: withIntercom.env, stdout: 'pipe', stderr: 'pipe' });
    if (install.exitCode !== 0) throw new Error(`intercom install failed: ${install.stderr.toString()}`);
    const without = await claudeSandbox(join(sandbox, 'without'), mock, 'app', false);
    const times = { with: [] as number[], without: [] as number[] };
    const once = async (box: typeof without) => {
      const t0 = performance.now();
      const r = await claudePrint(box, 'hi');
      if (r.code !== 0) throw new Error(`claude -p failed (${r.code}): ${r.stderr.slice(-500)}`);
      return performance.now() - t0;
    };
    await once(withIntercom); // first runs write caches and settings: not counted
    await once(without);
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        times.with.push(await once(withIntercom));
        times.without.push(await once(without));
      } else {
        times.without.push(await once(without));
        times.with.push(await once(withIntercom));
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
    console.log(
      `  ${line('without (floor)', r.without)}  → with / without = ${(median(r.with) / median(r.without)).toFixed(2)}× (bar 1.2×)`,
    );
  }
}
