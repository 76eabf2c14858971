// The relay's first link: connect (trying again every 2 s), then set up or bind the stream, this
// machine's consumer and the buckets. A refusal that retrying cannot fix (credentials, TLS, the
// server's permissions, a namespace these credentials may not create) ends the relay with why.
import type { NatsConnection } from '@nats-io/transport-node';
import { IntercomError, describeError } from '../core/errors.ts';
import { connectUntil } from './link.ts';
import type { connectionOptions } from './link.ts';
import type { MeshNames } from './names.ts';
import { openMeshLink } from './setup.ts';
import type { MeshLink } from './setup.ts';

export type FirstLink = { nc: NatsConnection; link: MeshLink } | { refused: string } | { stopped: true };

export async function firstLink(deps: {
  natsOptions: ReturnType<typeof connectionOptions>;
  names: MeshNames;
  here: string;
  retentionDays: number;
  /** The hub's JetStream domain, through a leaf node (RelayOptions.domain). */
  domain: string | undefined;
  signal: AbortSignal;
  log(line: string): void;
  /** Each failed attempt, in words (no credentials): the relay's state says the link is down, and why. */
  onFailure(reason: string): void;
}): Promise<FirstLink> {
  const { names, here } = deps;
  // Said once per reason, not every 2 s: a laptop offline for a day would write 43,000 lines.
  let lastReason = '';
  while (!deps.signal.aborted) {
    let nc: NatsConnection | undefined;
    try {
      nc = await connectUntil(deps.natsOptions, deps.signal, deps.onFailure);
    } catch (error) {
      return { refused: describeError(error) };
    }
    if (!nc) break;
    // A permission the server refuses shows as an error on the connection, while the request it
    // concerned only times out: collected here to say why setting up failed.
    const refusals: string[] = [];
    let linked = false;
    const watching = nc;
    void (async () => {
      for await (const status of watching.status()) {
        if (status.type === 'error' && /permission/i.test(String(status.error))) refusals.push(String(status.error));
        if (linked) break;
      }
    })();
    try {
      const link = await openMeshLink(nc, names, here, deps.retentionDays, deps.domain);
      linked = true;
      return { nc, link };
    } catch (error) {
      const reason = describeError(error);
      await nc.close();
      if (error instanceof IntercomError && /administrator|JetStream enabled|offers no JetStream/.test(reason)) return { refused: reason };
      if (refusals.length) {
        return {
          refused: `the server's permissions refused this relay (${refusals[0]}): are these credentials machine ${here}'s? Each machine's user may act only as that machine (docs/relay.md "Security")`,
        };
      }
      if (reason !== lastReason) deps.log(`intercom relay: ${reason}; trying again every 2 s`);
      lastReason = reason;
      deps.onFailure(reason);
      await Bun.sleep(2_000);
    }
  }
  return { stopped: true };
}
