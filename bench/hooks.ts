// Hook cost: PreToolUse as Claude Code pays it (wall time of the whole process, in the environment
// its command sets: cli/install/hooks-spec.ts HOOK_ENV), from the bundle
// users run (plugin/dist), from the same bundle without its bytecode (the .jsc files, which only
// the bun that built them can use) and from src/, with an empty inbox and with 1,000 unread
// messages, next to an empty bun file (the floor: `bun -e ''` is no floor, it prints bun's usage
// and runs no script), next to the least a PreToolUse hook written for bun can do in each case
// (fixtures/least-pre-tool-use.ts, fixtures/least-mail-hook.ts: how close to a bar any hook can
// come), and next to a hook that spawns `ps` once per ancestor level; all interleaved. Bars (DESIGN.md §5, issue 14.1): empty inbox ≤ 1.3× the empty file; 1,000
// unread ≤ 1.5× the empty inbox. With mail waiting the hook claims a batch each run, so the
// batch is put back into new/ before the next run: every run sees 1,000 unread.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { HOOK_ENV, HOOK_ENV_VARS } from '../src/cli/install/hooks-spec.ts';
import { openIntercom } from '../src/intercom/index.ts';
import type { Intercom } from '../src/intercom/index.ts';
import { interleaved } from './interleave.ts';
import { median, ms, percentile } from './stats.ts';
import { registerLive } from '../test/helpers/store.ts';
import { isolatedEnv } from '../test/helpers/tmp.ts';

const ENTRY = resolve(import.meta.dir, '..', 'src', 'bin', 'intercom.ts');
/** What the plugin and the npm package run (`npm run build`). */
const BUNDLE = resolve(import.meta.dir, '..', 'plugin', 'dist', 'intercom');
const PS_HOOK = resolve(import.meta.dir, 'fixtures', 'ps-per-level-hook.ts');
const LEAST_EMPTY = resolve(import.meta.dir, 'fixtures', 'least-pre-tool-use.ts');
const LEAST_MAIL = resolve(import.meta.dir, 'fixtures', 'least-mail-hook.ts');
const EMPTY = resolve(import.meta.dir, 'fixtures', 'empty.ts');
const UNREAD = 1_000;

/** One run of `argv` with `input` on stdin: the wall time of the whole process (ms). */
function timeRun(argv: string[], input: string, env: Record<string, string>): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { input, env, encoding: 'utf8' });
  const elapsed = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return elapsed;
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
    const bundled = [process.execPath, BUNDLE, 'hook', 'pre-tool-use'];
    // The same bundle, its bytecode left out: what a bun other than the one that built it runs.
    const noBytecodeDir = join(sandbox, 'dist');
    cpSync(dirname(BUNDLE), noBytecodeDir, { recursive: true, filter: (path) => !path.endsWith('.jsc') });
    const noBytecode = [process.execPath, join(noBytecodeDir, basename(BUNDLE)), 'hook', 'pre-tool-use'];
    // As the hook command runs them (its assignments: cli/install/hooks-spec.ts HOOK_ENV).
    const hookEnv = { ...env, ...HOOK_ENV_VARS };
    const run =
      (argv: string[], sessionId?: string, e = hookEnv) =>
      async () =>
        timeRun(argv, sessionId ? input(sessionId) : '', e);
    const unreadRun = (argv: string[]) => async () => {
      await unclaim(store, full.code); // every run sees the same 1,000 unread
      return timeRun(argv, input(full.session_id), hookEnv);
    };
    return await interleaved(
      {
        emptyFile: run([process.execPath, EMPTY], undefined, env),
        emptyFileHookEnv: run([process.execPath, EMPTY]),
        bundle: run(bundled, empty.session_id),
        bundleUnread: unreadRun(bundled),
        noBytecode: run(noBytecode, empty.session_id),
        noBytecodeUnread: unreadRun(noBytecode),
        leastEmpty: run([process.execPath, LEAST_EMPTY], empty.session_id),
        leastMail: unreadRun([process.execPath, LEAST_MAIL]),
        source: run(hook, empty.session_id),
        sourceUnread: unreadRun(hook),
        psPerLevel: run([process.execPath, PS_HOOK], empty.session_id),
      },
      runs,
      3,
    );
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const runs = 40;
  const r = await measureHookCost(runs);
  const line = (name: string, t: number[]) => `${name}: median ${ms(median(t))}, p90 ${ms(percentile(t, 90))}`;
  const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
  console.log(`hook cost, n=${runs} each, interleaved (wall time of the whole process):`);
  console.log(`  ${line('`bun empty.ts` (an empty file: the floor)', r.emptyFile)}`);
  console.log(`  ${line(`the same with the hooks' environment (${HOOK_ENV})`, r.emptyFileHookEnv)}`);
  console.log(
    `  ${line('PreToolUse from the bundle, empty inbox', r.bundle)}  → / empty file = ${ratio(r.bundle, r.emptyFile)}× (bar 1.3×; ${ratio(r.bundle, r.emptyFileHookEnv)}× the empty file with the hooks' environment)`,
  );
  console.log(
    `  ${line(`PreToolUse from the bundle, ${UNREAD} unread`, r.bundleUnread)}  → / empty inbox = ${ratio(r.bundleUnread, r.bundle)}× (bar 1.5×)`,
  );
  console.log(
    `  ${line('the least a bun hook can do, empty inbox (fixtures/least-pre-tool-use.ts)', r.leastEmpty)}  → / empty file = ${ratio(r.leastEmpty, r.emptyFile)}× (the reach of the 1.3× bar); the bundle is ${ratio(r.bundle, r.leastEmpty)}× it`,
  );
  console.log(
    `  ${line(`the least a bun hook can do, ${UNREAD} unread (fixtures/least-mail-hook.ts)`, r.leastMail)}  → / the least with an empty inbox = ${ratio(r.leastMail, r.leastEmpty)}× (the reach of the 1.5× bar); the bundle is ${ratio(r.bundleUnread, r.leastMail)}× it`,
  );
  console.log(
    `  ${line('the bundle without its bytecode, empty inbox', r.noBytecode)} / ${line(`${UNREAD} unread`, r.noBytecodeUnread)}  → the bytecode saves ${ms(median(r.noBytecode) - median(r.bundle))} / ${ms(median(r.noBytecodeUnread) - median(r.bundleUnread))}`,
  );
  console.log(`  ${line('PreToolUse from src/, empty inbox', r.source)}  → / empty file = ${ratio(r.source, r.emptyFile)}×`);
  console.log(`  ${line(`PreToolUse from src/, ${UNREAD} unread`, r.sourceUnread)}  → / empty inbox = ${ratio(r.sourceUnread, r.source)}×`);
  console.log(`  ${line('hook spawning ps per level', r.psPerLevel)}  → ${ratio(r.psPerLevel, r.bundle)}× the bundle's`);
}
