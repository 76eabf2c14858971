// The hooks' routes that answer without bin/app.ts: PreToolUse's common case (nothing new, no
// claimed edit: hooks/pre-tool-use-quick.ts), the case where mail waits and that is all
// (hooks/pre-tool-use-lean.ts, loaded then), and the other hooks' common cases
// (hooks/lifecycle-lean.ts, likewise; under `claude -p` Claude Code waits for each of them in
// turn). The entry (intercom.ts) loads this file once it has read the hook's input. In the
// bundle this file, like each lean route, is CommonJS with its bytecode beside it (`.jsc`): bun
// then runs it without parsing it (scripts/bundle.ts). In bin/ because it reads process.env.
import { quickConfig } from '../core/config.ts';
import type { QuickConfig } from '../core/config.ts';
import { describeError, hasErrno } from '../core/errors.ts';
import { parseHookInput } from '../hooks/input.ts';
import type { HookInput } from '../hooks/input.ts';
import type { LeanAnswer } from '../hooks/lifecycle-lean.ts';
import { quickVerdict } from '../hooks/pre-tool-use-quick.ts';

/**
 * Answer hook `event` (an `intercom hook <event>` name) for `input` (its stdin) when a lean route
 * can: its output written, the exit code to end with. Undefined, with nothing written: any other
 * case, doubt or error (bad settings or input) is app.ts's to handle and report.
 */
export async function answerHook(event: string, input: string): Promise<number | undefined> {
  const answer = await hookAnswer(event, input);
  if (answer === undefined) return undefined;
  // As app.ts writes: never through process.stdout (its first touch costs ~15 ms); a reader that
  // went away (EPIPE) silences the stream and leaves the exit code as it was; any other failure
  // is said on stderr and ends the hook with 1.
  let code = 0;
  for (const [stream, name, text] of [
    [Bun.stderr, 'stderr', answer.err],
    [Bun.stdout, 'stdout', answer.out],
  ] as const) {
    if (text === '') continue;
    try {
      await Bun.write(stream, text);
    } catch (error) {
      if (hasErrno(error, 'EPIPE')) continue;
      code = 1;
      if (name === 'stdout') await Bun.write(Bun.stderr, `intercom: cannot write to stdout: ${describeError(error)}\n`).catch(() => 0);
    }
  }
  return code;
}

/** What hook `event` writes for `input` when a lean route can answer, or undefined for app.ts. */
async function hookAnswer(event: string, input: string): Promise<LeanAnswer | undefined> {
  try {
    const home = process.env.HOME;
    const config = home ? quickConfig(process.env, home, process.cwd()) : undefined;
    if (config === undefined) return undefined;
    const hookInput = parseHookInput(input);
    if (event === 'pre-tool-use') {
      const answer = await preToolUseAnswer(config, hookInput);
      return answer === undefined ? undefined : { out: answer === '' ? '' : `${answer}\n`, err: '' };
    }
    const { leanLifecycleHook } = await import('../hooks/lifecycle-lean.ts');
    return await leanLifecycleHook(event, config, hookInput, process.pid, Math.floor(performance.timeOrigin));
  } catch {
    return undefined;
  }
}

/** PreToolUse's answer on stdout ('' for none), or undefined for app.ts. */
async function preToolUseAnswer(config: QuickConfig, hookInput: HookInput): Promise<string | undefined> {
  const verdict = await quickVerdict(config, hookInput);
  if (verdict.kind !== 'mail') return verdict.kind === 'nothing' ? '' : undefined;
  const { leanPreToolUse } = await import('../hooks/pre-tool-use-lean.ts');
  return leanPreToolUse(config, hookInput, verdict.inbox, process.pid);
}
