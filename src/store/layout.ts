// The on-disk layout of the store, in one place. Every path is built from validated ids
// (src/core/ids.ts), so no caller-supplied text can climb out of the store.
import { joinPath as join } from '../core/paths.ts';
import { assertCode, assertMachine, assertMailbox, assertMessageId, assertRecipient, assertSessionId } from '../core/ids.ts';
import { IntercomError } from '../core/errors.ts';

/** A message's state is the folder it is in. */
export const INBOX_STATES = ['new', 'delivered', 'seen'] as const;
export const HISTORY_STATES = ['acked', 'replied'] as const;
export const MESSAGE_STATES = [...INBOX_STATES, ...HISTORY_STATES] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export type HistoryState = (typeof HISTORY_STATES)[number];
export type MessageState = (typeof MESSAGE_STATES)[number];

export const STORE_FORMAT_VERSION = 1;
/** A staged copy's suffix in an inbox's new/: `<id>.<writer pid>.sending`, a send in progress (send-commit.ts). */
export const STAGED_SUFFIX = '.sending';

export interface Layout {
  root: string;
  /** Store marker: format name and version. */
  marker: string;
  /** Scratch files; published into place by link/rename. Same filesystem as everything else. */
  tmp: string;
  agents: string;
  agentFile(code: string): string;
  /** Claude session id → agent code, kept after the agent exits so a resume gets its code back. */
  sessions: string;
  sessionFile(sessionId: string): string;
  /** Busy/idle events, one folder per agent code (or "s-<session id>"), written by hooks; see activity.ts. */
  activity: string;
  /** The events of one key: an agent code, or `p-<pid>-<start>` for a Claude process without an agent yet. */
  activityDir(key: string): string;
  /** File claims, one file per owner; claimsLock serialises check-then-write across processes. */
  claims: string;
  claimsFile(owner: string): string;
  claimsLock: string;
  /** The armed watcher of an agent (pid + start); a newer watcher replaces it. */
  watchers: string;
  watcherFile(code: string): string;
  /** Claude process (pid + start token) → agent code, so hooks find their agent by ancestry. */
  procs: string;
  procFile(pid: number, start: string): string;
  /** One folder per mailbox (agent code, "human" or "s-<session id>"), one subfolder per message state. */
  mail: string;
  mailbox(mailbox: string): string;
  messageDir(mailbox: string, state: MessageState): string;
  messageFile(mailbox: string, state: MessageState, id: string): string;
  /** What a mailbox sent (hard links), so a sender's own recent messages are one small folder away. */
  sentDir(mailbox: string): string;
  sentFile(mailbox: string, id: string): string;
  /** Every message ever sent, once, as sent (hard links to the delivered copies). */
  log: string;
  logFile(id: string): string;
  /** Files that failed to parse, moved aside with a note of why. */
  quarantine: string;
  /** One lock folder per session an `ask` is checking and resuming (proper-lockfile). */
  asks: string;
  /** The relay of this store (docs/relay.md): `lock` (exclusive create: one relay per store) and `state.json`. */
  relay: string;
  relayLock: string;
  relayState: string;
  /** Messages waiting for the relay to publish them to another machine, one folder per machine. */
  outbox: string;
  outboxDir(machine: string): string;
  outboxFile(machine: string, id: string): string;
  /** The mesh as the relay last saw it: machines, their agents, claims, receipts of copies sent there. */
  remote: string;
  remoteMachines: string;
  remoteMachineFile(machine: string): string;
  remoteAgents: string;
  remoteAgentsDir(machine: string): string;
  remoteAgentFile(machine: string, code: string): string;
  remoteClaims: string;
  /** `key`: a project key's hash (`p` + 24 hex). */
  remoteClaimsFile(key: string): string;
  /** The last claims of a local owner that the mesh refused, and why. */
  refusedFile(owner: string): string;
  /** Receipts of copies on other machines, one file each: `<id>.<code>@<machine>.json`, in one folder (no folder made per message). */
  remoteReceipts: string;
  remoteReceiptFile(id: string, recipient: string): string;
  /** Messages another machine sent here, while a receipt is still owed for one of their copies: a journal (store/mesh.ts). */
  inboundJournal: string;
  /** Messages sent between other machines, without their text (the mesh's feed: tail, dashboard). */
  feed: string;
  feedFile(id: string): string;
}

