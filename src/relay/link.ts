// The relay's connection to the NATS server: servers, credentials and TLS as the user gave them
// (flags, else CLAUDE_INTERCOM_NATS_* from the config), a first connection tried until it works,
// and NATS's own reconnection after that (forever, every 2 s). Credentials never appear in what
// is logged or written to the store.
import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import type { ConnectionOptions, NatsConnection } from '@nats-io/transport-node';
import { IntercomError, describeError } from '../core/errors.ts';

export interface LinkOptions {
  /** One or more server URLs (nats://, tls://, host:port), comma-separated as given. */
  server: string;
  user?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  /** A NATS .creds file (JWT and NKey seed: decentralised auth). */
  creds?: string | undefined;
  tlsCa?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  /** The client name the server shows (`intercom-relay <machine>`). */
  name: string;
  /**
   * Where replies to this relay go (`_INBOX.<ns>.<machine>`): JetStream hands a consumer's
   * messages to the requester's reply subject, so with one prefix per machine a server can allow
   * each machine to subscribe to its own replies only (docs/relay.md "Security").
   */
  inboxPrefix: string;
}

/** How often (ms) a lost or never-made connection is tried again. */
export const RECONNECT_MS = 2_000;

/** The server list without credentials: what is shown and stored. */
export function redactServers(server: string): string {
  return server
    .split(',')
    .map((s) => s.trim().replace(/^([a-z]+:\/\/)?[^@/]*@/i, '$1'))
    .filter(Boolean)
    .join(',');
}

/** Connection options for the NATS client. Throws BAD_INPUT when a credentials or TLS file cannot be read. */
export function connectionOptions(options: LinkOptions): ConnectionOptions {
  const servers = options.server
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (servers.length === 0)
    throw new IntercomError('BAD_INPUT', 'no NATS server given: pass --server nats://host:4222 or set CLAUDE_INTERCOM_NATS_URL');
  const tls =
    options.tlsCa || options.tlsCert || options.tlsKey || servers.some((s) => /^tls:\/\//i.test(s))
      ? {
          ...(options.tlsCa ? { caFile: readable(options.tlsCa, 'TLS CA file') } : {}),
          ...(options.tlsCert ? { certFile: readable(options.tlsCert, 'TLS certificate file') } : {}),
          ...(options.tlsKey ? { keyFile: readable(options.tlsKey, 'TLS key file') } : {}),
        }
      : undefined;
  return {
    servers,
    name: options.name,
    inboxPrefix: options.inboxPrefix,
    ...(options.user ? { user: options.user, pass: options.password ?? '' } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.creds ? { authenticator: credsAuthenticator(readFileSync(readable(options.creds, 'credentials file'))) } : {}),
    ...(tls ? { tls } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_MS,
    // Pings every 5 s, two missed = the link is down: a cut network is noticed within ~10 s.
    pingInterval: 5_000,
    maxPingOut: 2,
    timeout: 5_000,
  };
}

function readable(path: string, what: string): string {
  try {
    readFileSync(path);
    return path;
  } catch (error) {
    throw new IntercomError('BAD_INPUT', `cannot read the ${what} ${path} (${describeError(error)}); check the path and its permissions`);
  }
}

/** The server answered and refused who we are: trying again with the same credentials cannot help. */
export class CredentialsRefused extends IntercomError {
  constructor(reason: string) {
    super('BAD_INPUT', `${reason}; check the user, password, token or .creds file (flags or CLAUDE_INTERCOM_NATS_*)`);
  }
}

/**
 * Connect, trying again every RECONNECT_MS until it works or `signal` aborts (then undefined).
 * `onFailure` hears each failed attempt, with the reason in words (no credentials). Throws
 * CredentialsRefused when the server refuses the credentials (a typo does not fix itself).
 */
export async function connectUntil(
  options: ConnectionOptions,
  signal: AbortSignal,
  onFailure: (reason: string) => void,
): Promise<NatsConnection | undefined> {
  while (!signal.aborted) {
    try {
      return await connect(options);
    } catch (error) {
      const reason = linkError(error);
      if (/refused the credentials/.test(reason)) throw new CredentialsRefused(reason);
      if (/certificate|self[- ]signed|unable to verify|CERT_|handshake/i.test(reason)) {
        throw new IntercomError('BAD_INPUT', `TLS failed: ${reason}; give the server's CA with --tls-ca (or CLAUDE_INTERCOM_NATS_TLS_CA)`);
      }
      onFailure(reason);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, RECONNECT_MS);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return undefined;
}

/** A connection failure in a sentence (the NATS client's codes are terse). */
export function linkError(error: unknown): string {
  const text = describeError(error);
  if (/authorization|authentication|AUTHORIZATION/i.test(text)) return `the server refused the credentials (${text})`;
  if (/ECONNREFUSED|CONNECTION_REFUSED|connection refused/i.test(text)) return `nothing answers at that address (${text})`;
  if (/permissions? violation/i.test(text)) return `the server's permissions refused it (${text})`;
  return text;
}
