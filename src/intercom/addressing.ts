// Addressing: what a sender typed in `to`, parsed once into a typed address, then resolved into
// mailboxes, with errors that say who *is* reachable. Parsing needs nothing but the text;
// resolving needs the live agents (this machine's, and other machines' as the relay mirrors them,
// docs/relay.md), and only for tokens no live agent answers to, the Claude sessions found in
// transcripts (the post office takes that snapshot only then).
import { IntercomError } from '../core/errors.ts';
import { HUMAN, isCode, isMachine } from '../core/ids.ts';
import type { AgentRecord, Message, RemoteAgentRecord } from '../store/schema.ts';
import { shorten } from '../core/text.ts';
import { label } from '../core/peer-text.ts';

/**
 * A parsed `to`: "all" (live agents on the sender's project), "*" (every live agent), or one or
 * more tokens, each a code, a name, "human", or a session id (or unique prefix of 6+ characters).
 */
export type Address = { kind: 'project' } | { kind: 'everyone' } | { kind: 'direct'; tokens: string[] };

/** What one token of a direct address names. */
export type Target =
  | { kind: 'human' }
  | { kind: 'agent'; agent: AgentRecord }
  | { kind: 'session'; mailbox: string; sessionId: string }
  /** A mailbox on another machine; `reachable` false: its machine is gone (or no relay runs), so mail waits in the outbox. */
  | { kind: 'remote'; mailbox: string; machine: string; agent?: RemoteAgentRecord; reachable: boolean };

export interface Recipients {
  /** Mailboxes: agent codes, "human", or "s-<session id>". */
  codes: string[];
  scope: Message['scope'];
  project?: string;
  /** The recipients that are Claude sessions without a live agent, by mailbox. */
  sessions?: Map<string, string>;
  /** Recipients on other machines ("code@machine") whose machine is not reachable now: their mail is queued. */
  queued?: string[];
}

/** Other machines' agents, as the relay mirrors them (empty when no relay runs). */
export interface RemoteDirectory {
  /** This machine's name in the mesh, when a relay runs (a `code@<it>` is a local code). */
  machine?: string | undefined;
  /** Agents of machines that are up. */
  live: RemoteAgentRecord[];
  /** Agents last seen on machines that are gone now (or with no relay running): mail to them is queued. */
  unreachable: RemoteAgentRecord[];
  /** Other machines known to the mesh, and whether each is up. */
  machines: { name: string; up: boolean }[];
}

export const NO_REMOTE: RemoteDirectory = { live: [], unreachable: [], machines: [] };

/** Who can be reached now, and what is known of codes and session ids that are not live agents. */
export interface Directory {
  live: AgentRecord[];
  /** A code whose mailbox exists was an agent here once: "not live", not "unknown". */
  wasAgent(code: string): boolean;
  /** The live agent a session id was linked to after it registered (a new id after /clear). */
  linked(token: string): AgentRecord | undefined;
  /** Other machines' agents. */
  remote: RemoteDirectory;
}

/** What a `to` entry may look like before any lookup: codes, names, session ids, all, *, and code@machine. */
const TO_TOKEN = /^(?:\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(?:@[A-Za-z0-9][A-Za-z0-9-]{0,62})?)$/;
const MIN_SESSION_PREFIX = 6;
const USAGE = 'use an agent code (e.g. x7k2), code@machine, a name, a session id, "all" (everyone on your project) or "*" (everyone)';

/** Parse `to` (comma-separated). Throws BAD_INPUT for an empty, malformed or mixed ("all,x7k2") address. */
export function parseAddress(to: string): Address {
  const tokens = to.split(',').map((t) => t.trim());
  if (tokens.every((t) => t === ''))
    throw new IntercomError('BAD_INPUT', `no recipient given: ${USAGE}`, { next: { op: 'who', why: 'to list agents' } });
  if (tokens.some((t) => t === '')) {
    throw new IntercomError(
      'BAD_INPUT',
      `${JSON.stringify(shorten(to, 61))} has an empty entry between its commas; remove the stray comma`,
    );
  }
  for (const token of tokens) {
    if (!TO_TOKEN.test(token))
      throw new IntercomError('BAD_INPUT', `${JSON.stringify(shorten(token, 61))} is not a valid recipient: ${USAGE}`);
  }
  if (tokens.length === 1 && tokens[0] === 'all') return { kind: 'project' };
  if (tokens.length === 1 && tokens[0] === '*') return { kind: 'everyone' };
  const broadcast = tokens.find((t) => t === 'all' || t === '*');
  if (broadcast) throw new IntercomError('BAD_INPUT', `"${broadcast}" cannot be combined with other recipients`);
  return { kind: 'direct', tokens: [...new Set(tokens)] };
}

