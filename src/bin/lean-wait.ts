// The armed watcher's lean wait, as a process: what the watcher hook's process becomes once it
// knows its agent (bin/lean-wait-handoff.ts replaces its image with `bun lean-wait.js`; same pid,
// same pipes to Claude Code). It reads the hand-off from its environment, arms and waits
// (hooks/watcher-lean.ts) and ends as the watcher would: exit 2 with the wake text on stderr, or
// exit 0. When the lean wait meets anything unusual, the full hook (bin/app.ts) runs again, from
// the hook's input, in this process, with its wait kept there. In the bundle this file is CommonJS with its bytecode beside
// it, like the hooks' routes (scripts/bundle.ts): so no await at its top level.
import { checkLeanWaitState, leanWait } from '../hooks/watcher-lean.ts';
import type { LeanWaitState } from '../hooks/watcher-lean.ts';
import { LEAN_WAIT_STATE_VAR } from './lean-wait-handoff.ts';

const handoff = process.env[LEAN_WAIT_STATE_VAR];
delete process.env[LEAN_WAIT_STATE_VAR]; // not for the processes this one starts (the inotify holder)
const stop = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop.abort());

// stderr, in order; a reader that went away changes nothing (the full hook's writer says why: bin/app.ts).
let written: Promise<unknown> = Promise.resolve();
const err = (text: string) => {
  written = written.then(() => Bun.write(Bun.stderr, `${text}\n`)).catch(() => undefined);
};

async function run(): Promise<void> {
  let state: LeanWaitState;
  try {
    state = checkLeanWaitState(JSON.parse(handoff ?? ''));
  } catch {
    await Bun.write(
      Bun.stderr,
      "intercom: this is the armed watcher's wait, which only the watcher hook starts (it hands it what to wait on); it is not run by hand.\n",
    );
    process.exit(1);
  }
  let code: number;
  try {
    code = await leanWait(state, { pid: process.pid, startedAt: Math.floor(performance.timeOrigin), err, signal: stop.signal });
  } catch {
    // Something the lean store leaves to the full hook (a corrupt or special file, mail to
    // adopt, a store it cannot open): the full hook meets it again, deals with it and reports it.
    // Here, not in a fresh image: this process runs without the JIT, so bun:ffi cannot ignore
    // the stop signals through another exec, and a stop in it would kill the hook (exit 143).
    // The lean wait's watches are closed (core/wait-for.ts), and its inotify holder is the full
    // hook's too (core/inotify-holder.ts keeps one per instance for the whole process).
    await written;
    return fullHook(state);
  }
  await written;
  process.exit(code);
}

/** The full hook (bin/app.ts) for `state`'s event and input, its wait kept in this process; it exits the process itself. */
async function fullHook(state: LeanWaitState): Promise<void> {
  const { main } = await import('./app.ts');
  // Its stop signal too: a stop caught by this process's handlers (still in place) is the full hook's to honour.
  await main({ argv: ['hook', state.event], stdin: state.input, entry: state.entry, waitHere: true, stopped: stop.signal });
}

void run();
