#!/usr/bin/env bun
// The one entry point: `intercom mcp`, `intercom hook <event>`, or the human CLI. With app.ts and
// hook-routes.ts, the only files that read process.env and process.argv.
// PreToolUse runs before every tool call, so its common case (nothing new, no claimed edit) never
// loads app.ts: this file reads the hook's input and hands it to hook-routes.ts, which answers it,
// and the case where mail waits and that is all, and the other hooks' common cases (under
// `claude -p` Claude Code waits for each hook in turn). Everything else, those hooks' other
// cases included, is app.ts, loaded on demand with the input already read (stdin can be read
// only once).
// This file imports nothing else up front, and loads hook-routes.ts only once the input is in,
// while this module still awaits: measured with Bun 1.4.5, a module that has finished running
// before its process waits for stdin pays ~0.7 ms for a garbage collection that bun then runs.
import { LIFECYCLE_EVENTS } from '../hooks/lifecycle-events.ts';

const argv = process.argv.slice(2);
let stdin: string | undefined;
if (argv[0] === 'hook' && argv[1] !== undefined && (argv[1] === 'pre-tool-use' || LIFECYCLE_EVENTS.has(argv[1]))) {
  stdin = await Bun.stdin.text();
  const { answerHook } = await import('./hook-routes.ts');
  const code = await answerHook(argv[1], stdin);
  if (code !== undefined) process.exit(code);
}
const { main } = await import('./app.ts');
await main({ argv, stdin, entry: import.meta.path });