export function describeAgent(agent: AgentRecord | RemoteAgentRecord): string {
  const where = 'machine' in agent ? `@${agent.machine}` : '';
  return `${agent.code}${where}${agent.name ? ` (${label(agent.name)})` : ''} on ${label(agent.project)}`;
}

export function liveAgentsHint(live: AgentRecord[], selfCode: string | undefined, remote: RemoteDirectory = NO_REMOTE): string {
  const others = [...live.filter((a) => a.code !== selfCode), ...remote.live];
  if (others.length === 0) return 'no other agent is live right now';
  const shown = others.slice(0, 10).map(describeAgent).join(', ');
  return `live agents: ${shown}${others.length > 10 ? `, and ${others.length - 10} more` : ''}`;
}

/**
 * One project on every machine: the same project key (its git remote) when both have one, else
 * the same folder name (an agent registered before keys existed has none).
 */
export function sameProject(
  a: { project: string; project_key?: string | undefined },
  b: { project: string; project_key?: string | undefined },
): boolean {
  return a.project_key !== undefined && b.project_key !== undefined ? a.project_key === b.project_key : a.project === b.project;
}

/** The mailbox of another machine's agent, as `to` holds it. */
export function remoteMailbox(agent: { code: string; machine: string }): string {
  return `${agent.code}@${agent.machine}`;
}

/**
 * The recipients of "all" or "*": every live agent (of the sender's project), never the sender,
 * on this machine and on every machine that is up.
 */
export function broadcastRecipients(
  address: { kind: 'project' | 'everyone' },
  self: { code: string; project: string; project_key?: string | undefined } | undefined,
  live: AgentRecord[],
  remote: RemoteDirectory = NO_REMOTE,
): Recipients {
  const everyone = address.kind === 'everyone';
  if (!everyone && !self) {
    throw new IntercomError('BAD_INPUT', '"all" means everyone on your project, and you are not an agent; use "*" for every live agent');
  }
  const codes = [
    ...live.filter((a) => a.code !== self?.code && (everyone || sameProject(a, self!))).map((a) => a.code),
    ...remote.live.filter((a) => everyone || sameProject(a, self!)).map(remoteMailbox),
  ];
  if (codes.length === 0) {
    if (everyone) throw new IntercomError('NOT_FOUND', 'no other agent is live right now; nothing was sent');
    throw new IntercomError(
      'NOT_FOUND',
      `no other agent is live on project ${self?.project}; nothing was sent. Use "*" to reach every project`,
      {
        next: { op: 'who', scope: 'all', lead: 'or' },
      },
    );
  }
  return everyone ? { codes, scope: 'everyone' } : { codes, scope: 'project', project: self!.project };
}

/**
 * The live agent (or the human) a token names, or undefined when none does: then it may name a
 * Claude session. Throws AMBIGUOUS when several agents match, NOT_LIVE for the code of an agent
 * that has ended.
 */
