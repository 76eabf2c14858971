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
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IntercomError('BAD_INPUT', `hook input is not JSON (${(error as Error).message}); is this hook wired to a Claude Code event?`);
  }
  if (typeof raw !== 'object' || raw === null) throw new IntercomError('BAD_INPUT', 'hook input is not a JSON object');
  const o = raw as Record<string, unknown>;
  const sessionId = str(o.session_id);
  return {
    ...(sessionId && isSessionId(sessionId) ? { sessionId } : {}),
    ...(str(o.transcript_path) ? { transcriptPath: str(o.transcript_path) } : {}),
    ...(str(o.cwd) ? { cwd: str(o.cwd) } : {}),
    ...(str(o.tool_name) ? { toolName: str(o.tool_name) } : {}),
    ...(typeof o.tool_input === 'object' && o.tool_input !== null ? { toolInput: o.tool_input as Record<string, unknown> } : {}),
  };
}
