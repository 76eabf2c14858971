// The store's public face: the disk and only the disk. Open a store folder and get every record
// operation bound to it: agents (presence records), mailboxes, watchers, claims, receipts, the
// log and history, and the watches the long-lived processes wait on. What these mean for
// sessions (addressing, delivery, busy/idle, asking) is intercom/'s business.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../core/config.ts';
import type { WatchMode } from '../core/config.ts';
import { createAgents } from './agents.ts';
import type { Agents } from './agents.ts';
import type { StoreContext } from './context.ts';
import { createLayout } from './layout.ts';
import type { Layout } from './layout.ts';
import { createMail } from './mail.ts';
import type { Mail } from './mail.ts';
import { createClaims } from './claims.ts';
import type { Claims } from './claims.ts';
import { createReceipts } from './receipts.ts';
import type { Receipts } from './receipts.ts';
import { createHistory } from './history.ts';
import type { History } from './history.ts';
import type { Problem, ProblemSink } from './records.ts';
import { readRecord, warmRecords } from './records.ts';
import { openStoreDir } from './store-dir.ts';
import { collectTmp } from './sweeper.ts';
import { followFeed, followLog } from './follow.ts';
import { createWatchers } from './watchers.ts';
import type { Watchers } from './watchers.ts';
import { watchAgent, watchRegistry } from './agent-watch.ts';
import type { AgentChange } from './agent-watch.ts';
import type { FolderWatch } from './watch.ts';
import { watchBackendFor } from './watch-backend.ts';
import type { WatchChoice } from './watch-backend.ts';
import { purgeAgent } from './purge.ts';
import { createMesh } from './mesh.ts';
import type { Mesh } from './mesh.ts';
import { importMessage } from './import.ts';
import { watchMesh } from './mesh-watch.ts';
import type { MeshTarget } from './mesh-watch.ts';
import type { ImportResult } from './import.ts';
import { listNames } from './files.ts';
import type { FeedEntry, Message } from './schema.ts';

export interface StoreOptions {
  root: string;
  clock?: Clock;
  maxBodyBytes?: number;
  /** How long-lived watches watch: events, poll, or auto (by the store's filesystem; the default). */
  watch?: WatchMode;
  /** Called once for every corrupt file that was moved to quarantine/. Default: kept in `problems`. */
  onProblem?: ProblemSink;
}

/** Every operation on one store folder. All of them are safe across processes (DESIGN.md §3). */
export interface Store {
  /** Where every file of the store lives. */
  layout: Layout;
  clock: Clock;
  /** Agents' presence records, session and process links, and their busy/idle events. */
  agents: Agents;
  /** Mailboxes: messages by state (new, delivered, seen, acked, replied), the send commit. */
  mail: Mail;
  /** Which watcher process is the current one for an agent. */
  watchers: Watchers;
  /** File claims, with their lock. */
  claims: Claims;
  /** What became of a sent message in each recipient's mailbox. */
  receipts: Receipts;
  /** Threads and search over the log and kept mail. */
  history: History;
  /** Other machines (docs/relay.md): the relay's record, the outbox, the mirror of the mesh. */
  mesh: Mesh;
  /** Write a message another machine sent into the inboxes of `boxes` (local mailboxes), idempotently by id. */
  importMessage(message: Message, boxes: string[]): Promise<ImportResult>;
  /** Calls `onChange` when what the relay relays may have changed: the outbox, agents, busy/idle, claims, a mailbox's states. */
  watchMesh(target: MeshTarget, onChange: () => Promise<void>, onError: (error: unknown) => void, rescanMs?: number): Promise<FolderWatch>;
  /** Calls `onChange` when an agent's inbox or record changes (hint `'mail'`: only its inbox). */
  watchAgent(
    code: string,
    onChange: (change?: AgentChange) => Promise<void>,
    onError: (error: unknown) => void,
    transcriptPath?: string,
  ): Promise<FolderWatch>;
  /** The backend the store's watches get (fs events or polling), and why: from its filesystem type unless configured. */
  watchBackend(): WatchChoice;
  /** Calls `onChange` when an agent registers, changes or leaves. */
  watchRegistry(onChange: () => Promise<void>, onError: (error: unknown) => void): Promise<FolderWatch>;
  /** Names of files set aside in quarantine/ (not their .reason.txt notes). */
  quarantined(): Promise<string[]>;
  /** Remove a dead agent's records, mailbox and links. */
  purgeAgent(code: string, leftovers: { sessionId?: string; messageIds?: string[] }): Promise<void>;
  /** Load and exercise the record schemas now, so a later first parse (a wake) does not pay for it. */
  warm(): Promise<void>;
  /** Remove temp files of writers that died, finish or withdraw their interrupted sends. */
  collectTmp(): Promise<number>;
  /** Every message logged after `sinceId`, then each new one as it is logged, until stopped. */
  followLog(options: {
    sinceId?: string;
    onMessage(message: Message): void;
    onError?(error: unknown): void;
    everyMs?: number;
    skip?: (id: string) => boolean;
  }): Promise<FolderWatch>;
  /** The same for the feed of messages between other machines (their text stays there: docs/relay.md). */
  followFeed(options: { sinceId?: string; onMessage(entry: FeedEntry): void; onError?(error: unknown): void }): Promise<FolderWatch>;
  /** Problems reported since the last call (when no onProblem sink was given). */
  takeProblems(): Problem[];
}

