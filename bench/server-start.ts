// Server start: spawn `intercom mcp` → the initialize response arrives (raw JSON-RPC, no SDK
// client), from the bundle users run (plugin/dist) and from src/, next to the floor measured in
// the same run, interleaved: a bun script answering initialize by hand (bench/fixtures/
// init-by-hand.ts). Bar (issue 14.3): the bundle ≤ 3× the floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { interleaved } from './interleave.ts';
import { median, ms, percentile } from './stats.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const FLOOR = resolve(import.meta.dir, 'fixtures', 'init-by-hand.ts');
const INIT = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
})}\n`;

/** One start of `argv`: ms from spawn to the initialize response's line. */
async function startOnce(argv: string[], env: Record<string, string>, cwd: string): Promise<number> {
  const t0 = performance.now();
  const proc = Bun.spawn(argv, { env, cwd, stdin: 'pipe', stdout: 'pipe', stderr: 'ignore' });
  proc.stdin.write(INIT);
  await proc.stdin.flush();
  const reader = proc.stdout.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${argv.join(' ')} exited before answering initialize`);
    text += new TextDecoder().decode(value);
  }
  const elapsed = performance.now() - t0;
  if (!text.includes('"serverInfo"')) throw new Error(`unexpected answer: ${text}`);
  proc.stdin.end();
  await proc.exited;
  return elapsed;
}

export async function measureServerStart(runs: number) {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: sandbox,
    CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
    CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
  };
  try {
    return await interleaved(
      {
        floor: () => startOnce([process.execPath, FLOOR], env, sandbox),
        bundle: () => startOnce([process.execPath, BUNDLE, 'mcp'], env, sandbox),
        source: () => startOnce([process.execPath, ENTRY, 'mcp'], env, sandbox),
      },
      runs,
    );
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const runs = 20;
  const r = await measureServerStart(runs);
  const line = (name: string, t: number[]) => `${name}: median ${ms(median(t))}, p90 ${ms(percentile(t, 90))}`;
  console.log(`server start (spawn → initialize response), n=${runs} each, interleaved:`);
  console.log(`  ${line('floor: bun answering initialize by hand', r.floor)}`);
  console.log(
    `  ${line('intercom mcp from the bundle', r.bundle)}  → ${(median(r.bundle) / median(r.floor)).toFixed(2)}× the floor (bar 3×)`,
  );
  console.log(`  ${line('intercom mcp from src/', r.source)}  → ${(median(r.source) / median(r.floor)).toFixed(2)}× the floor`);
}
