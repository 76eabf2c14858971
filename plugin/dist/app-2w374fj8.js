// @bun
import {
  joinPath,
  IntercomError,
  sessionMailbox,
  isSessionId
} from "./app-jcmt5trc.js";
import {
  procInfo2,
  ancestors2,
  findClaudeAncestor2,
  claudeCandidates2
} from "./app-fgrk1ekz.js";
import {
  createPresence
} from "./app-k1kn2ssd.js";
import {
  detectProject,
  projectKey
} from "./app-wjvxasyr.js";

// src/claude/transcript-path.ts
function projectFolderName(cwd) {
  return cwd.replace(/[^A-Za-z0-9]/g, "-");
}
function transcriptPath(configDir, cwd, sessionId) {
  return joinPath(configDir, "projects", projectFolderName(cwd), `${sessionId}.jsonl`);
}

// src/intercom/identity.ts
async function registerSelf2(input) {
  const { agents, mail, pid, cwd, override } = input;
  const self = procInfo2(pid);
  if (!self)
    throw new IntercomError("IO", `cannot read process info of pid ${pid}`);
  const claude = findClaudeAncestor2(ancestors2(pid));
  const sessionId = override.sessionId ?? (input.claudeSessionId && isSessionId(input.claudeSessionId) ? input.claudeSessionId : undefined);
  const preferredCode = (sessionId ? await agents.codeForSession(sessionId) : undefined) ?? (claude ? await agents.codeForProcess(claude.pid, claude.start) : undefined);
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
    pluginRoot: input.pluginRoot
  });
  if (sessionId)
    await mail.adopt(sessionMailbox(sessionId), agent.code);
  if (claude)
    await createPresence(agents).adopt(claude, agent.code);
  return agent;
}
function hookClaude2(self, chain) {
  return claudeCandidates2(chain, self.claudePid)[0];
}
async function hookAgent2(store, self, chain) {
  const lineage = chain ?? ancestors2(self.pid);
  const agent = await findAgent(store, self, lineage);
  if (!agent)
    return;
  if (self.sessionId)
    await store.mail.adopt(sessionMailbox(self.sessionId), agent.code);
  const claude = hookClaude2(self, lineage);
  if (claude)
    await store.presence.adopt(claude, agent.code);
  return agent;
}
async function findAgent(store, self, lineage) {
  if (self.identityOverride !== undefined) {
    const code = await store.agents.codeForOverride(self.identityOverride);
    if (code)
      return { code, via: "override" };
  }
  const linked = self.sessionId ? await store.agents.codesForSession(self.sessionId) : [];
  if (linked.length === 1 && !await runByAnotherClaude(store, linked[0], lineage))
    return { code: linked[0], via: "session" };
  const byProcess = await store.agents.codeForAnyProcess(claudeCandidates2(lineage, self.claudePid));
  if (!byProcess)
    return;
  if (self.sessionId && linked.length === 0)
    await store.agents.linkSession(self.sessionId, byProcess);
  return { code: byProcess, via: "process" };
}
async function runByAnotherClaude(store, code, lineage) {
  const agent = await store.agents.getLive(code);
  if (!agent?.claude_pid)
    return false;
  return !lineage.some((p) => p.pid === agent.claude_pid && p.start === agent.claude_pid_start);
}
async function cliSender2(agents, override) {
  if (override === undefined)
    return { kind: "human" };
  const code = await agents.codeForOverride(override);
  const agent = code ? await agents.getLive(code) : undefined;
  if (!agent) {
    throw new IntercomError("NOT_LIVE", `CLAUDE_INTERCOM_SESSION=${override} does not name a live agent: unset it to act as "human", or set it to a live agent's code`, { next: { op: "who", withoutOverride: true, why: "to list the live agents" } });
  }
  return { kind: "agent", agent };
}

export { registerSelf2, hookClaude2, hookAgent2, cliSender2 };
