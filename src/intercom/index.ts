// intercom's one entry for the front-ends (MCP server, hooks, CLI, dashboard): the store's
// operations plus what they mean for sessions: addressing and the post office, sessions without
// intercom (list, tmux, headless resume), busy/idle as others should see it, and ask.
import type { ReachConfig } from '../claude/reach.ts';
import { NO_REACH } from '../claude/reach.ts';
import { openStore } from '../store/index.ts';
import type { ClaimOwner, Store, StoreOptions } from '../store/index.ts';
import { createAsk } from './ask/index.ts';
import type { AskInput, AskResult } from './ask/index.ts';
import type { IntercomContext } from './context.ts';
import { createPostOffice } from './post-office.ts';
import type { PostOffice } from './post-office.ts';
import { createPresence } from './presence.ts';
import type { Presence } from './presence.ts';
import { createSessions } from './sessions.ts';
import { claimInMesh } from './claim.ts';
import type { ClaimResult } from './claim.ts';
import type { Sessions } from './sessions.ts';

export interface IntercomOptions extends StoreOptions {
  /** Sessions without intercom (list_sessions, tmux delivery, ask): where and how to reach them. */
  reach?: Partial<ReachConfig>;
}

/** The store, and every operation the front-ends share. */
export interface Intercom extends Store {
  /** Claude Code sessions found in transcripts, whether they run, and where their mail goes. */
  sessions: Sessions;
  /** Busy or idle as other sessions should see it (an interrupted turn is idle). */
  presence: Presence;
  /** Claim files here, and settle the claim with the other machines of the mesh when a relay runs. */
  claim(owner: ClaimOwner, paths: string[], ttlMinutes?: number, reason?: string): Promise<ClaimResult>;
  /** Ask one recipient a question and wait for its answer (native, tmux, or headless resume). */
  ask(input: AskInput): Promise<AskResult>;
  who: PostOffice['who'];
  send: PostOffice['send'];
  post: PostOffice['post'];
  resolve: PostOffice['resolve'];
  peek: PostOffice['peek'];
  peekPage: PostOffice['peekPage'];
  reply: PostOffice['reply'];
  ackAll: PostOffice['ackAll'];
}

/** Opens the store at `options.root` (see openStore) with intercom's operations bound to it. */
export async function openIntercom(options: IntercomOptions): Promise<Intercom> {
  const { store, ctx: storeCtx } = await openStore(options);
  const ctx: IntercomContext = { ...storeCtx, reach: { ...NO_REACH, ...options.reach } };
  const sessions = createSessions(ctx, store.agents);
  const office = createPostOffice(ctx, store.agents, store.mail, sessions, store.claims, store.mesh);
  return {
    ...store,
    sessions,
    presence: createPresence(store.agents),
    ask: createAsk(ctx, store.mail, office, sessions),
    claim: (owner, paths, ttlMinutes, reason) => claimInMesh(store, owner, paths, ttlMinutes, reason),
    ...office,
  };
}

export type {
  AgentRecord,
  FeedEntry,
  Message,
  Problem,
  LiveClaim,
  ClaimOwner,
  MessageStatus,
  Receipt,
  StoredMessage,
  AgentChange,
  MessageState,
} from '../store/index.ts';
export type { AgentView, Delivery, Sender, SendResult } from './post-office.ts';
export type { SessionView } from './sessions.ts';
export type { AskResult } from './ask/index.ts';
export type { ClaimResult } from './claim.ts';
