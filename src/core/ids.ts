// Every identifier that can end up in a file name is checked here against a strict pattern
// before it touches a path. Nothing else in the code base builds a path from user input.
import type { Clock } from './clock.ts';
import { IntercomError } from './errors.ts';
import { NEXT } from './next-step.ts';
import { shorten } from './text.ts';

/** An agent's short code: 4 characters of [a-z0-9]. */
export const CODE_PATTERN = /^[a-z0-9]{4}$/;
/** The pseudo-agent a person at the CLI sends as and reads as. */
export const HUMAN = 'human';
/**
 * A mailbox key: an agent code, the human mailbox, or "s-<session id>" for a Claude session that
 * does not run intercom (its mail waits there, and moves to its agent if it starts intercom).
 */
export const MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127})$/;
/**
 * A machine of the mesh (docs/relay.md): a host-name label, lower case. It is a NATS subject
 * token and part of file names, so it holds no dot, wildcard, space or path character.
 */
export const MACHINE_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A team's namespace on a shared NATS account: the first token of every subject, part of stream and bucket names. */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/**
 * A JetStream domain (the hub's `jetstream { domain: … }`): letters, digits, "_" and "-". The
 * server refuses dots and spaces in one (nats-server 2.9 config check).
 */
export const DOMAIN_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A mailbox on another machine, as a store writes it: `code@machine` or `human@machine`. */
export const REMOTE_MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human)@[a-z0-9][a-z0-9-]{0,62}$/;
/** A recipient in a message's `to`: a local mailbox, or a mailbox on another machine. */
export const RECIPIENT_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127}|(?:[a-z0-9]{4}|human)@[a-z0-9][a-z0-9-]{0,62})$/;
/** Message ids sort by time: 13-digit epoch ms, a per-process sequence, random tail. */
export const MESSAGE_ID_PATTERN = /^\d{13}-[a-z0-9]{10}$/;
/** Claude session ids are UUIDs; accept any id-like token but never a path character. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;
/** Human-chosen agent names. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
/** Words with a meaning in `to` that can never be a name. */
export const RESERVED_NAMES = new Set(['all', 'everyone', 'human', 'me', 'self']);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomToken(length: number): string {
  // Web Crypto is built in; importing node:crypto would cost a hook ~5 ms of start-up.
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  // 256 % 36 != 0 gives a tiny bias; irrelevant for uniqueness tokens.
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function newCode(): string {
  return randomToken(4);
}

/** Creates message ids. Ids made by one generator sort in creation order, even within a millisecond. */
export function messageIdGenerator(clock: Clock): () => string {
  let lastMs = -1;
  let seq = 0;
  return () => {
    const ms = clock.now();
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    const seqPart = (seq % 36 ** 3).toString(36).padStart(3, '0');
    return `${String(ms).padStart(13, '0')}-${seqPart}${randomToken(7)}`;
  };
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text === undefined ? String(value) : shorten(text, 61));
}

export function assertCode(value: unknown, what = 'agent code'): string {
  if (typeof value === 'string' && CODE_PATTERN.test(value)) return value;
  throw new IntercomError('BAD_INPUT', `${show(value)} is not a valid ${what}: codes are 4 characters of a-z and 0-9, e.g. "x7k2"`);
}

export function assertMailbox(value: unknown): string {
  if (typeof value === 'string' && MAILBOX_PATTERN.test(value)) return value;
  throw new IntercomError(
    'BAD_INPUT',
    `${show(value)} is not a valid mailbox: expected a 4-character agent code, "human" or "s-<session id>"`,
  );
}

export function assertMachine(value: unknown, what = 'machine name'): string {
  if (typeof value === 'string' && MACHINE_PATTERN.test(value)) return value;
  throw new IntercomError(
    'BAD_INPUT',
    `${show(value)} is not a valid ${what}: 1-63 characters of a-z, 0-9 and "-", starting with a letter or digit (e.g. "laptop")`,
  );
}