export function agentTarget(token: string, dir: Directory, selfCode: string | undefined): Target | undefined {
  // Codes and "human" are lower case on disk; a person may type them in any case.
  const lower = token.toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at > 0) {
    const machine = lower.slice(at + 1);
    // "x7k2@<this machine>" is a local address written in full.
    if (machine !== dir.remote.machine) return remoteTarget(token.slice(0, at), machine, dir);
    return agentTarget(token.slice(0, at), { ...dir, remote: NO_REMOTE }, selfCode);
  }
  if (lower === HUMAN) return { kind: 'human' };
  const { live } = dir;
  // A bare code or name means this machine's agent when there is one (another machine, even a
  // hostile one, cannot take it over by using the same code); else another machine's, when only
  // one of them answers to it.
  const byCode = isCode(lower) ? live.find((a) => a.code === lower) : undefined;
  const byName = byCode ? [] : live.filter((a) => a.name?.toLowerCase() === lower);
  const local = byCode ? [byCode] : byName;
  if (local.length > 1) {
    throw new IntercomError('AMBIGUOUS', `the name "${token}" matches ${local.map(describeAgent).join(', ')}; send to a code instead`);
  }
  if (local.length === 1) return { kind: 'agent', agent: local[0]! };
  const remote = dir.remote.live.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (remote.length > 1) {
    throw new IntercomError('AMBIGUOUS', `"${token}" matches ${remote.map(describeAgent).join(', ')}; send to code@machine instead`);
  }
  if (remote.length === 1) return remoteAgentTarget(remote[0]!, true);
  if (token.length >= MIN_SESSION_PREFIX) {
    const bySession = live.filter((a) => a.session_id?.startsWith(token));
    if (bySession.length > 1) throw ambiguousSession(token, bySession);
    if (bySession.length === 1) return { kind: 'agent', agent: bySession[0]! };
    // The session of another machine's agent: its agent (tmux and resume stay on their machine).
    const remoteSession = dir.remote.live.filter((a) => a.session_id?.startsWith(token));
    if (remoteSession.length > 1)
      throw new IntercomError(
        'AMBIGUOUS',
        `session prefix "${token}" matches ${remoteSession.map(describeAgent).join(', ')}; give more of the id`,
      );
    if (remoteSession.length === 1) return remoteAgentTarget(remoteSession[0]!, true);
  }
  const linked = dir.linked(token);
  if (linked) return { kind: 'agent', agent: linked };
  // Last seen on a machine that is gone now: unique there, so the mail waits for that machine.
  const waiting = dir.remote.unreachable.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (waiting.length === 1) return remoteAgentTarget(waiting[0]!, false);
  if (isCode(lower) && dir.wasAgent(lower)) {
    throw new IntercomError(
      'NOT_LIVE',
      `agent '${lower}' is not live (its session has ended); ${liveAgentsHint(live, selfCode, dir.remote)}.`,
      {
        next: { op: 'who', why: 'to see who is around' },
      },
    );
  }
  return undefined;
}

function remoteAgentTarget(agent: RemoteAgentRecord, reachable: boolean): Target {
  return { kind: 'remote', mailbox: remoteMailbox(agent), machine: agent.machine, agent, reachable };
}

/**
 * `who@machine` for another machine: its human, or one of its agents by code or name. An agent
 * of a machine that is gone now is still addressed (its mail is queued for that machine).
 */
function remoteTarget(who: string, machine: string, dir: Directory): Target {
  const known = dir.remote.machines.find((m) => m.name === machine);
  if (!isMachine(machine) || !known) {
    const names = dir.remote.machines.map((m) => `${m.name}${m.up ? '' : ' (gone)'}`);
    const machines = names.length ? `machines in the mesh: ${names.join(', ')}` : 'no other machine is known';
    throw new IntercomError(
      'NOT_FOUND',
      `no machine "${machine}" is known${dir.remote.machine ? '' : ' (no relay runs for this store, so no other machine is)'}; ${machines}.`,
      { next: { op: 'who', scope: 'all', why: 'to list agents on every machine' } },
    );
  }
  const reachable = known.up;
  const lower = who.toLowerCase();
  if (lower === HUMAN) return { kind: 'remote', mailbox: `${HUMAN}@${machine}`, machine, reachable };
  const candidates = [...dir.remote.live, ...dir.remote.unreachable].filter((a) => a.machine === machine);
  const matches = candidates.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (matches.length > 1)
    throw new IntercomError('AMBIGUOUS', `"${who}@${machine}" matches ${matches.map(describeAgent).join(', ')}; send to a code`);
  if (matches.length === 1) return remoteAgentTarget(matches[0]!, reachable && dir.remote.live.includes(matches[0]!));
  const others = candidates;
  const there = others.slice(0, 10).map(describeAgent).join(', ');
  throw new IntercomError(
    'NOT_FOUND',
    `no agent '${who}' on machine ${machine}; ${there ? `agents there: ${there}` : 'no agent is known there'}.`,
    {
      next: { op: 'who', scope: 'all', why: 'to list agents on every machine' },
    },
  );
}

