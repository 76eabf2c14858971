// ask to a session that is not running: resume it headlessly, `claude -p --resume <id>`, in its
// own folder and config dir, and take the result as the answer.
import { IntercomError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { ReachConfig } from './reach.ts';
import type { SessionRecord } from './discover.ts';
import { sliceChars, sliceTail } from '../core/text.ts';

/** Can this session be resumed here? Returns the claude command to run, or throws why not. */
export function headlessCommand(session: SessionRecord, reach: ReachConfig): string {
  if (!session.cwd || !nodeFs().existsSync(session.cwd)) {
    throw new IntercomError(
      'NOT_FOUND',
      `session ${session.id} ran in ${session.cwd ?? 'an unknown folder'}, which no longer exists; it cannot be resumed, and nothing was sent`,
    );
  }
  const command = Bun.which(reach.claudeCommand, { PATH: reach.childEnv.PATH ?? '' });
  if (!command) {
    throw new IntercomError(
      'NOT_FOUND',
      `"${reach.claudeCommand}" is not on PATH, so session ${session.id} cannot be resumed headlessly, and nothing was sent; install Claude Code`,
    );
  }
  return command;
}

export async function askHeadless(
  question: { id: string; prompt: string },
  session: SessionRecord,
  command: string,
  reach: ReachConfig,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<string> {
  const env = { ...reach.childEnv, CLAUDE_CONFIG_DIR: session.configDir };
  const argv = [command, '-p', '--resume', session.id, '--output-format', 'json', ...reach.resumeFlags, question.prompt];
  const child = Bun.spawn(argv, { cwd: session.cwd, env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  let stopped: 'timeout' | 'aborted' | undefined;
  const stop = (why: 'timeout' | 'aborted') => {
    stopped ??= why;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const onAbort = () => stop('aborted');
  options.signal?.addEventListener('abort', onAbort);
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  if (stopped === 'timeout') {
    throw new IntercomError(
      'TIMEOUT',
      `the headless resume of session ${session.id} gave no answer within ${Math.round(options.timeoutMs / 1000)} s and was stopped; the question stays in its mailbox (id ${question.id})`,
    );
  }
  if (stopped === 'aborted')
    throw new IntercomError('TIMEOUT', `the question to session ${session.id} was cancelled; it stays in its mailbox (id ${question.id})`);
  if (child.signalCode) {
    throw new IntercomError(
      'IO',
      `claude -p --resume ${session.id} was killed by ${child.signalCode}: ${sliceTail((stderr || stdout).trim(), 500)}`,
    );
  }
  if (code !== 0) {
    throw new IntercomError('IO', `claude -p --resume ${session.id} failed (exit ${code}): ${sliceTail((stderr || stdout).trim(), 500)}`);
  }
  let parsed: { result?: unknown; is_error?: unknown } | undefined;
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    return stdout; // not JSON (a CLAUDE_INTERCOM_RESUME_FLAGS override of the format): the text is the answer
  }
  if (parsed?.is_error === true)
    throw new IntercomError('IO', `the resumed session answered with an error: ${sliceChars(String(parsed.result), 500)}`);
  return typeof parsed?.result === 'string' ? parsed.result : stdout;
}
