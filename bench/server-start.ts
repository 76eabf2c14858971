// Server start: spawn `intercom mcp` → the initialize response arrives. Raw JSON-RPC, no SDK client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, ms, percentile } from './stats.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
const INIT = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
})}\n`;

export async function measureServerStart(runs: number): Promise<number[]> {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: sandbox,
    CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
    CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
  };
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const proc = Bun.spawn([process.execPath, ENTRY, 'mcp'], { env, cwd: sandbox, stdin: 'pipe', stdout: 'pipe', stderr: 'ignore' });
      proc.stdin.write(INIT);
      await proc.stdin.flush();
      const reader = proc.stdout.getReader();
      let text = '';
      while (!text.includes('\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('server exited before answering initialize');
        text += new TextDecoder().decode(value);
      }
      const elapsed = performance.now() - t0;
      if (!text.includes('"serverInfo"')) throw new Error(`unexpected answer: ${text}`);
      if (i >= 2) times.push(elapsed); // the first two runs warm the transpiler cache
      proc.stdin.end();
      await proc.exited;
    }
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
  return times;
}

if (import.meta.main) {
  const times = await measureServerStart(20);
  console.log(`server start (spawn → initialize response), n=20: median ${ms(median(times))}, p90 ${ms(percentile(times, 90))}`);
}
