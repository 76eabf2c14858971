// The JetStream side of a namespace (docs/relay.md): the mail stream, this machine's durable
// consumer on it, and the three buckets. Created when missing and the credentials allow it;
// otherwise bound, with an error that says what an administrator must create.
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Consumer, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { IntercomError, describeError } from '../core/errors.ts';
import type { MeshNames } from './names.ts';

/** JetStream de-duplication window (ms): a publish repeated within it is dropped by the server. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;
/**
 * How long (ms) the server waits for a machine to acknowledge a message before it delivers it
 * again: what a relay killed mid-batch costs in delay (its unacknowledged messages wait this long).
 * A batch is written in well under a second, so 5 s leaves room.
 */
export const ACK_WAIT_MS = 5_000;
/** Most messages a machine holds unacknowledged at once. */
export const MAX_ACK_PENDING = 1_024;

const ns = (ms: number) => ms * 1_000_000;

export interface MeshLink {
  js: JetStreamClient;
  /** The largest message the server takes (bytes; its max_payload, 1 MiB by default). */
  maxPayload(): number;
  /** This machine's durable consumer: everything addressed to it. */
  consumer: Consumer;
  machines: KV;
  agents: KV;
  claims: KV;
}

/**
 * How the JetStream API is reached: within 10 s, and through the hub's domain when the relay's
 * server is a leaf node in front of it. A leaf node denies the plain API to its clients ("JetStream
 * Not Extended, adding deny [$JS.API.> $KV.> $OBJ.>]", nats-server 2.9.10); the domain's
 * prefixed API (`$JS.<domain>.API.>`) passes, and the client sends bucket operations there too.
 */
const jsOptions = (domain: string | undefined) => ({ timeout: 10_000, ...(domain ? { domain } : {}) });

/**
 * The JetStream API as this connection reaches it; when nothing answers there, an error that says
 * what to change: a server without JetStream, a leaf node reached without the hub's domain (its
 * clients get "jetstream is not enabled", nats-server 2.9.10), or a domain that is not the hub's.
 */
async function jetstreamApi(nc: NatsConnection, domain: string | undefined): Promise<JetStreamManager> {
  try {
    return await jetstreamManager(nc, jsOptions(domain));
  } catch (error) {
    const why = describeError(error);
    if (!/not enabled|no responders|503/i.test(why)) throw error;
    throw new IntercomError(
      'IO',
      domain === undefined
        ? `the server offers no JetStream here (${why}): start it with \`nats-server -js\`; if it is a leaf node in front of a hub with JetStream, give the hub's JetStream domain with --domain (CLAUDE_INTERCOM_NATS_DOMAIN; docs/relay.md "Topology")`
        : // Not a refusal: through a leaf node, the hub is out of reach while the laptop is offline.
          `no JetStream answers under the domain ${JSON.stringify(domain)} (${why}): is it the hub's \`jetstream { domain: … }\`, and is the hub linked to this server? (docs/relay.md "Topology")`,
      { cause: error },
    );
  }
}

const denied = (error: unknown) => /permission|authorization|10100|not authorized/i.test(describeError(error));
const missing = (error: unknown) => /not found|10059|10014/i.test(describeError(error));

/**
 * Create what a namespace needs on the server (the stream and the buckets), as an administrator
 * does once with `intercom relay --setup` when machines' credentials may not create them.
 */
export async function setupMesh(nc: NatsConnection, names: MeshNames, retentionDays: number, domain?: string): Promise<void> {
  const jsm = await jetstreamApi(nc, domain);
  await ensureStream(jsm, names, retentionDays);
  await ensureFeedStream(jsm, names);
  const kvm = new Kvm(jetstream(nc, jsOptions(domain)));
  for (const bucket of [names.machinesBucket, names.agentsBucket, names.claimsBucket]) {
    try {
      await kvm.create(bucket, { history: 1 });
      await refuseRollups(jsm, bucket);
    } catch (error) {
      throw setupError(`the bucket ${bucket}`, error);
    }
  }
}

/**
 * A bucket's stream is made to refuse rollup headers. The NATS client creates KV buckets allowing
 * them (for its purge), and with them one publish to a key a machine may write, with
 * `Nats-Rollup: all`, would erase every other machine's agents or claims. intercom never purges.
 * Credentials that may not change the stream leave it as it is (`--setup` by an administrator does it).
 */
async function refuseRollups(jsm: JetStreamManager, bucket: string): Promise<void> {
  const info = await jsm.streams.info(`KV_${bucket}`);
  if (!info.config.allow_rollup_hdrs) return;
  await jsm.streams.update(`KV_${bucket}`, { ...info.config, allow_rollup_hdrs: false });
}

