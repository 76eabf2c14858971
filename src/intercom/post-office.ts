// The operations the front-ends share: who is around, send, peek, reply, ack. The MCP tools and
// the CLI are thin wrappers over these, so both say the same things the same way.
import { IntercomError } from '../core/errors.ts';
import { NEXT } from '../core/next-step.ts';
import type { NextStep } from '../core/next-step.ts';
import { HUMAN, assertMessageId, isSessionId, senderAddress, splitRemote } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import type { Agents, Activity } from '../store/agents.ts';
import type { IntercomContext } from './context.ts';
import { presenceOf } from './presence.ts';
import type { Mail, SendInput, StoredMessage } from '../store/mail.ts';
import { INBOX_STATES } from '../store/layout.ts';
import { broadcastRecipients, directRecipients, matchAgents, parseAddress, sameProject, unknownRecipient } from './addressing.ts';
import { checkLoopGuard } from './loop-guard.ts';
import { claimInForce } from './mesh-claims.ts';
import { validateBody } from '../store/mail.ts';
import type { Address, Directory, Recipients, RemoteDirectory } from './addressing.ts';
import type { Sessions, SessionSnapshot } from './sessions.ts';
import type { Claims } from '../store/claims.ts';
import { nudge } from './nudge.ts';
import type { AgentRecord, Message, RemoteClaimsRecord } from '../store/schema.ts';
import type { Mesh, MeshView } from '../store/mesh.ts';

/** Who is sending: a registered agent, or the person at the CLI. */
export type Sender = { kind: 'agent'; agent: AgentRecord } | { kind: 'human' };

export interface AgentView {
  code: string;
  name?: string;
  project: string;
  cwd: string;
  status: string;
  activity: Activity;
  /** When its current activity (busy, idle) began, ISO time. */
  since: string;
  registered_at: string;
  session_id?: string;
  /** Files this agent claims (unexpired). */
  claims: { pattern: string; reason?: string; expires_at: string }[];
  you: boolean;
  /** The machine it runs on, when intercom spans machines (a relay runs for this store): docs/relay.md. */
  machine?: string;
  /** Another machine's agent: address it as `code@machine` when its code is not unique. */
  remote?: boolean;
}

export function senderMailbox(sender: Sender): string {
  return sender.kind === 'agent' ? sender.agent.code : HUMAN;
}

export function senderStamp(sender: Sender): Message['from'] {
  if (sender.kind === 'human') return { code: HUMAN };
  const { code, name, project } = sender.agent;
  return { code, ...(name ? { name } : {}), project };
}

/**
 * How a message reached one recipient: its inbox (an agent), typed into tmux, only stored, or
 * handed to the relay for another machine (`relay`: on its way; `queued`: waiting for the link).
 */
export interface Delivery {
  /** Agent code, "human", session id, or code@machine. */
  to: string;
  via: 'inbox' | 'tmux' | 'stored' | 'relay' | 'queued';
  /** How it went, the fact; `next` names what the sender may do about it (render with renderNote). */
  note: string;
  next?: NextStep;
}

export interface SendResult {
  message: Message;
  delivery: Delivery[];
}

/** Other machines' agents for addressing, from the mirror the relay keeps. */
export function remoteDirectory(view: MeshView): RemoteDirectory {
  return {
    machine: view.relay?.machine,
    live: view.agents,
    unreachable: view.unreachable,
    machines: [...view.machines.values()].map((m) => ({ name: m.machine, up: m.state === 'up' })),
  };
}

