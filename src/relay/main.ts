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
import { watchLocal } from './local-watch.ts';
import { meshNames } from './names.ts';
import { createOutboxPump } from './outbox-pump.ts';
import { startPresence } from './presence.ts';
import type { Presence } from './presence.ts';
import { parseRelayOptions } from './options.ts';
import { setupOnly } from './setup-only.ts';
import { createReceiptTracker } from './receipts.ts';
import type { MeshLink } from './setup.ts';
import { sliceChars } from '../core/text.ts';

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
export async function runRelay(deps: RelayDeps): Promise<number> {
  let parsed: ReturnType<typeof parseRelayOptions>;
  let natsOptions: ReturnType<typeof connectionOptions>;
  try {
    parsed = parseRelayOptions(deps.args, deps.config);
    natsOptions = connectionOptions(parsed.link);
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return 2;
  }
  const { options } = parsed;
  const names = meshNames(options.namespace);
  const here = options.machine;
  if (options.setup)
    return setupOnly({ log: deps.log, out: deps.out, retentionDays: deps.config.retentionDays }, natsOptions, names, options);

  const intercom = await deps.openIntercom();
  const self = procInfo(deps.pid);
  if (!self) throw new IntercomError('IO', `cannot read this process's start time (pid ${deps.pid})`);
  try {
    await intercom.mesh.lockRelay(self.pid, self.start);
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return 1;
  }

  const started = new Date(intercom.clock.now()).toISOString();
  let state: RelayStateRecord = {
    v: 1,
    machine: here,
    namespace: options.namespace,
    server: redactServers(options.server),
    pid: self.pid,
    pid_start: self.start,
    started_at: started,
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
  const pump = createOutboxPump({
    intercom,
    names,
    here,
    link: current,
    log: deps.log,
    onRound: (left) => {
      if (left !== state.outbox) void setState({ outbox: left });
    },
  });
  const receipts = createReceiptTracker({ intercom, names, here, link: current, log: deps.log });
  const watches: { close(): void }[] = [];
  const watchError = (what: string) => (error: unknown) => deps.log(`intercom relay: watching ${what}: ${describeError(error)}`);
  watches.push(await intercom.watchMesh({ kind: 'outbox' }, async () => pump.kick(), watchError('the outbox')));

  let nc: NatsConnection | undefined;
  const stopping = deps.signal;
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
    signal: stopping,
    log: deps.log,
    onFailure,
  });
  if ('refused' in first) deps.log(`intercom relay: ${first.refused}`);
  if (!('link' in first)) {
    await shutDown();
    return 'refused' in first ? 1 : 0;
  }
  nc = first.nc;
  link = first.link;
  const connection = first.nc;
  const meshLink = first.link;
  linkUp = true;
  await setState({ link: 'up' });
  deps.log(`intercom relay: machine ${here} linked to ${state.server} (namespace ${options.namespace})`);
  deps.out(`intercom relay: machine ${here} linked to ${state.server}`);

  const presence: Presence = startPresence({
    intercom,
    names,
    here,
    link: meshLink,
    timings: options.timings,
    linkUp: () => linkUp,
    log: deps.log,
  });
  // Which machines are up, as presence last mirrored it: a gone machine's claims do not block.
  const upMachines = new Set<string>();
  const refreshUp = async () => {
    upMachines.clear();
    for (const m of await intercom.mesh.machines()) if (m.state === 'up') upMachines.add(m.machine);
  };
  const claims: ClaimsSync = startClaimsSync({
    intercom,
    here,
    link: meshLink,
    isUp: (machine) => machine === here || upMachines.has(machine),
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
    log: deps.log,
    onImported: (id) => {
      if (imported.size > 100_000) imported.clear(); // the feed fell behind: it then reads them, no harm
      imported.add(id);
    },
  });
  const feed: Feed = await startFeed({ intercom, names, here, link: meshLink, linkUp: () => linkUp, log: deps.log, imported });
  await refreshUp();
  await receipts.resync();
  pump.kick();

  const local = await watchLocal({ intercom, onAgents: () => presence.kick(), onClaims: () => claims.kick(), log: deps.log });
  const upTimer = setInterval(() => void refreshUp(), options.timings.beatMs);

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
  await presence.stop(linkUp);
  await shutDown();
  return 0;

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
