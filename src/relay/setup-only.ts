// `intercom relay --setup`: an administrator creates a namespace's stream and buckets once, for
// machines whose credentials may not (docs/relay.md "Security").
import type { NatsConnection } from '@nats-io/transport-node';
import { describeError } from '../core/errors.ts';
import { connectUntil, redactServers } from './link.ts';
import type { connectionOptions } from './link.ts';
import type { MeshNames } from './names.ts';
import type { RelayOptions } from './options.ts';
import { setupMesh } from './setup.ts';
import { EXIT_REFUSED } from './options.ts';

/** Connects (for at most 15 s), creates what is missing, says what is there; the exit code. */
export async function setupOnly(
  deps: { log(line: string): void; out(line: string): void; retentionDays: number },
  natsOptions: ReturnType<typeof connectionOptions>,
  names: MeshNames,
  options: RelayOptions,
): Promise<number> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  let nc: NatsConnection | undefined;
  try {
    nc = await connectUntil(natsOptions, abort.signal, (reason) => deps.log(`intercom relay: ${reason}`));
  } catch (error) {
    deps.log(`intercom relay: ${describeError(error)}`);
    return EXIT_REFUSED; // credentials or TLS refused
  } finally {
    clearTimeout(timer);
  }
  if (!nc) {
    deps.log(`intercom relay: could not reach ${redactServers(options.server)} within 15 s`);
    return 1;
  }
  try {
    await setupMesh(nc, names, deps.retentionDays, options.domain);
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
