// Turning what a sender typed in `to` into mailboxes, with errors that say who *is* reachable.
import { IntercomError } from '../core/errors.ts';
import { HUMAN, isCode } from '../core/ids.ts';
import type { AgentRecord, Message } from './schema.ts';
import { shorten } from '../core/text.ts';
import { label } from './presentation.ts';

export interface Recipients {
  /** Mailboxes: agent codes, "human", or "s-<session id>". */
  codes: string[];
  scope: Message['scope'];
  project?: string;
  /** The recipients that are Claude sessions without a live agent, by mailbox. */
  sessions?: Map<string, string>;
}

/** Finds a Claude session (no live agent) by id or prefix: its mailbox, or undefined. */
export type SessionLookup = (token: string) => { mailbox: string; sessionId: string } | undefined;

/** What a `to` entry may look like before any lookup: codes, names, session ids, all, *. */
const TO_TOKEN = /^(?:\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127})$/;
const MIN_SESSION_PREFIX = 6;

export function describeAgent(agent: AgentRecord): string {
  return `${agent.code}${agent.name ? ` (${agent.name})` : ''} on ${label(agent.project)}`;
}

export function liveAgentsHint(live: AgentRecord[], selfCode: string | undefined): string {
  const others = live.filter((a) => a.code !== selfCode);
  if (others.length === 0) return 'no other agent is live right now';
  const shown = others.slice(0, 10).map(describeAgent).join(', ');
  return `live agents: ${shown}${others.length > 10 ? `, and ${others.length - 10} more` : ''}`;
}

function badRecipient(value: string): IntercomError {
  return new IntercomError(
    'BAD_INPUT',
    `${JSON.stringify(shorten(value, 61))} is not a valid recipient: use an agent code (e.g. x7k2), ` +
      'a name, a session id, "all" (everyone on your project) or "*" (everyone)',
  );
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
      `session ${[...ids][0]} is run by ${matches.length} live Claude processes at once (agents ${agents}); nothing was sent. ` +
        'Send to one of these codes; call who to see what each is doing',
    );
  }
  return new IntercomError('AMBIGUOUS', `session prefix "${token}" matches ${agents}; give more of the id`);
}

function resolveOne(
  token: string,
  live: AgentRecord[],
  selfCode: string | undefined,
  wasAgent: (code: string) => boolean,
  lookupSession: SessionLookup | undefined,
  linkedAgent: ((token: string) => AgentRecord | undefined) | undefined,
): AgentRecord | 'human' | { mailbox: string; sessionId: string } {
  if (token === HUMAN) return 'human';
  if (isCode(token)) {
    const agent = live.find((a) => a.code === token);
    if (agent) return agent;
  }
  const lower = token.toLowerCase();
  const byName = live.filter((a) => a.name?.toLowerCase() === lower);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new IntercomError('AMBIGUOUS', `the name "${token}" matches ${byName.map(describeAgent).join(', ')}; send to a code instead`);
  }
  if (token.length >= MIN_SESSION_PREFIX) {
    const bySession = live.filter((a) => a.session_id?.startsWith(token));
    if (bySession.length === 1) return bySession[0]!;
    if (bySession.length > 1) throw ambiguousSession(token, bySession);
  }
  // A session id a live agent's hooks linked after it registered (a new id after /clear).
  const linked = linkedAgent?.(token);
  if (linked) return linked;
  const session = lookupSession?.(token);
  if (session) return session;
  const hint = liveAgentsHint(live, selfCode);
  if (isCode(token) && wasAgent(token)) {
    throw new IntercomError('NOT_LIVE', `agent '${token}' is not live (its session has ended); ${hint}. Call who to see who is around`);
  }
  throw new IntercomError(
    'NOT_FOUND',
    `no live agent${lookupSession ? ' or Claude session' : ''} matches '${token}'; ${hint}. Call who to list agents${lookupSession ? ', list_sessions for sessions' : ''}`,
  );
}

/**
 * Resolve `to`: a code, a name, a session id (or a unique prefix of at least 6 characters),
 * "human", "all" (live agents on the sender's project) or "*" (every live agent), or several
 * of these separated by commas. The sender is never its own recipient in a broadcast.
 */
export function resolveRecipients(
  to: string,
  self: { code: string; project: string } | undefined,
  live: AgentRecord[],
  wasAgent: (code: string) => boolean = () => false,
  lookupSession?: SessionLookup,
  linkedAgent?: (token: string) => AgentRecord | undefined,
): Recipients {
  const tokens = to.split(',').map((t) => t.trim());
  if (tokens.length === 0 || tokens.some((t) => t === '')) {
    throw new IntercomError('BAD_INPUT', 'no recipient given: use an agent code (e.g. x7k2), a name, "all" or "*"; call who to list agents');
  }
  for (const token of tokens) if (!TO_TOKEN.test(token)) throw badRecipient(token);
  const selfCode = self?.code;
  if (tokens.length === 1 && (tokens[0] === 'all' || tokens[0] === '*')) {
    const everyone = tokens[0] === '*';
    if (!everyone && !self) {
      throw new IntercomError('BAD_INPUT', '"all" means everyone on your project, and you are not an agent; use "*" for every live agent');
    }
    const codes = live.filter((a) => a.code !== selfCode && (everyone || a.project === self?.project)).map((a) => a.code);
    if (codes.length === 0) {
      throw new IntercomError(
        'NOT_FOUND',
        everyone
          ? 'no other agent is live right now; nothing was sent'
          : `no other agent is live on project ${self?.project}; nothing was sent. Use "*" to reach every project, or call who with scope all`,
      );
    }
    return everyone ? { codes, scope: 'everyone' } : { codes, scope: 'project', project: self!.project };
  }
  const codes: string[] = [];
  const sessions = new Map<string, string>();
  for (const token of tokens) {
    if (token === 'all' || token === '*') throw new IntercomError('BAD_INPUT', `"${token}" cannot be combined with other recipients`);
    const target = resolveOne(token, live, selfCode, wasAgent, lookupSession, linkedAgent);
    const code = target === 'human' ? HUMAN : 'mailbox' in target ? target.mailbox : target.code;
    if (code === selfCode) throw new IntercomError('BAD_INPUT', `'${token}' is you; call who to find the agent you mean`);
    if (typeof target === 'object' && 'mailbox' in target) sessions.set(target.mailbox, target.sessionId);
    codes.push(code);
  }
  return { codes: [...new Set(codes)], scope: 'direct', ...(sessions.size ? { sessions } : {}) };
}
