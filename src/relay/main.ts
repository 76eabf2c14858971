// `intercom relay`: one per machine and store, the bridge between the store and a NATS server
// with JetStream (docs/relay.md). It publishes the outbox, writes what other machines sent into
// the local inboxes (where the normal watcher wakes the recipient), mirrors the mesh (machines,
// agents, claims, receipts) into the store, and keeps working while the server is unreachable:
// sends wait in the outbox and flow when the link returns. Hooks and the MCP server never touch
// the network; only this process does.
import { parseArgs } from 'node:util';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Config } from '../core/config.ts';
import { IntercomError, describeError } from '../core/errors.ts';
import { assertMachine, NAMESPACE_PATTERN } from '../core/ids.ts';
import { procInfo } from '../core/proc.ts';
import type { Intercom } from '../intercom/index.ts';
import type { RelayStateRecord } from '../store/schema.ts';
import { startClaimsSync } from './claims-sync.ts';
import type { ClaimsSync } from './claims-sync.ts';
import { startFeed } from './feed.ts';
import type { Feed } from './feed.ts';
import { startInboxPump } from './inbox-pump.ts';
import type { InboxPump } from './inbox-pump.ts';
import { connectUntil, connectionOptions, linkError, redactServers } from './link.ts';
import { meshNames } from './names.ts';
import { createOutboxPump } from './outbox-pump.ts';
import { startPresence } from './presence.ts';
import type { Presence, PresenceTimings } from './presence.ts';
import { createReceiptTracker } from './receipts.ts';
import { openMeshLink, setupMesh } from './setup.ts';
import type { MeshLink } from './setup.ts';
import { sliceChars } from '../core/text.ts';

export const RELAY_USAGE = `intercom relay [--server URL] [--machine NAME] [options]
  Bridges this machine's store to a NATS server with JetStream (docs/relay.md); one per store.
  --server URL        nats://host:4222 (several: comma-separated; tls://… for TLS). Env CLAUDE_INTERCOM_NATS_URL
  --machine NAME      this machine's name in the mesh (a-z, 0-9, -). Env CLAUDE_INTERCOM_MACHINE; default the host name
  --namespace NS      the team's namespace on the NATS account (default intercom). Env CLAUDE_INTERCOM_NATS_NAMESPACE
  --user U --password P | --token T | --creds FILE     credentials. Env CLAUDE_INTERCOM_NATS_USER, _PASSWORD, _TOKEN, _CREDS
  --tls-ca F --tls-cert F --tls-key F                   TLS. Env CLAUDE_INTERCOM_NATS_TLS_CA, _TLS_CERT, _TLS_KEY
  --beat S            seconds between beats (default 5); a machine is gone after three beats unheard
  --setup             create the stream and buckets on the server (an administrator, once), then exit`;

/** Defaults (docs/relay.md): a beat every 5 s, gone after 15 s unheard, so shown gone within 20 s. */
export const DEFAULT_BEAT_MS = 5_000;
export const GONE_AFTER_BEATS = 3;

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

interface RelayOptions {
  server: string;
  machine: string;
  namespace: string;
  timings: PresenceTimings;
  setup: boolean;
}

function parseOptions(args: string[], config: Config): { options: RelayOptions; link: Parameters<typeof connectionOptions>[0] } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      machine: { type: 'string' },
      namespace: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      creds: { type: 'string' },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      beat: { type: 'string' },
      setup: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new IntercomError('BAD_INPUT', `unexpected argument ${JSON.stringify(positionals[0])}\n${RELAY_USAGE}`);
  const { mesh } = config;
  if (values.machine === undefined && mesh.machineProblem) throw new IntercomError('BAD_INPUT', mesh.machineProblem);
  const machine = assertMachine(values.machine ?? mesh.machine);
  const namespace = values.namespace ?? mesh.namespace;
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new IntercomError(
      'BAD_INPUT',
      `--namespace ${JSON.stringify(namespace)} is not a namespace: 1-32 characters of a-z, 0-9, "_" and "-"`,
    );
  }
  const beat = values.beat === undefined ? DEFAULT_BEAT_MS / 1000 : Number(values.beat);
  if (!Number.isFinite(beat) || beat < 0.1 || beat > 60) throw new IntercomError('BAD_INPUT', '--beat takes seconds, from 0.1 to 60');
  const server = values.server ?? mesh.server;
  if (!server) {
    throw new IntercomError(
      'BAD_INPUT',
      `no NATS server given: pass --server nats://host:4222 or set CLAUDE_INTERCOM_NATS_URL\n${RELAY_USAGE}`,
    );
  }
  return {
    options: {
      server,
      machine,
      namespace,
      timings: { beatMs: beat * 1000, goneAfterMs: beat * 1000 * GONE_AFTER_BEATS },
      setup: values.setup ?? false,
    },
    link: {
      server,
      user: values.user ?? mesh.user,
      password: values.password ?? mesh.password,
      token: values.token ?? mesh.token,
      creds: values.creds ?? mesh.creds,
      tlsCa: values['tls-ca'] ?? mesh.tlsCa,
      tlsCert: values['tls-cert'] ?? mesh.tlsCert,
      tlsKey: values['tls-key'] ?? mesh.tlsKey,
      name: `intercom-relay ${machine}`,
      inboxPrefix: `_INBOX.${namespace}.${machine}`,
    },
  };
}

