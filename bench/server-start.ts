// Server start: spawn `intercom mcp` → the initialize response arrives, and → the tools/list
// response arrives (what Claude Code waits for before the session has the tools: it sends
// notifications/initialized and tools/list as soon as initialize is answered, as this does).
// Raw JSON-RPC, no SDK client; from the bundle users run (plugin/dist) and from src/, next to the
// floor measured in the same run, interleaved: a bun script answering both by hand
// (bench/fixtures/init-by-hand.ts). All run with the environment the server's registration gives
// it (src/cli/install/hooks-spec.ts SERVER_ENV). Bar (issue 14.3): spawn → initialize from the
// bundle ≤ 3× the floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVER_ENV } from '../src/cli/install/hooks-spec.ts';
import { interleaved } from './interleave.ts';
import { median, ms, percentile } from './stats.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const FLOOR = resolve(import.meta.dir, 'fixtures', 'init-by-hand.ts');
const line = (message: unknown) => `${JSON.stringify({ jsonrpc: '2.0', ...(message as object) })}\n`;
const INIT = line({
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
});
const LIST = line({ method: 'notifications/initialized' }) + line({ id: 2, method: 'tools/list' });

/** One start of `argv`: ms from spawn to the initialize response's line, and to the tools/list response's. */
async function startOnce(argv: string[], env: Record<string, string>, cwd: string): Promise<{ init: number; list: number }> {
  const t0 = performance.now();
  const proc = Bun.spawn(argv, { env, cwd, stdin: 'pipe', stdout: 'pipe', stderr: 'ignore' });
  proc.stdin.write(INIT);
  await proc.stdin.flush();
  const reader = proc.stdout.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const nextLine = async () => {
    while (!text.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`${argv.join(' ')} exited before answering`);
      text += decoder.decode(value, { stream: true });
    }
    const first = text.slice(0, text.indexOf('\n'));
    text = text.slice(first.length + 1);
    return first;
  };
  const initAnswer = await nextLine();
  const init = performance.now() - t0;
  if (!initAnswer.includes('"serverInfo"')) throw new Error(`unexpected answer: ${initAnswer}`);
  proc.stdin.write(LIST);
  await proc.stdin.flush();
  const listAnswer = await nextLine();
  const list = performance.now() - t0;
  if (!listAnswer.includes('"tools"')) throw new Error(`unexpected answer: ${listAnswer}`);
  proc.stdin.end();
  await proc.exited;
  return { init, list };
}

export async function measureServerStart(runs: number) {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: sandbox,
    CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
    CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
    ...SERVER_ENV,
  };
  const both = { floor: [] as number[][], bundle: [] as number[][], source: [] as number[][] };
  const timed = (name: keyof typeof both, argv: string[]) => async () => {
    const t = await startOnce(argv, env, sandbox);
    both[name].push([t.init, t.list]);
    return t.init;
  };
  try {
    await interleaved(
      {
        floor: timed('floor', [process.execPath, FLOOR]),
        bundle: timed('bundle', [process.execPath, BUNDLE, 'mcp']),
        source: timed('source', [process.execPath, ENTRY, 'mcp']),
      },
      runs,
    );
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
  // The warm-up rounds' times go (interleaved keeps only the last `runs`).
  const pick = (k: keyof typeof both, i: 0 | 1) => both[k].slice(-runs).map((t) => t[i]!);
  return {
    init: { floor: pick('floor', 0), bundle: pick('bundle', 0), source: pick('source', 0) },
    list: { floor: pick('floor', 1), bundle: pick('bundle', 1), source: pick('source', 1) },
  };
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 20);
  const r = await measureServerStart(runs);
  const show = (name: string, t: number[]) => `${name}: median ${ms(median(t))}, p90 ${ms(percentile(t, 90))}`;
  for (const [what, times, bar] of [
    ['initialize', r.init, ' (bar 3×)'],
    ['tools/list', r.list, ''],
  ] as const) {
    console.log(`server start (spawn → ${what} response), n=${runs} each, interleaved:`);
    console.log(`  ${show('floor: bun answering by hand', times.floor)}`);
    console.log(
      `  ${show('intercom mcp from the bundle', times.bundle)}  → ${(median(times.bundle) / median(times.floor)).toFixed(2)}× the floor${bar}`,
    );
    console.log(
      `  ${show('intercom mcp from src/', times.source)}  → ${(median(times.source) / median(times.floor)).toFixed(2)}× the floor`,
    );
  }
}
