// Hook cost: PreToolUse with an empty inbox (wall time of the whole process, as Claude Code pays
// it) next to a bare `bun -e ''` start and next to a hook that spawns `ps` once per ancestor level.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../src/intercom/index.ts';
import { median, ms, percentile } from './stats.ts';
import { registerLive } from '../test/helpers/store.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
const PS_HOOK = resolve(import.meta.dir, 'fixtures', 'ps-per-level-hook.ts');
const EMPTY = resolve(import.meta.dir, 'fixtures', 'empty.ts');

function timeRuns(argv: string[], input: string, env: Record<string, string>, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { input, env, encoding: 'utf8' });
    const elapsed = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    if (i >= 3) times.push(elapsed); // warm-up runs fill the transpiler cache
  }
  return times;
}

export async function measureHookCost(runs: number) {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: sandbox,
      CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
      CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
    };
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR });
    const sessionId = randomUUID();
    await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId });
    const input = JSON.stringify({
      session_id: sessionId,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
    });
    return {
      hook: timeRuns([process.execPath, ENTRY, 'hook', 'pre-tool-use'], input, env, runs),
      bare: timeRuns([process.execPath, '-e', ''], '', env, runs),
      // Running any file at all costs more than -e (the module loader starts): the floor for a hook.
      emptyFile: timeRuns([process.execPath, EMPTY], '', env, runs),
      psPerLevel: timeRuns([process.execPath, PS_HOOK], input, env, runs),
    };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const r = await measureHookCost(60);
  const line = (name: string, t: number[]) => `${name}: median ${ms(median(t))}, p90 ${ms(percentile(t, 90))}`;
  console.log(`hook cost, n=60 each:`);
  console.log(`  ${line('PreToolUse, empty inbox', r.hook)}`);
  console.log(`  ${line("bare `bun -e ''`", r.bare)}  → hook / bare = ${(median(r.hook) / median(r.bare)).toFixed(2)}×`);
  console.log(
    `  ${line('`bun empty.ts` (an empty file)', r.emptyFile)}  → hook / empty file = ${(median(r.hook) / median(r.emptyFile)).toFixed(2)}×`,
  );
  console.log(
    `  ${line('hook spawning ps per level', r.psPerLevel)}  → ${(median(r.psPerLevel) / median(r.hook)).toFixed(2)}× slower than ours`,
  );
}
