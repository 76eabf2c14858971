#!/usr/bin/env bun
// The one entry point: `intercom mcp`, `intercom hook <event>`, or the human CLI. PreToolUse runs
// before every tool call, so its common case (nothing new, no claimed edit) is answered here,
// from this file and the little it imports (in the bundle: one file, nothing else loaded), and
// so is the case where mail waits and that is all (hooks/pre-tool-use-lean.ts, one more file).
// The other hooks' common cases take a lean route too (hooks/lifecycle-lean.ts, one more file):
// under `claude -p` Claude Code waits for each of them in turn. Everything else, those hooks'
// other cases included, is app.ts, loaded on demand. With app.ts, the only files that read
// process.env and process.argv.
import { quickConfig } from '../core/config.ts';
import { parseHookInput } from '../hooks/input.ts';
import { LIFECYCLE_EVENTS } from '../hooks/lifecycle-events.ts';
import { quickVerdict } from '../hooks/pre-tool-use-quick.ts';

const argv = process.argv.slice(2);
let stdin: string | undefined;
if (argv[0] === 'hook' && argv[1] === 'pre-tool-use') {
  stdin = await Bun.stdin.text();
  const answer = await quickAnswer(stdin);
  if (answer !== undefined) {
    if (answer !== '') await Bun.write(Bun.stdout, `${answer}\n`); // never process.stdout: its first touch costs ~15 ms (app.ts)
    process.exit(0);
  }
} else if (argv[0] === 'hook' && argv[1] !== undefined && LIFECYCLE_EVENTS.has(argv[1])) {
  stdin = await Bun.stdin.text();
  const answer = await leanAnswer(argv[1], stdin);
  if (answer !== undefined) {
    if (answer.err !== '') await Bun.write(Bun.stderr, answer.err);
    if (answer.out !== '') await Bun.write(Bun.stdout, answer.out);
    process.exit(0);
  }
}
const { main } = await import('./app.ts');
await main({ argv, stdin, entry: import.meta.path });

/**
 * PreToolUse's answer on stdout when this entry can give it ('' for none), or undefined: any
 * other case, doubt or error (bad settings or input) is app.ts's to handle and report.
 */
async function quickAnswer(input: string): Promise<string | undefined> {
  try {
    const home = process.env.HOME;
    const config = home ? quickConfig(process.env, home, process.cwd()) : undefined;
    if (config === undefined) return undefined;
    const hookInput = parseHookInput(input);
    const verdict = await quickVerdict(config, hookInput);
    if (verdict.kind !== 'mail') return verdict.kind === 'nothing' ? '' : undefined;
    const { leanPreToolUse } = await import('../hooks/pre-tool-use-lean.ts');
    return await leanPreToolUse(config, hookInput, verdict.inbox, process.pid);
  } catch {
    return undefined;
  }
}

/** A lifecycle hook's answer from its lean route, or undefined: any other case, doubt or error is app.ts's. */
async function leanAnswer(event: string, input: string): Promise<{ out: string; err: string } | undefined> {
  try {
    const home = process.env.HOME;
    const config = home ? quickConfig(process.env, home, process.cwd()) : undefined;
    if (config === undefined) return undefined;
    const { leanLifecycleHook } = await import('../hooks/lifecycle-lean.ts');
    return await leanLifecycleHook(event, config, parseHookInput(input), process.pid, Math.floor(performance.timeOrigin));
  } catch {
    return undefined;
  }
}
