// The registry of agents. Presence = one file per agent, created by exclusive link so two
// processes can never hold the same code; liveness = pid alive with the same start time.
// Whoever notices a dead agent reaps it.
import { joinPath as join } from '../core/paths.ts';
import { IntercomError, hasErrno } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { assertCode, assertName, isCode, newCode, parseIdentityOverride } from '../core/ids.ts';
import { isProcessAlive } from '../core/proc.ts';
import { assertPlainText } from '../core/text.ts';
import { label } from '../core/peer-text.ts';
import type { StoreContext } from './context.ts';
import { isoNow } from './context.ts';
import { ensureDir, listNames, publish, removeIfPresent, removeQuietly, replaceFile, tmpName, writeTmp } from './files.ts';
import { INBOX_STATES } from './layout.ts';
import { readRecord, readStoreText } from './records.ts';
import type { AgentRecord } from './schema.ts';
import { createActivity } from './activity.ts';
import type { ActivityEvent, ActivityView } from './activity.ts';

export type { Activity } from './activity.ts';

export interface RegisterInput {
  /** A code this agent must have (identity override): conflict if a live agent holds it. */
  requiredCode?: string | undefined;
  /** A code this agent would like back (from its session or process link). */
  preferredCode?: string | undefined;
  name?: string | undefined;
  project: string;
  /** The project on every machine (core/project.ts projectKey). */
  projectKey?: string | undefined;
  projectRoot: string;
  cwd: string;
  pid: number;
  pidStart: string;
  claudePid?: number | undefined;
  claudePidStart?: string | undefined;
  sessionId?: string | undefined;
  transcriptPath?: string | undefined;
  /** How the MCP server was started (the record's `route`), and the plugin folder when by a plugin. */
  route?: AgentRecord['route'];
  pluginRoot?: string | undefined;
  status?: string | undefined;
}

const MAX_CODE_ATTEMPTS = 64;

export function isAgentLive(agent: AgentRecord): boolean {
  return isProcessAlive(agent.pid, agent.pid_start);
}

