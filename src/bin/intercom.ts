#!/usr/bin/env bun
// The one entry point: `intercom mcp`, `intercom hook <event>`, or the human CLI. PreToolUse runs
// before every tool call, so its common case (nothing new, no claimed edit) is answered here,
// from this file and the little it imports (in the bundle: one file, nothing else loaded);
// everything else, that hook's other cases included, is app.ts, loaded on demand. With app.ts,
// the only files that read process.env and process.argv.
import { quickConfig } from '../core/config.ts';
import { parseHookInput } from '../hooks/input.ts';
import { nothingToDo } from '../hooks/pre-tool-use-quick.ts';

const argv = process.argv.slice(2);
let stdin: string | undefined;
if (argv[0] === 'hook' && argv[1] === 'pre-tool-use') {
  stdin = await Bun.stdin.text();
  if (await quickAnswer(stdin)) process.exit(0);
}
const { main } = await import('./app.ts');
await main({ argv, stdin, entry: import.meta.path });

/** True when PreToolUse has nothing to do; any doubt or error (bad settings or input) is app.ts's to handle and report. */
async function quickAnswer(input: string): Promise<boolean> {
  try {
    const home = process.env.HOME;
    const config = home ? quickConfig(process.env, home, process.cwd()) : undefined;
    return config !== undefined && (await nothingToDo(config, parseHookInput(input)));
  } catch {
    return false;
  }
}