/** Opens (creating, 0700) the store folder at `options.root`; throws IntercomError when its owner or mode is unsafe. */
export async function openStore(options: StoreOptions): Promise<{ store: Store; ctx: StoreContext }> {
  const problems: Problem[] = [];
  const ctx: StoreContext = {
    layout: createLayout(options.root),
    clock: options.clock ?? systemClock,
    report: options.onProblem ?? ((p) => problems.push(p)),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    watch: options.watch ?? 'auto',
  };
  await openStoreDir(ctx.layout, ctx.clock.now());
  const agents = createAgents(ctx);
  const mail = createMail(ctx);
  const mesh = createMesh(ctx);
  const store: Store = {
    layout: ctx.layout,
    clock: ctx.clock,
    agents,
    mail,
    watchers: createWatchers({ ...ctx, readWatcher: (path) => readRecord(ctx.layout, 'watcher', path, ctx.report, ctx.clock.now()) }),
    claims: createClaims(ctx, agents, mesh),
    receipts: createReceipts(ctx, agents, mail, mesh),
    history: createHistory(ctx, mail),
    mesh,
    importMessage: (message, boxes) => importMessage(ctx, message, boxes),
    watchMesh: (target, onChange, onError, rescanMs) => watchMesh(ctx, target, onChange, onError, rescanMs),
    watchAgent: (code, onChange, onError, transcriptPath) => watchAgent(ctx, code, onChange, onError, transcriptPath),
    watchBackend: () => watchBackendFor(ctx.layout.root, ctx.watch),
    watchRegistry: (onChange, onError) => watchRegistry(ctx, onChange, onError),
    quarantined: async () => (await listNames(ctx.layout.quarantine, '')).filter((n) => !n.endsWith('.reason.txt')),
    purgeAgent: (code, leftovers) => purgeAgent(ctx, code, leftovers),
    warm: warmRecords,
    collectTmp: () => collectTmp(ctx),
    followLog: (options) => followLog(ctx, options),
    followFeed: (options) => followFeed(ctx, options),
    takeProblems: () => problems.splice(0),
  };
  return { store, ctx };
}

export type { AgentRecord, FeedEntry, Message } from './schema.ts';
export type { Problem } from './records.ts';
export type { LiveClaim, ClaimOwner } from './claims.ts';
export type { MessageStatus, Receipt } from './receipts.ts';
export type { StoredMessage } from './mail.ts';
export type { AgentChange } from './agent-watch.ts';
export type { WatchChoice } from './watch-backend.ts';
export type { MeshView } from './mesh.ts';
export type { MeshTarget } from './mesh-watch.ts';
export type { ImportResult } from './import.ts';
export type { MessageState } from './layout.ts';