/** `value` as a JetStream domain (DOMAIN_PATTERN), else BAD_INPUT naming `what` (the flag or variable it came from). */
export function assertDomain(value: string, what = '--domain'): string {
  if (DOMAIN_PATTERN.test(value)) return value;
  throw new IntercomError('BAD_INPUT', `${what} ${JSON.stringify(value)} is not a JetStream domain: 1-64 letters, digits, "_" and "-"`);
}

export function isMachine(value: string): boolean {
  return MACHINE_PATTERN.test(value);
}

/** A mailbox on another machine, split: `{ box: 'x7k2', machine: 'laptop' }` for "x7k2@laptop"; undefined for a local one. */
export function splitRemote(recipient: string): { box: string; machine: string } | undefined {
  if (!REMOTE_MAILBOX_PATTERN.test(recipient)) return undefined;
  const at = recipient.indexOf('@');
  return { box: recipient.slice(0, at), machine: recipient.slice(at + 1) };
}

/** Where to answer a sender: its code (or "human"), with `@machine` when it is on another machine. */
export function senderAddress(from: { code: string; machine?: string | undefined }): string {
  return from.machine ? `${from.code}@${from.machine}` : from.code;
}

export function assertRecipient(value: unknown): string {
  if (typeof value === 'string' && RECIPIENT_PATTERN.test(value)) return value;
  throw new IntercomError(
    'BAD_INPUT',
    `${show(value)} is not a valid recipient: expected a 4-character agent code, "human", "s-<session id>", or code@machine`,
  );
}

/** The mailbox of a Claude session that runs no intercom agent. */
export function sessionMailbox(sessionId: string): string {
  return `s-${assertSessionId(sessionId)}`;
}

export function assertMessageId(value: unknown): string {
  if (typeof value === 'string' && MESSAGE_ID_PATTERN.test(value)) return value;
  throw new IntercomError('BAD_INPUT', `${show(value)} is not a valid message id: ids look like "1763760000000-0a1b2c3d4e"`, {
    next: NEXT.listMessageIds,
  });
}

export function assertSessionId(value: unknown): string {
  if (typeof value === 'string' && SESSION_ID_PATTERN.test(value)) return value;
  throw new IntercomError('BAD_INPUT', `${show(value)} is not a valid session id: expected letters, digits, "-" or "_" (8-128 characters)`);
}

export function assertName(value: unknown): string {
  if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
    throw new IntercomError(
      'BAD_INPUT',
      `${show(value)} is not a valid agent name: start with a letter, then up to 31 letters, digits, ".", "_" or "-"`,
    );
  }
  // parseIdentityOverride and addressing read 4 letters or digits as a code: such a name could
  // claim another agent's code (in any case), so it is not a name.
  if (/^[a-z0-9]{4}$/i.test(value)) {
    throw new IntercomError(
      'BAD_INPUT',
      `"${value}" looks like an agent code (4 letters or digits), so it could stand for another agent; pick a name of another length`,
    );
  }
  if (RESERVED_NAMES.has(value.toLowerCase())) {
    throw new IntercomError('BAD_INPUT', `"${value}" is reserved (it has a meaning as a recipient); pick another name`);
  }
  return value;
}

export function isCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}

export function isSessionId(value: string): boolean {
  return SESSION_ID_PATTERN.test(value);
}

export interface IdentityOverride {
  sessionId?: string;
  code?: string;
  name?: string;
}

/**
 * CLAUDE_INTERCOM_SESSION may name a session id, an agent code or a name. A 4-character a-z0-9
 * value is a code; a longer id-like value with a digit and a "-" (a UUID) is a session id;
 * anything else must be a valid name.
 */
export function parseIdentityOverride(value: string | undefined): IdentityOverride {
  if (value === undefined) return {};
  if (isCode(value)) return { code: value };
  if (isSessionId(value) && /\d/.test(value) && value.includes('-') && value.length >= 16) return { sessionId: value };
  if (NAME_PATTERN.test(value)) return { name: value };
  throw new IntercomError(
    'BAD_INPUT',
    `CLAUDE_INTERCOM_SESSION=${JSON.stringify(value)} is neither a session id, a 4-character code nor a name; fix or unset it`,
  );
}
