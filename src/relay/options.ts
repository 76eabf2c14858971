// `intercom relay`'s options: flags over the CLAUDE_INTERCOM_NATS_* settings (core/config.ts),
// checked once, into what the relay runs with and how it connects.
import { parseArgs } from 'node:util';
import type { Config } from '../core/config.ts';
import { IntercomError } from '../core/errors.ts';
import { assertDomain, assertMachine, NAMESPACE_PATTERN } from '../core/ids.ts';
import type { LinkOptions } from './link.ts';
import type { PresenceTimings } from './presence.ts';

export const RELAY_USAGE = `intercom relay [--server URL] [--machine NAME] [options]
  Bridges this machine's store to a NATS server with JetStream (docs/relay.md); one per store.
  --server URL        nats://host:4222 (several: comma-separated; tls://… for TLS). Env CLAUDE_INTERCOM_NATS_URL
  --machine NAME      this machine's name in the mesh (a-z, 0-9, -). Env CLAUDE_INTERCOM_MACHINE; default the host name
  --namespace NS      the team's namespace on the NATS account (default intercom). Env CLAUDE_INTERCOM_NATS_NAMESPACE
  --domain D          the hub's JetStream domain, when --server is a leaf node in front of it. Env CLAUDE_INTERCOM_NATS_DOMAIN
  --user U --password P | --token T | --creds FILE     credentials. Env CLAUDE_INTERCOM_NATS_USER, _PASSWORD, _TOKEN, _CREDS
  --tls-ca F --tls-cert F --tls-key F                   TLS. Env CLAUDE_INTERCOM_NATS_TLS_CA, _TLS_CERT, _TLS_KEY
  --beat S            seconds between beats (default 5); a machine is gone after three beats unheard
  --setup             create the stream and buckets on the server (an administrator, once), then exit
  Exit: 0 stopped (SIGTERM/SIGINT), 1 failed, 2 bad usage, 3 refused (credentials, permissions, the
  machine name or the store already in use): starting it again as it is cannot help.`;

/** `--help`: the caller prints RELAY_USAGE and exits 0. */
export class RelayHelp extends Error {}

/** The exit code when running again as it is cannot help: credentials, permissions, the name or the store in use. */
export const EXIT_REFUSED = 3;

/** Defaults (docs/relay.md): a beat every 5 s, gone after 15 s unheard, so shown gone within 20 s. */
export const DEFAULT_BEAT_MS = 5_000;
export const GONE_AFTER_BEATS = 3;

export interface RelayOptions {
  server: string;
  machine: string;
  namespace: string;
  /** The hub's JetStream domain (through a leaf node), or undefined: the server's own JetStream. */
  domain: string | undefined;
  timings: PresenceTimings;
  setup: boolean;
}

export function parseRelayOptions(args: string[], config: Config): { options: RelayOptions; link: LinkOptions } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      machine: { type: 'string' },
      namespace: { type: 'string' },
      domain: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      creds: { type: 'string' },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      beat: { type: 'string' },
      setup: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new RelayHelp();
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
  if (values.domain === undefined && mesh.domainProblem) throw new IntercomError('BAD_INPUT', mesh.domainProblem);
  const given = values.domain ?? mesh.domain;
  const domain = given === undefined ? undefined : assertDomain(given);
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
      domain,
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