/** A Claude process as a file-name token, `<pid>-<start>` (the start token's odd characters as `_`). */
export function processToken(pid: number, start: string): string {
  if (!Number.isInteger(pid) || pid <= 0 || !/^[\w:. -]+$/.test(start)) throw new Error(`bad process key ${pid}/${start}`);
  return `${pid}-${start.replace(/[^\w]/g, '_')}`;
}

/** A remote-claims file: a project key's hash. */
const CLAIMS_KEY = /^p[0-9a-f]{24}$/;

/** An activity key: an agent code, or a Claude process (`p-` and its token). */
const ACTIVITY_KEY = /^(?:[a-z0-9]{4}|p-\d+-\w+)$/;

export function createLayout(root: string): Layout {
  const agents = join(root, 'agents');
  const sessions = join(root, 'sessions');
  const activity = join(root, 'activity');
  const procs = join(root, 'procs');
  const watchers = join(root, 'watchers');
  const claims = join(root, 'claims');
  const mail = join(root, 'mail');
  const log = join(root, 'log');
  const outbox = join(root, 'outbox');
  const remote = join(root, 'remote');
  const remoteMachines = join(remote, 'machines');
  const remoteAgents = join(remote, 'agents');
  const remoteClaims = join(remote, 'claims');
  const mailbox = (box: string) => join(mail, assertMailbox(box));
  const messageDir = (box: string, state: MessageState) => join(mailbox(box), state);
  return {
    root,
    marker: join(root, 'store.json'),
    tmp: join(root, 'tmp'),
    agents,
    agentFile: (code) => join(agents, `${assertCode(code)}.json`),
    sessions,
    sessionFile: (sessionId) => join(sessions, assertSessionId(sessionId)),
    activity,
    activityDir: (key) => {
      if (!ACTIVITY_KEY.test(key))
        throw new IntercomError('BAD_INPUT', `${JSON.stringify(key)} is not an activity key: an agent code or p-<pid>-<start>`);
      return join(activity, key);
    },
    claims,
    claimsFile: (owner) => join(claims, `${assertMailbox(owner)}.json`),
    claimsLock: join(root, 'claims.lock'),
    watchers,
    watcherFile: (code) => join(watchers, `${assertCode(code)}.json`),
    procs,
    procFile: (pid, start) => join(procs, processToken(pid, start)),
    mail,
    mailbox,
    messageDir,
    messageFile: (box, state, id) => join(messageDir(box, state), `${assertMessageId(id)}.json`),
    sentDir: (box) => join(mailbox(box), 'sent'),
    sentFile: (box, id) => join(mailbox(box), 'sent', `${assertMessageId(id)}.json`),
    log,
    logFile: (id) => join(log, `${assertMessageId(id)}.json`),
    quarantine: join(root, 'quarantine'),
    asks: join(root, 'asks'),
    relay: join(root, 'relay'),
    relayLock: join(root, 'relay', 'lock'),
    relayState: join(root, 'relay', 'state.json'),
    outbox,
    outboxDir: (machine) => join(outbox, assertMachine(machine)),
    outboxFile: (machine, id) => join(outbox, assertMachine(machine), `${assertMessageId(id)}.json`),
    remote,
    remoteMachines,
    remoteMachineFile: (machine) => join(remoteMachines, `${assertMachine(machine)}.json`),
    remoteAgents,
    remoteAgentsDir: (machine) => join(remoteAgents, assertMachine(machine)),
    remoteAgentFile: (machine, code) => join(remoteAgents, assertMachine(machine), `${assertCode(code)}.json`),
    remoteClaims,
    remoteClaimsFile: (key) => {
      if (!CLAIMS_KEY.test(key)) throw new IntercomError('BAD_INPUT', `${JSON.stringify(key)} is not a project key hash`);
      return join(remoteClaims, `${key}.json`);
    },
    refusedFile: (owner) => join(remote, 'refused', `${assertMailbox(owner)}.json`),
    remoteReceipts: join(remote, 'receipts'),
    remoteReceiptFile: (id, recipient) => join(remote, 'receipts', `${assertMessageId(id)}.${assertRecipient(recipient)}.json`),
    inboundJournal: join(remote, 'inbound.jsonl'),
    feed: join(remote, 'feed'),
    feedFile: (id) => join(remote, 'feed', `${assertMessageId(id)}.json`),
  };
}