export function createAgents(ctx: StoreContext) {
  const { layout } = ctx;
  const activities = createActivity({ ...ctx, readEvent: (path, now) => readRecord(layout, 'activity', path, ctx.report, now) });

  async function get(code: string): Promise<AgentRecord | undefined> {
    return readRecord(layout, 'agent', layout.agentFile(code), ctx.report, ctx.clock.now());
  }

  /**
   * Remove a dead agent's presence file. The file is first renamed aside and checked: if a new
   * registration replaced it since we judged it dead, it is put back untouched.
   */
  async function reap(code: string, judgedIno: number): Promise<void> {
    const file = layout.agentFile(code);
    const grave = join(layout.tmp, tmpName(process.pid, ctx.clock.now()));
    try {
      nodeFs().renameSync(file, grave);
    } catch (error) {
      if (hasErrno(error, 'ENOENT')) return; // someone else reaped it
      throw error;
    }
    try {
      if (nodeFs().statSync(grave).ino !== judgedIno) {
        try {
          nodeFs().linkSync(grave, file);
        } catch (error) {
          if (!hasErrno(error, 'EEXIST')) throw error; // yet another registration: it wins
        }
      }
    } finally {
      await removeQuietly(grave);
    }
  }

  /** Read an agent and reap it if dead. Returns the live record or undefined. */
  async function getLive(code: string): Promise<AgentRecord | undefined> {
    const file = layout.agentFile(code);
    let ino: number;
    try {
      ino = nodeFs().statSync(file).ino; // sync: a thread-pool hop costs more, and under load much more
    } catch (error) {
      if (hasErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
    const agent = await get(code);
    if (!agent) return undefined;
    if (isAgentLive(agent)) return agent;
    await reap(code, ino);
    return undefined;
  }

  async function live(): Promise<AgentRecord[]> {
    const names = await listNames(layout.agents);
    const agents = await Promise.all(
      names
        .map((n) => n.slice(0, -'.json'.length))
        .filter(isCode)
        .map(getLive),
    );
    return agents.filter((a): a is AgentRecord => a !== undefined);
  }

  async function ensureMailbox(code: string): Promise<void> {
    await Promise.all(INBOX_STATES.map((state) => ensureDir(layout.messageDir(code, state))));
  }

  async function register(input: RegisterInput): Promise<AgentRecord> {
    const required = input.requiredCode === undefined ? undefined : assertCode(input.requiredCode);
    const preferred = input.preferredCode !== undefined && isCode(input.preferredCode) ? input.preferredCode : undefined;
    const name = input.name === undefined ? undefined : assertName(input.name);
    const now = isoNow(ctx);
    let candidate = required ?? preferred ?? newCode();
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const record: AgentRecord = {
        v: 1,
        code: candidate,
        ...(name ? { name } : {}),
        project: input.project,
        ...(input.projectKey ? { project_key: input.projectKey } : {}),
        project_root: input.projectRoot,
        cwd: input.cwd,
        pid: input.pid,
        pid_start: input.pidStart,
        ...(input.claudePid ? { claude_pid: input.claudePid, claude_pid_start: input.claudePidStart } : {}),
        ...(input.sessionId ? { session_id: input.sessionId } : {}),
        ...(input.transcriptPath ? { transcript_path: input.transcriptPath } : {}),
        ...(input.route ? { route: input.route } : {}),
        ...(input.pluginRoot ? { plugin_root: input.pluginRoot } : {}),
        status: assertPlainText('status', input.status ?? '', { oneLine: true }),
        status_at: now,
        registered_at: now,
      };
      const tmp = await writeTmp(layout, `${JSON.stringify(record)}\n`, ctx.clock.now());
      try {
        await publish(tmp, layout.agentFile(candidate), layout.agents);
        await ensureMailbox(candidate);
        if (input.sessionId) await linkSession(input.sessionId, candidate);
        if (input.sessionId) await markSharedSession(input.sessionId);
        if (input.claudePid && input.claudePidStart) await linkProcess(input.claudePid, input.claudePidStart, candidate);
        return record;
      } catch (error) {
        if (!hasErrno(error, 'EEXIST')) throw error;
      } finally {
        await removeQuietly(tmp);
      }
      // Taken. If its holder is dead, reap it and try the same code again.
      const holder = await getLive(candidate);
      if (holder === undefined) continue;
      if (candidate === required) {
        throw new IntercomError(
          'CONFLICT',
          `code "${candidate}" is held by a live agent (pid ${holder.pid}, project ${label(holder.project)}); ` +
            'unset CLAUDE_INTERCOM_SESSION or choose another code',
        );
      }
      candidate = newCode();
    }
    throw new IntercomError(
      'CONFLICT',
      `could not find a free agent code after ${MAX_CODE_ATTEMPTS} attempts; is ${layout.agents} writable?`,
    );
  }

  /** Remove our own presence file. Only the process that registered may do this. */
  async function unregister(code: string, pid: number): Promise<void> {
    const agent = await get(code);
    if (!agent || agent.pid !== pid) return;
    await removeIfPresent(layout.agentFile(code));
    // The Claude process may already point at a newer agent (an MCP reconnect): leave that link.
    if (agent.claude_pid && agent.claude_pid_start && (await codeForProcess(agent.claude_pid, agent.claude_pid_start)) === code) {
      await removeIfPresent(layout.procFile(agent.claude_pid, agent.claude_pid_start));
    }
  }

  async function update(code: string, pid: number, patch: { status?: string; name?: string | undefined }): Promise<AgentRecord> {
    const agent = await get(code);
    if (!agent || agent.pid !== pid) {
      throw new IntercomError('NO_IDENTITY', `agent ${code} is not registered by this process; restart the intercom MCP server (/mcp)`);
    }
    const next: AgentRecord = { ...agent };
    if (patch.status !== undefined) {
      next.status = assertPlainText('status', patch.status, { oneLine: true }); // shown in terminals and to models: no controls
      next.status_at = isoNow(ctx);
    }
    if (patch.name !== undefined) {
      const name = assertName(patch.name);
      const clash = (await live()).find((a) => a.code !== code && a.name?.toLowerCase() === name.toLowerCase());
      if (clash) {
        throw new IntercomError(
          'CONFLICT',
          `the name "${name}" is taken by live agent ${clash.code} (${label(clash.project)}); pick another name`,
        );
      }
      next.name = name;
    }
    await replaceFile(layout, layout.agentFile(code), layout.agents, `${JSON.stringify(next)}\n`, ctx.clock.now());
    return next;
  }

  /** The code CLAUDE_INTERCOM_SESSION names: a code as given, the code of a session id, or a live agent's name. */
  async function codeForOverride(value: string): Promise<string | undefined> {
    const wanted = parseIdentityOverride(value);
    if (wanted.code) return wanted.code;
    if (wanted.sessionId) return codeForSession(wanted.sessionId);
    const name = wanted.name?.toLowerCase();
    return (await live()).find((a) => a.name?.toLowerCase() === name)?.code;
  }

  async function linkSession(sessionId: string, code: string): Promise<void> {
    await replaceFile(layout, layout.sessionFile(sessionId), layout.sessions, assertCode(code), ctx.clock.now());
  }

  /** The one agent a session id links to; undefined when none, or when several live agents share it. */
  async function codeForSession(sessionId: string): Promise<string | undefined> {
    const codes = await codesForSession(sessionId);
    return codes.length === 1 ? codes[0] : undefined;
  }

  /**
   * Every agent a session id links to: usually one; several when two live Claude processes run
   * the same session (two terminals resuming it, or `--fork-session`, whose hooks carry the
   * parent's id). The file then holds one code a line, which the hooks' fast path does not
   * accept, so they resolve their agent through their own Claude process instead.
   */
  async function codesForSession(sessionId: string): Promise<string[]> {
    const text = await readStoreText(layout, layout.sessionFile(sessionId), ctx.report, ctx.clock.now()); // a planted link or fifo: quarantined
    return (text ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(isCode);
  }

  /**
   * After registering with a session id, record whether other live agents run the same session.
   * Every registrant links first and checks second, so of two that overlap, the later check sees
   * both and writes the shared list last.
   */
  async function markSharedSession(sessionId: string): Promise<void> {
    const sharing = (await live())
      .filter((a) => a.session_id === sessionId)
      .map((a) => a.code)
      .sort();
    if (sharing.length < 2) return;
    await replaceFile(layout, layout.sessionFile(sessionId), layout.sessions, sharing.join('\n'), ctx.clock.now());
  }

  async function linkProcess(pid: number, start: string, code: string): Promise<void> {
    await replaceFile(layout, layout.procFile(pid, start), layout.procs, assertCode(code), ctx.clock.now());
  }

  async function codeForProcess(pid: number, start: string): Promise<string | undefined> {
    const text = (await readStoreText(layout, layout.procFile(pid, start), ctx.report, ctx.clock.now()))?.trim();
    return text && isCode(text) ? text : undefined;
  }

  /** The code linked to the first of these processes that has a link (one readdir of procs/, no spawns). */
  async function codeForAnyProcess(chain: { pid: number; start: string }[]): Promise<string | undefined> {
    const names = new Set(await listNames(layout.procs, ''));
    for (const proc of chain) {
      const file = layout.procFile(proc.pid, proc.start);
      if (names.has(file.slice(file.lastIndexOf('/') + 1))) return codeForProcess(proc.pid, proc.start);
    }
    return undefined;
  }

  /**
   * Written by hooks: busy (a turn runs) or idle, plus the session id and transcript the hook
   * saw. `at`: when the event happened (default now); see activity.ts for why it matters.
   * `key`: an agent code, or "s-<session id>" for a session whose agent is not known yet.
   */
  async function setActivity(
    key: string,
    state: 'busy' | 'idle',
    seen: Omit<ActivityEvent, 'state' | 'at'> & { at?: number | undefined } = {},
  ): Promise<void> {
    await activities.record(key, { ...seen, state, at: seen.at ?? ctx.clock.now() });
  }

  async function activity(code: string): Promise<ActivityView> {
    return activities.read(code);
  }

  return {
    get,
    getLive,
    live,
    register,
    unregister,
    update,
    linkSession,
    codeForSession,
    codesForSession,
    codeForOverride,
    linkProcess,
    codeForProcess,
    codeForAnyProcess,
    setActivity,
    activity,
    adoptActivity: activities.adopt,
  };
}

export type Agents = ReturnType<typeof createAgents>;
