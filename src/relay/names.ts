// The names the relays of one namespace agree on (docs/relay.md): subjects, the mail stream and
// its consumers, the buckets and their keys, de-duplication ids. Nothing here touches the network.
import { isMachine } from '../core/ids.ts';

export interface MeshNames {
  namespace: string;
  /** The stream of mail and receipts between machines (work queue). */
  stream: string;
  /** The stream of the feed: who sent what to whom, never the text (limits: a day). */
  feedStream: string;
  /** Where `origin` publishes its messages' feed entries. */
  feedSubject(origin: string): string;
  /** The machine a feed subject names, or undefined. */
  feedOrigin(subject: string): string | undefined;
  machinesBucket: string;
  agentsBucket: string;
  claimsBucket: string;
  /** A message from `origin` for agents on `dest`. */
  mailSubject(dest: string, origin: string): string;
  /** Receipts from `origin` about copies of messages `dest` sent. */
  receiptSubject(dest: string, origin: string): string;
  /** What one machine's consumer takes: everything addressed to it. */
  inboxFilter(machine: string): string;
  /** An agent's key in the agents bucket. */
  agentKey(machine: string, code: string): string;
  /** What a subject says: its destination, kind and origin; undefined for a subject that is none of ours. */
  parse(subject: string): { dest: string; kind: 'mail' | 'rcpt'; origin: string } | undefined;
}

export function meshNames(namespace: string): MeshNames {
  const prefix = `${namespace}.to.`;
  return {
    namespace,
    stream: `${namespace}-mail`,
    feedStream: `${namespace}-feed`,
    feedSubject: (origin) => `${namespace}.feed.${origin}`,
    feedOrigin(subject) {
      const origin = subject.startsWith(`${namespace}.feed.`) ? subject.slice(`${namespace}.feed.`.length) : '';
      return isMachine(origin) ? origin : undefined;
    },
    machinesBucket: `${namespace}-machines`,
    agentsBucket: `${namespace}-agents`,
    claimsBucket: `${namespace}-claims`,
    mailSubject: (dest, origin) => `${prefix}${dest}.mail.${origin}`,
    receiptSubject: (dest, origin) => `${prefix}${dest}.rcpt.${origin}`,
    inboxFilter: (machine) => `${prefix}${machine}.>`,
    agentKey: (machine, code) => `${machine}.${code}`,
    parse(subject) {
      if (!subject.startsWith(prefix)) return undefined;
      const [dest, kind, origin, ...rest] = subject.slice(prefix.length).split('.');
      if (rest.length || !dest || !origin || !isMachine(dest) || !isMachine(origin)) return undefined;
      return kind === 'mail' || kind === 'rcpt' ? { dest, kind, origin } : undefined;
    },
  };
}

/** JetStream de-duplication id of a message's publish to one machine. */
export const mailMsgId = (id: string, dest: string) => `${id}.${dest}`;
/** JetStream de-duplication id of a batch of receipts: the same receipts give the same id. */
export function receiptBatchMsgId(items: { id: string; to: string; state: string }[]): string {
  const hasher = new Bun.CryptoHasher('sha256');
  for (const r of items) hasher.update(`${r.id} ${r.to} ${r.state}\n`);
  return `rcpt-${hasher.digest('hex')}`;
}
