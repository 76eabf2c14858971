// What crosses machines (docs/relay.md), and how each side checks it. A store writes addresses
// relative to its machine (a bare code is local, another machine's mailbox is `code@machine`);
// on the wire every address is qualified. The receiving side trusts nothing in a payload: it
// must parse as the store's record, and whatever it says of its origin must be the machine the
// subject names (which server permissions tie to the sender's credentials).
import { IntercomError } from '../core/errors.ts';
import { HUMAN, MAILBOX_PATTERN, splitRemote } from '../core/ids.ts';
import { assertPlainText } from '../core/text.ts';
import { validateBody } from '../store/mail.ts';
import { parseRecord } from '../store/records.ts';
import { MAX_PATTERN_LENGTH, normalizePattern } from '../store/claim-patterns.ts';
import { CLAIM_TTL_MINUTES } from '../core/ranges.ts';
import type { AgentRecord, FeedEntry, Message, RemoteAgentRecord, RemoteClaim, RemoteReceiptRecord } from '../store/schema.ts';
import type { AgentView } from './post-office.ts';
import { sliceChars } from '../core/text.ts';

/** The outcome of reading a payload: the record in this store's form, or why it was refused (never quoting it). */
export type WireResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A message of this store as it travels: every recipient qualified, the sender's machine named. */
export function messageToWire(message: Message, here: string): Message {
  return {
    ...message,
    from: { ...message.from, machine: message.from.machine ?? here },
    to: message.to.map((to) => (splitRemote(to) ? to : `${to}@${here}`)),
  };
}

/** A message from the wire, in this store's form, and the local mailboxes it is for. */
export interface Inbound {
  message: Message;
  /** Local mailboxes among its recipients (agent codes, "human"). */
  boxes: string[];
}

/**
 * Why a message was refused; `undeliverable`: its id and the local mailboxes it was for, when it
 * came from where it says and was refused for what it holds (a body this store would not take):
 * its sender is owed an "undelivered" receipt for each.
 */
export type InboundRefusal = { ok: false; reason: string; undeliverable?: { id: string; boxes: string[] } };

/**
 * Read a message that `origin` sent to this machine (`here`). Refused: a payload that is no
 * valid message, one whose sender is not on `origin`, a recipient that is not qualified, a body
 * this store would not take (size `maxBodyBytes`, control characters), a project name that is
 * not one plain line.
 */
