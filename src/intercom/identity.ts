// Who is this process? One module for the three answers:
// - the MCP server registers as an agent: a resumed Claude session (same session id), or a
//   restarted MCP server under the same Claude process, gets its old code (and unread mail) back;
// - a hook finds the agent of its session (by session id, else by its Claude process);
// - the CLI acts as the person at the terminal ("human"), or as the live agent that
//   CLAUDE_INTERCOM_SESSION names (a script run from inside a Claude session).
import { IntercomError } from '../core/errors.ts';
import { isSessionId } from '../core/ids.ts';
import type { IdentityOverride } from '../core/ids.ts';
import { ancestors, claudeCandidates, findClaudeAncestor, procInfo } from '../core/proc.ts';
import type { ProcInfo } from '../core/proc.ts';
import { detectProject, projectKey } from '../core/project.ts';
import type { Agents } from '../store/agents.ts';
import type { Mail } from '../store/mail.ts';
import { sessionMailbox } from '../core/ids.ts';
import type { AgentRecord } from '../store/schema.ts';
import { transcriptPath } from '../claude/transcript-path.ts';
import type { Intercom } from './index.ts';
import type { Sender } from './post-office.ts';
import { createPresence } from './presence.ts';

export interface SelfRegistration {
  agents: Agents;
  mail: Mail;
  pid: number;
  cwd: string;
  override: IdentityOverride;
  /** CLAUDE_CODE_SESSION_ID from the environment. */
  claudeSessionId: string | undefined;
  claudeConfigDir: string | undefined;
  /** How this server was started, recorded so that doctor can tell a plugin's sessions from others. */
  route?: AgentRecord['route'];
  /** CLAUDE_PLUGIN_ROOT, when a plugin started it. */
  pluginRoot?: string | undefined;
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
    projectKey: projectKey(project),
    projectRoot: project.root,
    cwd,
    pid,
    pidStart: self.start,
    claudePid: claude?.pid,
    claudePidStart: claude?.start,
    sessionId,
    transcriptPath: transcript,
    route: input.route,
    pluginRoot: input.pluginRoot,
  });
  // Mail sent to this session before it ran intercom (to "s-<session id>") is now its own.
  if (sessionId) await mail.adopt(sessionMailbox(sessionId), agent.code);
  // A prompt that ran before this server registered marked its Claude process busy: it still is.
  if (claude) await createPresence(agents).adopt(claude, agent.code);
  return agent;
}

export interface HookAgent {
  code: string;
  via: 'override' | 'session' | 'process';
}

/** What a hook knows of itself: its session id (stdin), its pid, and its environment's hints. */
export interface HookSelf {
  sessionId?: string | undefined;
  pid: number;
  /** CLAUDE_PID, which Claude Code 2.1.330 sets for hooks. */
  claudePid?: number | undefined;
  /** CLAUDE_INTERCOM_SESSION. */
  identityOverride?: string | undefined;
}

/** The Claude process that runs a hook, as far as its ancestry (and CLAUDE_PID) tells. */
export function hookClaude(self: HookSelf, chain: ProcInfo[]): ProcInfo | undefined {
  return claudeCandidates(chain, self.claudePid)[0];
}

/**
 * What finding a hook's agent reads and moves: an Intercom, or the PreToolUse lean route's store
 * (store/quick-mail.ts), which serves the common case and hands the rest to the full hook.
 */
export interface HookAgentStore {
  agents: Pick<Agents, 'codeForOverride' | 'codesForSession' | 'getLive' | 'codeForAnyProcess' | 'linkSession'>;
  mail: Pick<Mail, 'adopt'>;
  presence: Pick<Intercom['presence'], 'adopt'>;
}

/**
 * The agent a hook belongs to. `chain`: this hook's ancestors, when the caller has read them already. Once found, mail that
 * was sent to the bare session (before its agent registered, or while a send was resolving)
 * moves into the agent's inbox, so it is never stranded, and the busy/idle events this hook's
 * Claude process recorded before the agent existed become the agent's.
 */
export async function hookAgent(store: HookAgentStore, self: HookSelf, chain?: ProcInfo[]): Promise<HookAgent | undefined> {
  const lineage = chain ?? ancestors(self.pid);
  const agent = await findAgent(store, self, lineage);
  if (!agent) return undefined;
  if (self.sessionId) await store.mail.adopt(sessionMailbox(self.sessionId), agent.code);
  const claude = hookClaude(self, lineage);
  if (claude) await store.presence.adopt(claude, agent.code);
  return agent;
}

async function findAgent(store: HookAgentStore, self: HookSelf, lineage: ProcInfo[]): Promise<HookAgent | undefined> {
  if (self.identityOverride !== undefined) {
    const code = await store.agents.codeForOverride(self.identityOverride);
    if (code) return { code, via: 'override' };
  }
  const linked = self.sessionId ? await store.agents.codesForSession(self.sessionId) : [];
  if (linked.length === 1 && !(await runByAnotherClaude(store, linked[0]!, lineage))) return { code: linked[0]!, via: 'session' };
  const byProcess = await store.agents.codeForAnyProcess(claudeCandidates(lineage, self.claudePid));
  if (!byProcess) return undefined; // the mail of a session several processes run is not ours to take
  // Link a session id that names no agent yet (a new id after /clear); never overwrite a link to
  // another agent, nor the list of a session that several processes run.
  if (self.sessionId && linked.length === 0) await store.agents.linkSession(self.sessionId, byProcess);
  return { code: byProcess, via: 'process' };
}

/** A live agent registered by a Claude process that is not among this hook's ancestors. */
async function runByAnotherClaude(store: HookAgentStore, code: string, lineage: ProcInfo[]): Promise<boolean> {
  const agent = await store.agents.getLive(code);
  if (!agent?.claude_pid) return false; // gone (a resume re-registers it), or no Claude process on record
  return !lineage.some((p) => p.pid === agent.claude_pid && p.start === agent.claude_pid_start);
}

/** Who the CLI acts as: "human", or the live agent CLAUDE_INTERCOM_SESSION (`override`) names. */
export async function cliSender(agents: Agents, override: string | undefined): Promise<Sender> {
  if (override === undefined) return { kind: 'human' };
  const code = await agents.codeForOverride(override);
  const agent = code ? await agents.getLive(code) : undefined;
  if (!agent) {
    // Any command run with the variable still set fails the same way: the step lists agents without it.
    throw new IntercomError(
      'NOT_LIVE',
      `CLAUDE_INTERCOM_SESSION=${override} does not name a live agent: unset it to act as "human", or set it to a live agent's code`,
      { next: { op: 'who', withoutOverride: true, why: 'to list the live agents' } },
    );
  }
  return { kind: 'agent', agent };
}
