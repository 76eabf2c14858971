// `intercom relay`: one per machine and store, the bridge between the store and a NATS server
// with JetStream (docs/relay.md). It publishes the outbox, writes what other machines sent into
// the local inboxes (where the normal watcher wakes the recipient), mirrors the mesh (machines,
// agents, claims, receipts) into the store, and keeps working while the server is unreachable:
// sends wait in the outbox and flow when the link returns. Hooks and the MCP server never touch
// the network; only this process does.
import type { NatsConnection } from '@nats-io/transport-node';
import type { Config } from '../core/config.ts';
import { IntercomError, describeError } from '../core/errors.ts';
import { procInfo } from '../core/proc.ts';
import type { Intercom } from '../intercom/index.ts';
import type { RelayStateRecord } from '../store/schema.ts';
import { startClaimsSync } from './claims-sync.ts';
import type { ClaimsSync } from './claims-sync.ts';
import { startFeed } from './feed.ts';
import type { Feed } from './feed.ts';
import { startInboxPump } from './inbox-pump.ts';
import type { InboxPump } from './inbox-pump.ts';
import { connectionOptions, linkError, redactServers } from './link.ts';
import { firstLink } from './first-link.ts';
import { runningTwin } from './twin.ts';
import { EXIT_REFUSED, RELAY_USAGE, RelayHelp } from './options.ts';
import { watchLocal } from './local-watch.ts';
import { meshNames } from './names.ts';
import { createOutboxPump } from './outbox-pump.ts';
import { startPresence } from './presence.ts';
import type { Presence } from './presence.ts';
import { parseRelayOptions } from './options.ts';
import { setupOnly } from './setup-only.ts';
import { createReceiptTracker } from './receipts.ts';
import { createSentMemo } from './sent-memo.ts';
import type { MeshLink } from './setup.ts';
import { forTerminal, sliceChars } from '../core/text.ts';

export interface RelayDeps {
  args: string[];
  config: Config;
  pid: number;
  openIntercom(): Promise<Intercom>;
  log(line: string): void;
  out(line: string): void;
  /** Aborted on SIGTERM/SIGINT: the relay withdraws this machine from the mesh and exits 0. */
  signal: AbortSignal;
}

