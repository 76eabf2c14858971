// Hook cost: PreToolUse as Claude Code pays it (wall time of the whole process), with an empty
// inbox and with 1,000 unread messages, next to an empty bun file (the floor: `bun -e ''` is no
// floor, it prints bun's usage and runs no script) and next to a hook that spawns `ps` once per
// ancestor level. Bars (DESIGN.md §5, issue 14.1): empty inbox ≤ 1.3× the empty file; 1,000
// unread ≤ 1.5× the empty inbox. With mail waiting the hook claims a batch each run, so the
// batch is put back into new/ before the next run: every run sees 1,000 unread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openIntercom } from '../src/intercom/index.ts';
import type { Intercom } from '../src/intercom/index.ts';
import { median, ms, percentile } from './stats.ts';
import { registerLive } from '../test/helpers/store.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
const PS_HOOK = resolve(import.meta.dir, 'fixtures', 'ps-per-level-hook.ts');
const EMPTY = resolve(import.meta.dir, 'fixtures', 'empty.ts');
const UNREAD = 1_000;

async function timeRuns(
  argv: string[],
  input: string,
  env: Record<string, string>,
  runs: number,
  before?: () => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    await before?.();
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { input, env, encoding: 'utf8' });
    const elapsed = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    if (i >= 3) times.push(elapsed); // warm-up runs fill the transpiler cache
  }
  return times;
}

/** 1,000 unread messages for `code`, written straight into its mailbox (no loop guard). */
async function fillInbox(store: Intercom, code: string): Promise<void> {
  const body = 'The migration is done; the new column is `billing_id`. '.repeat(2);
  for (let i = 0; i < UNREAD; i++) await store.mail.send({ from: { code: 'human' }, to: [code], scope: 'direct', body });
}

/** Put what the last hook run claimed back into new/, so the next run sees the same inbox. */
async function unclaim(store: Intercom, code: string): Promise<void> {
  for (const m of await store.mail.list(code, ['delivered'])) await store.mail.move(code, m.message.id, ['delivered'], 'new');
}

export async function measureHookCost(runs: number) {
  const sandbox = mkdtempSync(join(tmpdir(), 'intercom-bench-'));
  try {
    const env = isolatedEnv(sandbox);
    const store = await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! });
    const empty = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId: randomUUID() });
    const full = await registerLive(store, { project: 'b', projectRoot: sandbox, sessionId: randomUUID() });
    await fillInbox(store, full.code);
    const input = (sessionId: string | undefined) =>
      JSON.stringify({ session_id: sessionId, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } });
    const hook = [process.execPath, ENTRY, 'hook', 'pre-tool-use'];
    return {
      emptyFile: await timeRuns([process.execPath, EMPTY], '', env, runs),
      hook: await timeRuns(hook, input(empty.session_id), env, runs),
      hookUnread: await timeRuns(hook, input(full.session_id), env, runs, () => unclaim(store, full.code)),
      psPerLevel: await timeRuns([process.execPath, PS_HOOK], input(empty.session_id), env, runs),
    };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const runs = 40;
  const r = await measureHookCost(runs);
  const line = (name: string, t: number[]) => `${name}: median ${ms(median(t))}, p90 ${ms(percentile(t, 90))}`;
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  console.log(`hook cost, n=${runs} each:`);
  console.log(`  ${line('`bun empty.ts` (an empty file: the floor)', r.emptyFile)}`);
  console.log(`  ${line('PreToolUse, empty inbox', r.hook)}  → / empty file = ${ratio(r.hook, r.emptyFile)}× (bar 1.3×)`);
  console.log(`  ${line(`PreToolUse, ${UNREAD} unread`, r.hookUnread)}  → / empty inbox = ${ratio(r.hookUnread, r.hook)}× (bar 1.5×)`);
  console.log(`  ${line('hook spawning ps per level', r.psPerLevel)}  → ${ratio(r.psPerLevel, r.hook)}× ours`);
}
