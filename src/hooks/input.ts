// Claude Code's hook input (stdin JSON). Only the fields intercom uses are read; they are
// checked by hand because a hook must not pay for importing zod on its fast path.
import { IntercomError } from '../core/errors.ts';
import { isSessionId } from '../core/ids.ts';

export interface HookInput {
  sessionId?: string;
  transcriptPath?: string;
  cwd?: string;
  toolName?: string;
  toolInput?: Record<string, unknown>;
  /**
   * Set when the hook fires inside a subagent (Agent/Task tool): Claude Code then passes the
   * parent's session_id plus `agent_id` and `agent_type` (hooks docs, common input fields; seen
   * with 2.1.330). Whatever such a hook adds reaches the subagent's context only, never the main
   * thread's model, so it must never take mail.
   */
  agentId?: string;
  /** SessionStart's `source`: startup, resume, clear, or compact (which can run mid-turn). */
  source?: string;
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IntercomError(
      'BAD_INPUT',
      `hook input is not JSON (${(error as Error).message}); is this hook wired to a Claude Code event?`,
    );
  }
  if (typeof raw !== 'object' || raw === null) throw new IntercomError('BAD_INPUT', 'hook input is not a JSON object');
  const o = raw as Record<string, unknown>;
  const sessionId = str(o.session_id);
  return {
    ...(sessionId && isSessionId(sessionId) ? { sessionId } : {}),
    ...(str(o.transcript_path) ? { transcriptPath: str(o.transcript_path) } : {}),
    ...(str(o.cwd) ? { cwd: str(o.cwd) } : {}),
    ...(str(o.tool_name) ? { toolName: str(o.tool_name) } : {}),
    ...(str(o.agent_id) ? { agentId: str(o.agent_id) } : {}),
    ...(str(o.source) ? { source: str(o.source) } : {}),
    ...(typeof o.tool_input === 'object' && o.tool_input !== null ? { toolInput: o.tool_input as Record<string, unknown> } : {}),
  };
}

/**
 * `input` written back as Claude Code's hook JSON, with only the fields parseHookInput reads
 * (parseHookInput(hookInputText(x)) gives x again): what an armed watcher hands on to its lean
 * wait (bin/lean-wait-handoff.ts), without the rest of what Claude Code sent (a Stop's
 * last_assistant_message can be any size).
 */
export function hookInputText(input: HookInput): string {
  return JSON.stringify({
    session_id: input.sessionId,
    transcript_path: input.transcriptPath,
    cwd: input.cwd,
    tool_name: input.toolName,
    agent_id: input.agentId,
    source: input.source,
    tool_input: input.toolInput,
  });
}