/** The error for a token that names neither a live agent nor (when they were searched) a session. */
export function unknownRecipient(token: string, dir: Directory, selfCode: string | undefined, sessionsSearched: boolean): IntercomError {
  return new IntercomError(
    'NOT_FOUND',
    `no live agent${sessionsSearched ? ' or Claude session' : ''} matches '${token}'; ${liveAgentsHint(dir.live, selfCode, dir.remote)}.`,
    { next: { op: 'who', why: 'to list agents', ...(sessionsSearched ? { also: [{ op: 'list_sessions', why: 'for sessions' }] } : {}) } },
  );
}

/** The recipients of a direct address whose every token was resolved (in `targets`, by token). */
export function directRecipients(tokens: string[], targets: Map<string, Target>, selfCode: string | undefined): Recipients {
  const codes: string[] = [];
  const sessions = new Map<string, string>();
  const queued: string[] = [];
  for (const token of tokens) {
    const target = targets.get(token)!;
    const code =
      target.kind === 'human' ? HUMAN : target.kind === 'session' || target.kind === 'remote' ? target.mailbox : target.agent.code;
    if (code === selfCode)
      throw new IntercomError('BAD_INPUT', `'${token}' is you`, { next: { op: 'who', why: 'to find the agent you mean' } });
    if (target.kind === 'session') sessions.set(target.mailbox, target.sessionId);
    if (target.kind === 'remote' && !target.reachable && !queued.includes(code)) queued.push(code);
    codes.push(code);
  }
  return {
    codes: [...new Set(codes)],
    scope: 'direct',
    ...(sessions.size ? { sessions } : {}),
    ...(queued.length ? { queued } : {}),
  };
}

/**
 * Resolve `to` against live agents only (no session lookup): the pure core of the post office's
 * resolve, for callers and tests that have the agents at hand.
 */
export function resolveRecipients(
  to: string,
  self: { code: string; project: string } | undefined,
  live: AgentRecord[],
  wasAgent: (code: string) => boolean = () => false,
  remote: RemoteDirectory = NO_REMOTE,
): Recipients {
  const address = parseAddress(to);
  if (address.kind !== 'direct') return broadcastRecipients(address, self, live, remote);
  const dir: Directory = { live, wasAgent, linked: () => undefined, remote };
  const { targets, unmatched } = matchAgents(address.tokens, dir, self?.code);
  if (unmatched[0] !== undefined) throw unknownRecipient(unmatched[0], dir, self?.code, false);
  return directRecipients(address.tokens, targets, self?.code);
}

/**
 * The live agent (or the human) each token names, by token; `unmatched`: the tokens that name
 * none (they may name Claude sessions), in their order. Throws as agentTarget does.
 */
export function matchAgents(
  tokens: string[],
  dir: Directory,
  selfCode: string | undefined,
): { targets: Map<string, Target>; unmatched: string[] } {
  const targets = new Map<string, Target>();
  const unmatched: string[] = [];
  for (const token of tokens) {
    const target = agentTarget(token, dir, selfCode);
    if (target) targets.set(token, target);
    else unmatched.push(token);
  }
  return { targets, unmatched };
}

/**
 * Several live agents match a session id or prefix. When they all run one session (two
 * terminals resumed it, or a fork), more of the id cannot help: the sender must pick a code.
 */
function ambiguousSession(token: string, matches: AgentRecord[]): IntercomError {
  const ids = new Set(matches.map((a) => a.session_id));
  const agents = matches.map(describeAgent).join(', ');
  if (ids.size === 1) {
    return new IntercomError(
      'AMBIGUOUS',
      `session ${[...ids][0]} is run by ${matches.length} live Claude processes at once (agents ${agents}); nothing was sent. Send to one of these codes`,
      { next: { op: 'who', why: 'to see what each is doing' } },
    );
  }
  return new IntercomError('AMBIGUOUS', `session prefix "${token}" matches ${agents}; give more of the id`);
}