export async function messageFromWire(
  text: string,
  origin: string,
  here: string,
  maxBodyBytes: number,
): Promise<{ ok: true; value: Inbound } | InboundRefusal> {
  const parsed = await parseRecord('message', text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const message = parsed.value;
  if (message.from.machine !== origin) {
    return { ok: false, reason: `its sender claims machine ${JSON.stringify(message.from.machine ?? '')}, but it came from ${origin}` };
  }
  if (!MAILBOX_PATTERN.test(message.from.code) || message.from.code.startsWith('s-')) {
    return { ok: false, reason: 'its sender is not an agent code or "human"' };
  }
  const boxes: string[] = [];
  const to: string[] = [];
  for (const recipient of message.to) {
    const remote = splitRemote(recipient);
    if (!remote) return { ok: false, reason: 'a recipient is not qualified with its machine' };
    if (remote.machine === here) {
      boxes.push(remote.box);
      to.push(remote.box);
    } else to.push(recipient);
  }
  if (boxes.length === 0) return { ok: false, reason: `it names no recipient on ${here}` };
  try {
    validateBody(message.body, maxBodyBytes);
    for (const [field, value] of [
      ['sender project', message.from.project],
      ['project', message.project],
    ] as const)
      if (value !== undefined) assertPlainText(field, value, { oneLine: true });
  } catch (error) {
    const reason = error instanceof IntercomError ? error.message : 'it is not valid';
    return { ok: false, reason, undeliverable: { id: message.id, boxes } };
  }
  return { ok: true, value: { message: { ...message, to }, boxes } };
}

/** A message sent here, as the mesh's feed shows it to other machines: who, to whom, when; never its text. */
export function feedEntryOf(message: Message, here: string): FeedEntry {
  const wire = messageToWire(message, here);
  return {
    v: 1,
    id: message.id,
    machine: here,
    from: {
      code: message.from.code,
      ...(message.from.name ? { name: message.from.name } : {}),
      ...(message.from.project ? { project: sliceChars(message.from.project, 200) } : {}),
    },
    to: wire.to.filter((to) => splitRemote(to) !== undefined),
    scope: message.scope,
    ...(message.project ? { project: sliceChars(message.project, 200) } : {}),
    thread: message.thread,
    ...(message.reply_to ? { reply_to: message.reply_to } : {}),
    created_at: message.created_at,
    chars: message.body.length,
  };
}

/** How far ahead of this machine's clock a feed entry's id may be dated (clocks disagree; a day does not). */
const FEED_SKEW_MS = 24 * 60 * 60_000;

/** Feed entries as they travel, several in one message. */
export function feedToWire(entries: FeedEntry[]): string {
  return JSON.stringify({ v: 1, entries });
}

/** The feed entries of one message from `origin`: the valid ones, and why the others were refused. */
export async function feedFromWire(text: string, origin: string): Promise<{ entries: FeedEntry[]; refused: string[] }> {
  let list: unknown;
  try {
    list = (JSON.parse(text) as { entries?: unknown }).entries;
  } catch {
    return { entries: [], refused: ['not valid JSON'] };
  }
  if (!Array.isArray(list)) return { entries: [], refused: ['no list of entries'] };
  const entries: FeedEntry[] = [];
  const refused: string[] = [];
  // A relay publishes at most 200 a message; more is another machine flooding this one's store.
  if (list.length > MAX_FEED_BATCH)
    refused.push(`${list.length - MAX_FEED_BATCH} entries over the ${MAX_FEED_BATCH} one message may carry`);
  for (const item of list.slice(0, MAX_FEED_BATCH)) {
    const one = await feedEntryFromWire(JSON.stringify(item), origin);
    if (one.ok) entries.push(one.value);
    else refused.push(one.reason);
  }
  return { entries, refused };
}

/** One feed entry `origin` published: it must say it was sent on `origin`. */
export async function feedEntryFromWire(text: string, origin: string): Promise<WireResult<FeedEntry>> {
  const parsed = await parseRecord('feedEntry', text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.value.machine !== origin)
    return { ok: false, reason: `it says it was sent on ${parsed.value.machine}, but came from ${origin}` };
  // An id from the future would outlive every real entry (they are pruned oldest first).
  if (Number(parsed.value.id.slice(0, 13)) > Date.now() + FEED_SKEW_MS)
    return { ok: false, reason: 'its id is dated more than a day ahead' };
  try {
    assertPlainText('project', parsed.value.project ?? '', { oneLine: true });
    assertPlainText('sender project', parsed.value.from.project ?? '', { oneLine: true });
  } catch (error) {
    return { ok: false, reason: error instanceof IntercomError ? error.message : 'a field is not plain text' };
  }
  return { ok: true, value: parsed.value };
}

/** Receipts as they travel, several to one machine in one message: what became of each copy (`to`: `code@here`). */
export function receiptsToWire(receipts: Omit<RemoteReceiptRecord, 'v'>[]): string {
  return JSON.stringify({ v: 1, receipts: receipts.map((r) => ({ v: 1, ...r })) });
}

/** One receipt `origin` sent about a copy on it: its recipient must be on `origin`. */
export async function receiptFromWire(text: string, origin: string): Promise<WireResult<RemoteReceiptRecord>> {
  const parsed = await parseRecord('remoteReceipt', text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (splitRemote(parsed.value.to)?.machine !== origin) return { ok: false, reason: `its recipient is not on ${origin}` };
  const { why: _ignored, ...receipt } = parsed.value; // words of another machine's are not shown
  return { ok: true, value: receipt };
}

/** An object (not an array) whose fields are strings, numbers, booleans or null. */
function isFlatObject(value: unknown): value is Record<string, string | number | boolean | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

/** The receipts of one message from `origin`: the valid ones, and why the others were refused. */
export async function receiptsFromWire(text: string, origin: string): Promise<{ receipts: RemoteReceiptRecord[]; refused: string[] }> {
  let list: unknown;
  try {
    list = (JSON.parse(text) as { receipts?: unknown }).receipts;
  } catch {
    return { receipts: [], refused: ['not valid JSON'] };
  }
  if (!Array.isArray(list)) return { receipts: [], refused: ['no list of receipts'] };
  const receipts: RemoteReceiptRecord[] = [];
  const refused: string[] = [];
  if (list.length > MAX_RECEIPT_BATCH)
    refused.push(`${list.length - MAX_RECEIPT_BATCH} receipts over the ${MAX_RECEIPT_BATCH} one message may carry`);
  for (const item of list.slice(0, MAX_RECEIPT_BATCH)) {
    // A receipt is one flat object. Anything else is refused before it is written out again:
    // JSON.stringify of a value nested 20,000 deep throws (stack), which the relay would take for
    // a disk error and retry.
    if (!isFlatObject(item)) {
      refused.push('a receipt that is not one flat object');
      continue;
    }
    const one = await receiptFromWire(JSON.stringify(item), origin);
    if (one.ok) receipts.push(one.value);
    else refused.push(one.reason);
  }
  return { receipts, refused };
}

/** An agent of this machine as other machines see it (presence bucket). */
export function agentToWire(agent: AgentRecord, view: Pick<AgentView, 'activity' | 'since'>, here: string): RemoteAgentRecord {
  return {
    v: 1,
    machine: here,
    code: agent.code,
    ...(agent.name ? { name: agent.name } : {}),
    project: sliceChars(agent.project, 200),
    project_key: sliceChars(agent.project_key ?? `dir:${agent.project}`, 300),
    cwd: sliceChars(agent.cwd, 1000),
    status: agent.status,
    activity: view.activity === 'busy' ? 'busy' : 'idle',
    since: view.since,
    registered_at: agent.registered_at,
    ...(agent.session_id ? { session_id: agent.session_id } : {}),
  };
}

/**
 * An agent `machine` published (its bucket key names the machine and the code). Its text fields
 * are peer text: they must be one line without control characters, as a local agent's are.
 */
export async function agentFromWire(text: string, machine: string, code: string): Promise<WireResult<RemoteAgentRecord>> {
  const parsed = await parseRecord('remoteAgent', text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const agent = parsed.value;
  if (agent.machine !== machine || agent.code !== code)
    return { ok: false, reason: `its key names ${code}@${machine}, its value another agent` };
  try {
    for (const [field, value] of [
      ['status', agent.status],
      ['project', agent.project],
      ['project key', agent.project_key],
      ['folder', agent.cwd],
    ] as const)
      assertPlainText(field, value, { oneLine: true });
  } catch (error) {
    return { ok: false, reason: error instanceof IntercomError ? error.message : 'a field is not plain text' };
  }
  return { ok: true, value: agent };
}

/** Most entries one feed message may carry (a relay sends at most 200), receipts one receipts message (500), claims one project (1,000). */
export const MAX_FEED_BATCH = 500;
export const MAX_RECEIPT_BATCH = 1_000;
export const MAX_PROJECT_CLAIMS = 1_000;

/** The claims entry of one project as it is kept in the claims bucket. */
/** One machine's claims on one project, as that machine publishes them under `<project hash>.<machine>`. */
export interface ClaimsEntry {
  v: 1;
  project_key: string;
  machine: string;
  claims: RemoteClaim[];
}

export function claimsToWire(projectKey: string, machine: string, claims: RemoteClaim[]): string {
  const entry: ClaimsEntry = { v: 1, project_key: projectKey, machine, claims };
  return JSON.stringify(entry);
}

/** Longest a claim holds (its expires_at - created_at): a day, as for a local claim. */
const MAX_CLAIM_TTL_MS = CLAIM_TTL_MINUTES.max * 60_000;

/**
 * `machine`'s claims entry for a project (its key in the bucket names both): the claims that are
 * plain, well-formed claims of that machine, whose pattern is one a local claim could have (relative,
 * no "..", normalised, at most MAX_PATTERN_LENGTH characters) and whose time to live is at most a
 * day; the others are dropped, and counted.
 */
export async function claimsFromWire(
  text: string,
  machine: string,
): Promise<WireResult<{ projectKey: string; claims: RemoteClaim[]; dropped: number }>> {
  let raw: { project_key?: unknown; machine?: unknown; claims?: unknown };
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    typeof raw.project_key !== 'string' ||
    raw.machine !== machine ||
    !Array.isArray(raw.claims)
  ) {
    return { ok: false, reason: `not a claims entry of machine ${machine}` };
  }
  if (raw.project_key.length > 300 || /[\u0000-\u001f\u007f-\u009f]/.test(raw.project_key))
    return { ok: false, reason: 'its project key is not plain text' };
  const claims: RemoteClaim[] = [];
  let dropped = Math.max(0, raw.claims.length - MAX_PROJECT_CLAIMS);
  for (const item of raw.claims.slice(0, MAX_PROJECT_CLAIMS)) {
    const one = await parseRecord('remoteClaim', JSON.stringify(item));
    if (one.ok && one.value.machine === machine && wellFormed(one.value)) claims.push(one.value);
    else dropped++;
  }
  return { ok: true, value: { projectKey: raw.project_key, claims, dropped } };
}

function wellFormed(claim: RemoteClaim): boolean {
  try {
    for (const value of [claim.pattern, claim.reason ?? '', claim.project, claim.project_root])
      assertPlainText('claim', value, { oneLine: true });
    const ttl = Date.parse(claim.expires_at) - Date.parse(claim.created_at);
    const pattern = claim.pattern;
    return (
      (claim.owner === HUMAN || /^[a-z0-9]{4}$/.test(claim.owner)) &&
      ttl > 0 &&
      ttl <= MAX_CLAIM_TTL_MS &&
      pattern.length <= MAX_PATTERN_LENGTH &&
      !pattern.startsWith('/') &&
      normalizePattern(pattern, '/') === pattern
    );
  } catch {
    return false; // normalizePattern or assertPlainText refused it
  }
}

/** How far a copy has come (a receipt never goes back): the store's order, for the relay. */
export { RECEIPT_ORDER } from '../store/mesh.ts';