/**
 * Make sure the stream, the consumer and the buckets exist; bind them. `retentionDays`: how long
 * mail waits for a machine; `domain`: the hub's JetStream domain, through a leaf node.
 */
export async function openMeshLink(
  nc: NatsConnection,
  names: MeshNames,
  machine: string,
  retentionDays: number,
  domain?: string,
): Promise<MeshLink> {
  const jsm = await jetstreamApi(nc, domain);
  await ensureStream(jsm, names, retentionDays);
  await ensureFeedStream(jsm, names);
  await ensureConsumer(jsm, names, machine);
  const js = jetstream(nc, jsOptions(domain));
  const kvm = new Kvm(js);
  const bucket = async (name: string): Promise<KV> => {
    try {
      const kv = await kvm.create(name, { history: 1 });
      await refuseRollups(jsm, name).catch((error) => {
        if (!denied(error)) throw error;
      });
      return kv;
    } catch (error) {
      if (!denied(error)) throw error;
      try {
        return await kvm.open(name);
      } catch (bindError) {
        throw setupError(`the bucket ${name}`, bindError);
      }
    }
  };
  return {
    js,
    maxPayload: () => nc.info?.max_payload ?? 1024 * 1024,
    consumer: await js.consumers.get(names.stream, machine),
    machines: await bucket(names.machinesBucket),
    agents: await bucket(names.agentsBucket),
    claims: await bucket(names.claimsBucket),
  };
}

async function ensureStream(jsm: JetStreamManager, names: MeshNames, retentionDays: number): Promise<void> {
  try {
    await jsm.streams.info(names.stream);
    return;
  } catch (error) {
    if (!missing(error) && !denied(error)) throw error;
    if (denied(error)) return; // may not even look: consumer creation says whether it exists
  }
  try {
    await jsm.streams.add({
      name: names.stream,
      subjects: [`${names.namespace}.to.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: ns(DEDUPE_WINDOW_MS),
      max_age: ns(retentionDays * 24 * 60 * 60_000),
    });
  } catch (error) {
    throw setupError(`the stream ${names.stream}`, error);
  }
}

/** How long (ms) the feed keeps what machines sent: the dashboard shows a day of it. */
export const FEED_MAX_AGE_MS = 24 * 60 * 60_000;

async function ensureFeedStream(jsm: JetStreamManager, names: MeshNames): Promise<void> {
  try {
    await jsm.streams.info(names.feedStream);
    return;
  } catch (error) {
    if (!missing(error) && !denied(error)) throw error;
    if (denied(error)) return;
  }
  try {
    await jsm.streams.add({
      name: names.feedStream,
      subjects: [`${names.namespace}.feed.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: ns(DEDUPE_WINDOW_MS),
      max_age: ns(FEED_MAX_AGE_MS),
      max_msgs: 100_000,
    });
  } catch (error) {
    throw setupError(`the stream ${names.feedStream}`, error);
  }
}

async function ensureConsumer(jsm: JetStreamManager, names: MeshNames, machine: string): Promise<void> {
  const config = {
    durable_name: machine,
    filter_subject: names.inboxFilter(machine),
    ack_policy: AckPolicy.Explicit,
    ack_wait: ns(ACK_WAIT_MS),
    max_ack_pending: MAX_ACK_PENDING,
    deliver_policy: DeliverPolicy.All,
  };
  try {
    await jsm.consumers.add(names.stream, config);
  } catch (error) {
    // An existing consumer is fine (brought up to these settings when they differ); one that cannot be made is not.
    let info: Awaited<ReturnType<JetStreamManager['consumers']['info']>>;
    try {
      info = await jsm.consumers.info(names.stream, machine);
    } catch {
      throw setupError(`this machine's consumer ${machine} on ${names.stream}`, error);
    }
    if (info.config.ack_wait !== config.ack_wait || info.config.max_ack_pending !== config.max_ack_pending) {
      await jsm.consumers.update(names.stream, machine, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
    }
  }
}

function setupError(what: string, error: unknown): IntercomError {
  const why = describeError(error);
  return new IntercomError(
    'IO',
    denied(error)
      ? `${what} does not exist and these credentials may not create it (${why}); ask the NATS administrator to run \`intercom relay --setup\` with an account allowed $JS.API.> (docs/relay.md)`
      : `could not set up ${what} (${why}); is JetStream enabled on the server (nats-server -js)?`,
    { cause: error },
  );
}
