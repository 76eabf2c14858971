// Addressing: what a sender typed in `to`, parsed once into a typed address, then resolved into
// mailboxes, with errors that say who *is* reachable. Parsing needs nothing but the text;
// resolving needs the live agents, and only for tokens no live agent answers to, the Claude
// sessions found in transcripts (the post office takes that snapshot only then).
import { IntercomError } from '../core/errors.ts';
import { HUMAN, isCode } from '../core/ids.ts';
import type { AgentRecord, Message } from '../store/schema.ts';
import { shorten } from '../core/text.ts';
import { label } from '../core/peer-text.ts';

/**
 * A parsed `to`: "all" (live agents on the sender's project), "*" (every live agent), or one or
 * more tokens, each a code, a name, "human", or a session id (or unique prefix of 6+ characters).
 */
export type Address = { kind: 'project' } | { kind: 'everyone' } | { kind: 'direct'; tokens: string[] };

/** What one token of a direct address names. */
export type Target = { kind: 'human' } | { kind: 'agent'; agent: AgentRecord } | { kind: 'session'; mailbox: string; sessionId: string };

export interface Recipients {
  /** Mailboxes: agent codes, "human", or "s-<session id>". */
  codes: string[];
  scope: Message['scope'];
  project?: string;
  /** The recipients that are Claude sessions without a live agent, by mailbox. */
  sessions?: Map<string, string>;
}

/** Who can be reached now, and what is known of codes and session ids that are not live agents. */
export interface Directory {
  live: AgentRecord[];
  /** A code whose mailbox exists was an agent here once: "not live", not "unknown". */
  wasAgent(code: string): boolean;
  /** The live agent a session id was linked to after it registered (a new id after /clear). */
  linked(token: string): AgentRecord | undefined;
}

/** What a `to` entry may look like before any lookup: codes, names, session ids, all, *. */
const TO_TOKEN = /^(?:\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127})$/;
const MIN_SESSION_PREFIX = 6;
const USAGE = 'use an agent code (e.g. x7k2), a name, a session id, "all" (everyone on your project) or "*" (everyone)';

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

export function describeAgent(agent: AgentRecord): string {
  return `${agent.code}${agent.name ? ` (${agent.name})` : ''} on ${label(agent.project)}`;
}

export function liveAgentsHint(live: AgentRecord[], selfCode: string | undefined): string {
  const others = live.filter((a) => a.code !== selfCode);
  if (others.length === 0) return 'no other agent is live right now';
  const shown = others.slice(0, 10).map(describeAgent).join(', ');
  return `live agents: ${shown}${others.length > 10 ? `, and ${others.length - 10} more` : ''}`;
}

/** The recipients of "all" or "*": every live agent (of the sender's project), never the sender. */
export function broadcastRecipients(
  address: { kind: 'project' | 'everyone' },
  self: { code: string; project: string } | undefined,
  live: AgentRecord[],
): Recipients {
  const everyone = address.kind === 'everyone';
  if (!everyone && !self) {
    throw new IntercomError('BAD_INPUT', '"all" means everyone on your project, and you are not an agent; use "*" for every live agent');
  }
  const codes = live.filter((a) => a.code !== self?.code && (everyone || a.project === self?.project)).map((a) => a.code);
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
  if (lower === HUMAN) return { kind: 'human' };
  const { live } = dir;
  const byCode = isCode(lower) ? live.find((a) => a.code === lower) : undefined;
  if (byCode) return { kind: 'agent', agent: byCode };
  const byName = live.filter((a) => a.name?.toLowerCase() === lower);
  if (byName.length > 1) {
    throw new IntercomError('AMBIGUOUS', `the name "${token}" matches ${byName.map(describeAgent).join(', ')}; send to a code instead`);
  }
  if (byName.length === 1) return { kind: 'agent', agent: byName[0]! };
  if (token.length >= MIN_SESSION_PREFIX) {
    const bySession = live.filter((a) => a.session_id?.startsWith(token));
    if (bySession.length > 1) throw ambiguousSession(token, bySession);
    if (bySession.length === 1) return { kind: 'agent', agent: bySession[0]! };
  }
  const linked = dir.linked(token);
  if (linked) return { kind: 'agent', agent: linked };
  if (isCode(lower) && dir.wasAgent(lower)) {
    throw new IntercomError('NOT_LIVE', `agent '${lower}' is not live (its session has ended); ${liveAgentsHint(live, selfCode)}.`, {
      next: { op: 'who', why: 'to see who is around' },
    });
  }
  return undefined;
}

/** The error for a token that names neither a live agent nor (when they were searched) a session. */
export function unknownRecipient(token: string, dir: Directory, selfCode: string | undefined, sessionsSearched: boolean): IntercomError {
  return new IntercomError(
    'NOT_FOUND',
    `no live agent${sessionsSearched ? ' or Claude session' : ''} matches '${token}'; ${liveAgentsHint(dir.live, selfCode)}.`,
    { next: { op: 'who', why: 'to list agents', ...(sessionsSearched ? { also: [{ op: 'list_sessions', why: 'for sessions' }] } : {}) } },
  );
}

/** The recipients of a direct address whose every token was resolved (in `targets`, by token). */
export function directRecipients(tokens: string[], targets: Map<string, Target>, selfCode: string | undefined): Recipients {
  const codes: string[] = [];
  const sessions = new Map<string, string>();
  for (const token of tokens) {
    const target = targets.get(token)!;
    const code = target.kind === 'human' ? HUMAN : target.kind === 'session' ? target.mailbox : target.agent.code;
    if (code === selfCode)
      throw new IntercomError('BAD_INPUT', `'${token}' is you`, { next: { op: 'who', why: 'to find the agent you mean' } });
    if (target.kind === 'session') sessions.set(target.mailbox, target.sessionId);
    codes.push(code);
  }
  return { codes: [...new Set(codes)], scope: 'direct', ...(sessions.size ? { sessions } : {}) };
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
): Recipients {
  const address = parseAddress(to);
  if (address.kind !== 'direct') return broadcastRecipients(address, self, live);
  const dir: Directory = { live, wasAgent, linked: () => undefined };
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