/** Runs until `signal` aborts; the exit code (1 with a message on stderr when it cannot run). */
export async function runRelay(given: RelayDeps): Promise<number> {
  // Subjects, keys, machine names and reasons in its log can come from other machines: no control
  // character or escape sequence of theirs reaches the terminal or journal that shows it.
  const deps: RelayDeps = { ...given, log: (line) => given.log(forTerminal(line)), out: (line) => given.out(forTerminal(line)) };
  let parsed: ReturnType<typeof parseRelayOptions>;
  let natsOptions: ReturnType<typeof connectionOptions>;
  try {
    parsed = parseRelayOptions(deps.args, deps.config);
    natsOptions = connectionOptions(parsed.link);
  } catch (error) {
    if (error instanceof RelayHelp) {
      deps.out(RELAY_USAGE);
      return 0;
    }
    deps.log(`intercom relay: ${describeError(error)}`);
    return 2;
  }
  const { options } = parsed;
  const names = meshNames(options.namespace);
  const here = options.machine;
  if (options.setup)
    return setupOnly({ log: deps.log, out: deps.out, retentionDays: deps.config.retentionDays }, natsOptions, names, options);

  let intercom: Intercom;
  try {
    intercom = await deps.openIntercom();
  } catch (error) {
    // A store it may not use (open to other users, someone else's, not a folder): the fix, in one line.
    if (!(error instanceof IntercomError)) throw error;
    deps.log(`intercom relay: ${describeError(error)}`);
    return EXIT_REFUSED;
  }
  const self = procInfo(deps.pid);
  if (!self) throw new IntercomError('IO', `cannot read this process's start time (pid ${deps.pid})`);
  try {
    await intercom.mesh.lockRelay(self.pid, self.start);
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return EXIT_REFUSED;
  }

  const previous = await intercom.mesh.lastRelayState();
  if (previous && previous.machine !== here) {
    deps.log(
      `intercom relay: this store was machine ${previous.machine} until now; mail other machines queued for ${previous.machine} waits for a relay of that name`,
    );
  }
  const instance = crypto.randomUUID();
  const started = new Date(intercom.clock.now()).toISOString();
  let state: RelayStateRecord = {
    v: 1,
    machine: here,
    namespace: options.namespace,
    server: redactServers(options.server),
    pid: self.pid,
    pid_start: self.start,
    started_at: started,
    instance,
    link: 'connecting',
    link_since: started,
  };
  const setState = async (patch: Partial<RelayStateRecord>) => {
    const changed = patch.link !== undefined && patch.link !== state.link;
    state = { ...state, ...patch, ...(changed ? { link_since: new Date(intercom.clock.now()).toISOString() } : {}) };
    if (patch.error === undefined && patch.link === 'up') delete state.error;
    await intercom.mesh.writeRelayState(state);
  };
  await setState({});

  let link: MeshLink | undefined;
  let linkUp = false;
  const current = () => (linkUp ? link : undefined);
  const sent = createSentMemo();
  const pump = createOutboxPump({
    intercom,
    names,
    here,
    link: current,
    log: deps.log,
    sent,
    onRound: (left) => {
      if (left !== state.outbox) void setState({ outbox: left });
    },
  });
  const receipts = createReceiptTracker({ intercom, names, here, link: current, log: deps.log });
  const watches: { close(): void }[] = [];
  const watchError = (what: string) => (error: unknown) => deps.log(`intercom relay: watching ${what}: ${describeError(error)}`);
  watches.push(await intercom.watchMesh({ kind: 'outbox' }, async () => pump.kick(), watchError('the outbox')));

  let nc: NatsConnection | undefined;
  // Stopped by a signal, or from inside: another relay runs under this machine's name, or this
  // store's relay lock is gone (the store deleted or moved under it).
  const inner = new AbortController();
  const stopping = AbortSignal.any([deps.signal, inner.signal]);
  let exitCode = 0;
  const stopWith = (code: number, why: string) => {
    deps.log(`intercom relay: ${why}; stopping`);
    exitCode = code;
    inner.abort();
  };
  let lastFailure = '';
  const onFailure = (reason: string) => {
    if (reason !== lastFailure) deps.log(`intercom relay: cannot reach the NATS server ${state.server}: ${reason}; trying every 2 s`);
    lastFailure = reason;
    void setState({ link: 'down', error: sliceChars(reason, 500) });
  };

  const first = await firstLink({
    natsOptions,
    names,
    here,
    retentionDays: deps.config.retentionDays,
    domain: options.domain,
    signal: stopping,
    log: deps.log,
    onFailure,
  });
  if ('refused' in first) deps.log(`intercom relay: ${first.refused}`);
  if (!('link' in first)) {
    await shutDown();
    return 'refused' in first ? EXIT_REFUSED : exitCode;
  }
  const twin = await runningTwin(first.link, here, instance, previous?.instance, options.timings.goneAfterMs, intercom.clock.now());
  if (twin) {
    deps.log(`intercom relay: ${twin}: give this machine another name (--machine or CLAUDE_INTERCOM_MACHINE), or stop the other relay`);
    await first.nc.close();
    nc = undefined;
    await shutDown();
    return EXIT_REFUSED;
  }
  nc = first.nc;
  link = first.link;
  const connection = first.nc;
  const meshLink = first.link;
  linkUp = true;
  await setState({ link: 'up' });
  deps.log(`intercom relay: machine ${here} linked to ${state.server} (namespace ${options.namespace})`);
  deps.out(`intercom relay: machine ${here} linked to ${state.server}`);

  let claims: ClaimsSync | undefined;
  const presence: Presence = startPresence({
    intercom,
    names,
    here,
    link: meshLink,
    timings: options.timings,
    linkUp: () => linkUp,
    log: deps.log,
    instance,
    onTwin: (why) => stopWith(EXIT_REFUSED, why),
    // What doctor reads: connected is not linked when the server cannot take a beat.
    onBeats: (ok, why) => {
      if (!linkUp) return; // the connection's own state says it
      void setState(
        ok
          ? { link: 'up' }
          : {
              link: 'down',
              error: sliceChars(`connected, but the server takes no beats (${why}); behind a leaf node, is the hub reachable?`, 500),
            },
      );
    },
    onMachine: () => claims?.resettle(),
  });
  claims = startClaimsSync({
    intercom,
    here,
    link: meshLink,
    isUp: (machine) => machine === here || presence.isUp(machine), // a gone machine's claims do not block
    log: deps.log,
  });
  // Ids imported from other machines, which the feed need not read back from the log.
  const imported = new Set<string>();
  const inbox: InboxPump = startInboxPump({
    intercom,
    names,
    here,
    link: meshLink,
    maxBodyBytes: deps.config.maxBodyBytes,
    receipts,
    sent,
    log: deps.log,
    onRefused: (what) => void setState({ refused: (state.refused ?? 0) + 1, last_refused: sliceChars(what, 500) }),
    onImported: (id) => {
      if (imported.size > 100_000) imported.clear(); // the feed fell behind: it then reads them, no harm
      imported.add(id);
    },
  });
  const feed: Feed = await startFeed({ intercom, names, here, link: meshLink, linkUp: () => linkUp, log: deps.log, imported });
  // Not waited for: with thousands of records owed it takes a while, and meanwhile the outbox
  // must flow and a stop signal be heard.
  void receipts.resync().catch((error) => deps.log(`intercom relay: resending receipts: ${describeError(error)}`));
  pump.kick();

  const local = await watchLocal({ intercom, onAgents: () => presence.kick(), onClaims: () => claims.kick(), log: deps.log });
  const upTimer = setInterval(() => {
    if (!intercom.mesh.holdsRelayLock(self.pid))
      stopWith(1, `this store's relay lock (${intercom.layout.relayLock}) is gone: was the store deleted or moved?`);
  }, options.timings.beatMs);

  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        linkUp = false;
        await setState({ link: 'down', error: 'the connection to the NATS server was lost' });
        deps.log(`intercom relay: lost the link to ${state.server}; sends wait in the outbox`);
      } else if (status.type === 'reconnect') {
        linkUp = true;
        await setState({ link: 'up' });
        deps.log(`intercom relay: linked to ${state.server} again`);
        presence.relinked();
        pump.kick();
        void receipts.resync();
        claims.kick();
      } else if (status.type === 'error') {
        deps.log(`intercom relay: ${linkError(status.error)}`);
      }
    }
  })();

  await new Promise<void>((resolve) => {
    if (stopping.aborted) resolve();
    stopping.addEventListener('abort', () => resolve());
  });
  clearInterval(upTimer);
  local.close();
  inbox.stop();
  claims.stop();
  feed.stop();
  await presence.stop(linkUp && exitCode === 0);
  await shutDown();
  return exitCode;

  async function shutDown(): Promise<void> {
    pump.stop();
    receipts.stop();
    for (const w of watches) w.close();
    try {
      await nc?.drain();
    } catch (error) {
      deps.log(`intercom relay: closing the link: ${describeError(error)}`);
    }
    await setState({ link: 'down', error: 'the relay stopped' });
    await intercom.mesh.unlockRelay(self!.pid);
  }
}
