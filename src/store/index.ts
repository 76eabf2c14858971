// The store's public face: open a store folder and get every operation bound to it.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../core/config.ts';
import { createAgents } from './agents.ts';
import type { ReachConfig, StoreContext } from './context.ts';
import { NO_REACH } from './context.ts';
import { createLayout } from './layout.ts';
import { createMail } from './mail.ts';
import { createPostOffice } from './post-office.ts';
import { createSessions } from './sessions/index.ts';
import { createAsk } from './ask/index.ts';
import { createClaims } from './claims.ts';
import { createReceipts } from './receipts.ts';
import { createHistory } from './history.ts';
import type { Problem, ProblemSink } from './records.ts';
import { openStoreDir } from './store-dir.ts';
import { collectTmp } from './sweeper.ts';
import { followLog } from './follow.ts';
import { createWatchers } from './watchers.ts';
import { warmRecords } from './records.ts';
import { watchAgent, watchRegistry } from './agent-watch.ts';
import type { AgentChange } from './agent-watch.ts';
import { purgeAgent } from './purge.ts';
import { listNames } from './files.ts';
import type { Message } from './schema.ts';

export interface StoreOptions {
  root: string;
  clock?: Clock;
  maxBodyBytes?: number;
  /** Called once for every corrupt file that was moved to quarantine/. Default: kept in `problems`. */
  onProblem?: ProblemSink;
  /** Sessions without intercom (list_sessions, tmux delivery, ask): where and how to reach them. */
  reach?: Partial<ReachConfig>;
}

export async function openStore(options: StoreOptions) {
  const problems: Problem[] = [];
  const ctx: StoreContext = {
    layout: createLayout(options.root),
    clock: options.clock ?? systemClock,
    report: options.onProblem ?? ((p) => problems.push(p)),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    reach: { ...NO_REACH, ...options.reach },
  };
  await openStoreDir(ctx.layout, ctx.clock.now());
  const agents = createAgents(ctx);
  const mail = createMail(ctx);
  const sessions = createSessions(ctx, agents);
  const claims = createClaims(ctx, agents);
  const office = createPostOffice(ctx, agents, mail, sessions, claims);
  return {
    layout: ctx.layout,
    clock: ctx.clock,
    agents,
    mail,
    watchers: createWatchers(ctx),
    sessions,
    claims,
    receipts: createReceipts(ctx, agents, mail),
    history: createHistory(ctx, mail),
    ask: createAsk(ctx, mail, office, sessions),
    ...office,
    watchAgent: (code: string, onChange: (change?: AgentChange) => Promise<void>, onError: (error: unknown) => void, transcriptPath?: string) =>
      watchAgent(ctx, code, onChange, onError, transcriptPath),
    watchRegistry: (onChange: () => Promise<void>, onError: (error: unknown) => void) => watchRegistry(ctx, onChange, onError),
    /** Names of files set aside in quarantine/ (not their .reason.txt notes). */
    quarantined: async () => (await listNames(ctx.layout.quarantine, '')).filter((n) => !n.endsWith('.reason.txt')),
    purgeAgent: (code: string, leftovers: { sessionId?: string; messageIds?: string[] }) => purgeAgent(ctx, code, leftovers),
    /** Load and exercise the record schemas now, so a later first parse (a wake) does not pay for it. */
    warm: warmRecords,
    collectTmp: () => collectTmp(ctx),
    followLog: (options: { sinceId?: string; onMessage(message: Message): void; onError?(error: unknown): void }) =>
      followLog(ctx, options),
    /** Problems reported since the last call (when no onProblem sink was given). */
    takeProblems: (): Problem[] => problems.splice(0),
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
export type { AgentRecord, Message } from './schema.ts';
export type { Problem } from './records.ts';
export type { AgentView, Delivery, Sender, SendResult } from './post-office.ts';
export type { SessionView } from './sessions/index.ts';
export type { AskResult } from './ask/index.ts';
export type { LiveClaim, ClaimOwner } from './claims.ts';
export type { MessageStatus, Receipt } from './receipts.ts';
export type { StoredMessage } from './mail.ts';
export type { AgentChange } from './agent-watch.ts';
export type { MessageState } from './layout.ts';
