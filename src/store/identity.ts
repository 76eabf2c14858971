// Who is this process? Resolves the agent an MCP server registers as, so that a resumed Claude
// session (same session id), or a restarted MCP server under the same Claude process, gets its
// old code — and its unread mail — back.
import { IntercomError } from '../core/errors.ts';
import { isSessionId } from '../core/ids.ts';
import type { IdentityOverride } from '../core/ids.ts';
import { ancestors, findClaudeAncestor, procInfo } from '../core/proc.ts';
import { detectProject } from '../core/project.ts';
import type { Agents } from './agents.ts';
import type { Mail } from './mail.ts';
import { sessionMailbox } from '../core/ids.ts';
import type { AgentRecord } from './schema.ts';
import { transcriptPath } from './transcripts.ts';
import { processKey } from './activity.ts';

export interface SelfRegistration {
  agents: Agents;
  mail: Mail;
  pid: number;
  cwd: string;
  override: IdentityOverride;
  /** CLAUDE_CODE_SESSION_ID from the environment. */
  claudeSessionId: string | undefined;
  claudeConfigDir: string | undefined;
}

export async function registerSelf(input: SelfRegistration): Promise<AgentRecord> {
  const { agents, mail, pid, cwd, override } = input;
  const self = procInfo(pid);
  if (!self) throw new IntercomError('IO', `cannot read process info of pid ${pid}`);
  const claude = findClaudeAncestor(ancestors(pid));
  const sessionId = override.sessionId ?? (input.claudeSessionId && isSessionId(input.claudeSessionId) ? input.claudeSessionId : undefined);
  const preferredCode =
    (sessionId ? await agents.codeForSession(sessionId) : undefined) ??
    (claude ? await agents.codeForProcess(claude.pid, claude.start) : undefined);
  const project = detectProject(cwd);
  const transcript = sessionId && input.claudeConfigDir ? transcriptPath(input.claudeConfigDir, cwd, sessionId) : undefined;
  const agent = await agents.register({
    requiredCode: override.code,
    preferredCode,
    name: override.name,
    project: project.name,
    projectRoot: project.root,
    cwd,
    pid,
    pidStart: self.start,
    claudePid: claude?.pid,
    claudePidStart: claude?.start,
    sessionId,
    transcriptPath: transcript,
  });
  // Mail sent to this session before it ran intercom (to "s-<session id>") is now its own.
  if (sessionId) await mail.adopt(sessionMailbox(sessionId), agent.code);
  // A prompt that ran before this server registered marked its Claude process busy: it still is.
  if (claude) await agents.adoptActivity(processKey(claude), agent.code);
  return agent;
}