/** Runs until `signal` aborts; the exit code (1 with a message on stderr when it cannot run). */
export async function runRelay(deps: RelayDeps): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  let natsOptions: ReturnType<typeof connectionOptions>;
  try {
    parsed = parseOptions(deps.args, deps.config);
    natsOptions = connectionOptions(parsed.link);
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return 2;
  }
  const { options } = parsed;
  const names = meshNames(options.namespace);
  const here = options.machine;
  if (options.setup) return setupOnly(deps, natsOptions, names, options);

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

  while (!stopping.aborted && !link) {
    try {
      nc = await connectUntil(natsOptions, stopping, onFailure);
    } catch (error) {
      deps.log(`intercom relay: ${describeError(error)}`);
      await shutDown();
      return 1;
    }
    if (!nc) break;
    // A permission the server refuses shows as an error on the connection, while the request it
    // concerned only times out: collected here to say why setting up failed.
    const refusals: string[] = [];
    const watching = nc;
    void (async () => {
      for await (const status of watching.status()) {
        if (status.type === 'error' && /permission/i.test(String(status.error))) refusals.push(String(status.error));
        if (link) break;
      }
    })();
    try {
      link = await openMeshLink(nc, names, here, deps.config.retentionDays);
    } catch (error) {
      const reason = describeError(error);
      await nc.close();
      nc = undefined;
      const setupRefused = error instanceof IntercomError && /administrator|JetStream enabled/.test(reason);
      if (refusals.length || setupRefused) {
        deps.log(
          setupRefused
            ? `intercom relay: ${reason}`
            : `intercom relay: the server's permissions refused this relay (${refusals[0]}): are these credentials machine ${here}'s? Each machine's user may act only as that machine (docs/relay.md "Security")`,
        );
        await shutDown();
        return 1;
      }
      deps.log(`intercom relay: ${reason}`);
      onFailure(reason);
      await Bun.sleep(2_000);
    }
  }
  if (!link || !nc) {
    await shutDown();
    return 0;
  }
  const connection = nc;
  const meshLink = link;
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

  // Presence follows the agents and their busy/idle; claims follow the claims folder.
  const activityWatches = new Map<string, { close(): void }>();
  const syncActivity = async () => {
    const live = new Set((await intercom.agents.live()).map((a) => a.code));
    for (const code of live) {
      if (activityWatches.has(code)) continue;
      activityWatches.set(code, await intercom.watchMesh({ kind: 'activity', code }, async () => presence.kick(), watchError('busy/idle')));
    }
    for (const [code, watch] of activityWatches) {
      if (live.has(code)) continue;
      watch.close();
      activityWatches.delete(code);
    }
  };
  watches.push(
    await intercom.watchMesh(
      { kind: 'agents' },
      async () => {
        await syncActivity();
        presence.kick();
        claims.kick();
      },
      watchError('agents'),
    ),
  );
  watches.push(await intercom.watchMesh({ kind: 'claims' }, async () => claims.kick(), watchError('claims')));
  // Anything that changed before the watches were in place (an agent registering as the relay
  // started) is seen now, not at the next rescan.
  await syncActivity();
  presence.kick();
  claims.kick();
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
  for (const w of activityWatches.values()) w.close();
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

async function setupOnly(
  deps: RelayDeps,
  natsOptions: ReturnType<typeof connectionOptions>,
  names: ReturnType<typeof meshNames>,
  options: RelayOptions,
): Promise<number> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  let nc: NatsConnection | undefined;
  try {
    nc = await connectUntil(natsOptions, abort.signal, (reason) => deps.log(`intercom relay: ${reason}`));
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
  if (!nc) {
    deps.log(`intercom relay: could not reach ${redactServers(options.server)} within 15 s`);
    return 1;
  }
  try {
    await setupMesh(nc, names, deps.config.retentionDays);
    deps.out(
      `intercom relay: namespace ${options.namespace} is set up on ${redactServers(options.server)} (stream ${names.stream}, buckets ${names.machinesBucket}, ${names.agentsBucket}, ${names.claimsBucket})`,
    );
    return 0;
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return 1;
  } finally {
    await nc.close();
  }
}