export function createPostOffice(ctx: IntercomContext, agents: Agents, mail: Mail, sessions: Sessions, claims: Claims, mesh: Mesh) {
  /** A code whose mailbox exists was an agent here once: it is "not live", not "unknown". */
  const wasAgent = (code: string) => nodeFs().existsSync(ctx.layout.mailbox(code));

  async function who(options: { scope: 'project' | 'all'; self?: AgentRecord | undefined }): Promise<AgentView[]> {
    const { scope, self } = options;
    if (scope === 'project' && !self) throw new IntercomError('BAD_INPUT', 'scope "project" needs an agent identity; use scope "all"');
    const view = await mesh.view();
    const here = view.relay?.machine;
    const live = (await agents.live()).filter((a) => scope === 'all' || sameProject(a, self!));
    const claimed = await claims.all();
    const views = await Promise.all(
      live.map(async (a): Promise<AgentView> => {
        const act = presenceOf(await agents.activity(a.code));
        return {
          code: a.code,
          ...(a.name ? { name: a.name } : {}),
          project: a.project,
          cwd: a.cwd,
          status: a.status,
          activity: act.state,
          // When the current state began; an agent no hook has reported on yet: its registration.
          since: act.since ?? a.registered_at,
          registered_at: a.registered_at,
          ...(a.session_id ? { session_id: a.session_id } : {}),
          claims: claimed
            .filter((c) => c.owner === a.code)
            .map((c) => ({ pattern: c.pattern, ...(c.reason ? { reason: c.reason } : {}), expires_at: c.expires_at })),
          you: a.code === self?.code,
          ...(here ? { machine: here } : {}),
        };
      }),
    );
    const remoteClaims = view.agents.length ? await mesh.allClaims() : [];
    for (const a of view.agents) {
      if (scope === 'project' && !sameProject(a, self!)) continue;
      views.push({
        code: a.code,
        ...(a.name ? { name: a.name } : {}),
        project: a.project,
        cwd: a.cwd,
        status: a.status,
        activity: a.activity,
        since: a.since,
        registered_at: a.registered_at,
        ...(a.session_id ? { session_id: a.session_id } : {}),
        claims: claimsOfRemote(remoteClaims, a.machine, a.code, ctx.clock.now()),
        you: false,
        machine: a.machine,
        remote: true,
      });
    }
    return views.sort(
      (x, y) =>
        x.project.localeCompare(y.project) ||
        (x.machine ?? '').localeCompare(y.machine ?? '') ||
        x.registered_at.localeCompare(y.registered_at),
    );
  }

  /** Thread and reply_to for a reply to `replyTo`, looked up in the sender's own mailbox or the log. */
  async function threadOf(box: string, replyTo: string): Promise<Message> {
    const original = (await mail.find(box, assertMessageId(replyTo)))?.message ?? (await mail.fromLog(replyTo));
    if (!original) throw new IntercomError('NOT_FOUND', `no message ${replyTo} to reply to`, { next: NEXT.listMessageIds });
    return original;
  }

  /** Every message a person or agent sends goes through here: checked, loop-guarded, written. */
  async function post(sender: Sender, message: Omit<SendInput, 'from'>): Promise<Message> {
    validateBody(message.body, ctx.maxBodyBytes); // before the guard: a bad body is the error to report
    await checkLoopGuard(ctx, mail, { from: senderMailbox(sender), to: message.to, body: message.body, replyTo: message.replyTo });
    return mail.send({ ...message, from: senderStamp(sender) });
  }

  /**
   * Session ids among `tokens` that no live agent registered with but that one links to (its
   * hooks saw the new id after /clear): that agent, by token.
   */
  async function linkedAgents(tokens: string[], live: AgentRecord[]): Promise<Map<string, AgentRecord>> {
    const found = new Map<string, AgentRecord>();
    for (const token of tokens) {
      if (!isSessionId(token) || live.some((a) => a.session_id === token)) continue;
      const codes = await agents.codesForSession(token);
      const agent = codes.length === 1 ? live.find((a) => a.code === codes[0]) : undefined;
      if (agent) found.set(token, agent);
    }
    return found;
  }

  /**
   * Resolve an address: live agents first; a token that names none may name a Claude session
   * without a live agent (by id or unique prefix), found in the transcripts. The snapshot of
   * sessions is only taken when some token needs it (and then returned, for delivery).
   */
  async function resolve(to: Address | string, sender: Sender): Promise<{ recipients: Recipients; snapshot?: SessionSnapshot }> {
    const address = typeof to === 'string' ? parseAddress(to) : to;
    const self = sender.kind === 'agent' ? sender.agent : undefined;
    // Never one's own recipient, the person at the CLI ("human") included.
    const selfBox = senderMailbox(sender);
    const live = await agents.live();
    const remote = remoteDirectory(await mesh.view());
    if (address.kind !== 'direct') return { recipients: broadcastRecipients(address, self, live, remote) };
    const linked = await linkedAgents(address.tokens, live);
    const dir: Directory = { live, wasAgent, linked: (token) => linked.get(token), remote };
    const { targets, unmatched } = matchAgents(address.tokens, dir, selfBox);
    if (unmatched.length === 0) return { recipients: directRecipients(address.tokens, targets, selfBox) };
    const snapshot = await sessions.snapshot(live);
    for (const token of unmatched) {
      const found = sessions.find(snapshot.sessions, token);
      if (!found) throw unknownRecipient(token, dir, selfBox, true);
      targets.set(token, { kind: 'session', mailbox: await sessions.mailboxOf(found), sessionId: found.id });
    }
    return { recipients: directRecipients(address.tokens, targets, selfBox), snapshot };
  }

  async function send(input: {
    sender: Sender;
    /** Parsed by the caller, or text parsed here (parseAddress). */
    to: Address | string;
    body: string;
    replyTo?: string | undefined;
    expectsReply?: boolean;
    /** Type a nudge into the tmux pane of a session without intercom (default true); false only stores. */
    deliverLive?: boolean | undefined;
  }): Promise<SendResult> {
    const { recipients, snapshot } = await resolve(input.to, input.sender);
    const original = input.replyTo !== undefined ? await threadOf(senderMailbox(input.sender), input.replyTo) : undefined;
    const message = await post(input.sender, {
      to: recipients.codes,
      scope: recipients.scope,
      project: recipients.project,
      body: input.body,
      thread: original?.thread,
      replyTo: original?.id,
      expectsReply: input.expectsReply,
    });
    const delivery: Delivery[] = [];
    const relay = recipients.codes.some((box) => splitRemote(box)) ? await mesh.relay() : undefined;
    for (const box of recipients.codes) {
      const sessionId = recipients.sessions?.get(box);
      const remote = splitRemote(box);
      if (remote) delivery.push(remoteDelivery(box, remote.machine, recipients.queued?.includes(box) ?? false, relay));
      else if (!sessionId || !snapshot)
        delivery.push({
          to: box,
          via: 'inbox',
          note:
            box === HUMAN
              ? 'in the human inbox, where the person reads it (intercom CLI or dashboard)'
              : 'in its inbox; its hooks hand it over',
        });
      else delivery.push(await deliverToSession(message, box, sessionId, snapshot, input.deliverLive ?? true));
    }
    return { message, delivery };
  }

  /** A copy for another machine: in the outbox, which the relay publishes at once while its link is up. */
  function remoteDelivery(to: string, machine: string, machineGone: boolean, relay: Awaited<ReturnType<Mesh['relay']>>): Delivery {
    const why = !relay
      ? 'no relay runs for this store'
      : relay.link !== 'up'
        ? `the relay's link to the NATS server is ${relay.link}${relay.error ? ` (${relay.error})` : ''}`
        : machineGone
          ? `machine ${machine} is not reachable now`
          : undefined;
    if (why === undefined) {
      const wakes = to.startsWith('human@') ? 'the person there finds it in the human inbox' : 'its watcher wakes it there';
      return { to, via: 'relay', note: `handed to the relay for ${machine}; ${wakes}` };
    }
    return {
      to,
      via: 'queued',
      note: `queued for ${machine}: ${why}. It is kept and sent when the link returns`,
      ...(relay ? {} : { next: { op: 'doctor', why: 'to check the relay' } }),
    };
  }

  /** A session without a live agent: the message is on disk; type a nudge if it runs in tmux. */
  async function deliverToSession(
    message: Message,
    box: string,
    sessionId: string,
    snapshot: SessionSnapshot,
    live: boolean,
  ): Promise<Delivery> {
    const record = snapshot.sessions.find((s) => s.id === sessionId)!;
    const view = sessions.view(record, snapshot);
    const path = ctx.layout.messageFile(box, 'new', message.id);
    if (view.tmux && !live) {
      return {
        to: sessionId,
        via: 'stored',
        note: `NOT typed into tmux pane ${view.tmux}: only stored, as asked; the message waits at ${path}`,
      };
    }
    if (view.tmux) {
      // Typed only into an empty Claude Code prompt, never over what someone is typing there.
      const failed = await nudge(view.tmux, message, path, ctx.reach.tmux);
      if (!failed)
        return { to: sessionId, via: 'tmux', note: `a one-line nudge was typed into tmux pane ${view.tmux}; the message is at ${path}` };
      return { to: sessionId, via: 'stored', note: `not typed: ${failed} (tmux pane ${view.tmux}); the message waits at ${path}` };
    }
    const why =
      view.state === 'running'
        ? 'it runs outside tmux, so nothing could be typed into it'
        : view.state === 'unsure'
          ? 'a claude process in its folder may be running it (intercom cannot tell), so nothing was typed'
          : 'it is not running';
    return {
      to: sessionId,
      via: 'stored',
      note: `NOT delivered to the session yet: ${why}. The message waits at ${path}; it arrives if the session starts intercom`,
      next: { op: 'ask', lead: 'or', why: 'to put a question to it' },
    };
  }

  /**
   * Unread messages (new, delivered), oldest first, each claimed by renaming it to seen/: a rename
   * succeeds for exactly one process, so two peeks at once never return the same message. `all`
   * adds already-seen ones (shown again, not claimed). `fits` is asked before each claim (and
   * counts the message in when it says yes): at the first no, the page ends and the rest stays
   * unread for the next peek, so only what is returned is marked seen. Files are read one at a
   * time, so a page of 10 out of 10,000 waiting reads 10. `left`: listed but not on this page.
   */
  async function peekPage(
    box: string,
    options: { all?: boolean; fits?: (m: StoredMessage, index: number) => boolean } = {},
  ): Promise<{ messages: StoredMessage[]; left: number }> {
    const listed = await mail.entries(box, options.all ? INBOX_STATES : ['new', 'delivered']);
    const messages: StoredMessage[] = [];
    let i = 0;
    for (; i < listed.length; i++) {
      const stored = await mail.load(box, listed[i]!);
      if (!stored) continue; // taken by another reader (or a hook) since the listing
      if (options.fits && !options.fits(stored, messages.length)) break;
      // A lost race spends a little of the caller's budget on a message it will not show: fine.
      if (stored.state !== 'seen' && !(await mail.markSeen(box, [stored.message.id])).length) continue;
      messages.push(stored);
    }
    return { messages, left: listed.length - i };
  }

  /** Every unread message (and with `all`, every seen one), claimed as in peekPage, with no page limit (the CLI). */
  async function peek(box: string, options: { all?: boolean } = {}): Promise<StoredMessage[]> {
    return (await peekPage(box, options)).messages;
  }

  /** Answer a message: to its sender, in its thread; the original is then acknowledged as replied. */
  async function reply(input: { sender: Sender; id: string; body: string }): Promise<Message> {
    const box = senderMailbox(input.sender);
    const found = await mail.find(box, assertMessageId(input.id));
    if (!found) throw new IntercomError('NOT_FOUND', `no message ${input.id} in your mailbox`, { next: NEXT.listMessageIds });
    const original = found.message;
    const target = senderAddress(original.from);
    if (target === box) throw new IntercomError('BAD_INPUT', `message ${input.id} is from you; reply to a message someone else sent`);
    // Another machine's sender: the reply goes through the relay (queued while that machine is gone).
    if (target !== HUMAN && !splitRemote(target) && !(await agents.getLive(target))) {
      throw new IntercomError(
        'NOT_LIVE',
        `the sender of ${input.id}, agent '${target}', is not live any more, so the reply cannot be delivered; ` +
          'the message stays in your inbox.',
        { next: { op: 'who', why: 'to find another agent to tell' } },
      );
    }
    const sent = await post(input.sender, {
      to: [target],
      scope: 'direct',
      body: input.body,
      thread: original.thread,
      replyTo: original.id,
    });
    await mail.move(box, original.id, ['new', 'delivered', 'seen', 'acked'], 'replied');
    return sent;
  }

  async function ackAll(box: string): Promise<string[]> {
    const ids = (await mail.list(box, INBOX_STATES)).map((m) => m.message.id);
    if (ids.length) await mail.ack(box, ids);
    return ids;
  }

  return { who, send, post, resolve, peek, peekPage, reply, ackAll };
}

/** An agent's unexpired claims, from the claims of every machine (mirrored by the relay). */
function claimsOfRemote(all: RemoteClaimsRecord[], machine: string, code: string, now: number): AgentView['claims'] {
  return all.flatMap((project) =>
    project.claims
      .filter((c) => c.machine === machine && c.owner === code && claimInForce(c, now))
      .map((c) => ({
        pattern: c.pattern,
        ...(c.reason ? { reason: c.reason } : {}),
        // By this machine's clock: when its relay saw it, plus its time to live.
        expires_at: new Date(Date.parse(c.seen_at) + c.ttl_ms).toISOString(),
      })),
  );
}

export type PostOffice = ReturnType<typeof createPostOffice>;
