// Output for people: one line per thing, times in local HH:MM:SS, bodies indented. Peer text is
// inert here too: runCli strips control characters and escape sequences from all output
// (forTerminal), and one-line fields a peer controls (name, project, status, claim, title) are
// kept on their line (oneLine), so no peer can rewrite the terminal or forge a row.
import type { AgentView, FeedEntry, Message, StoredMessage } from '../intercom/index.ts';
import { oneLineForTerminal } from '../core/text.ts';
import { senderAddress } from '../core/ids.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whole stdin as text (for `send <to> -`). */
  readStdin(): Promise<string>;
  stdinIsTty: boolean;
}

/** A message's text from the command line's words; "-" or none (when stdin is not a terminal) reads stdin. */
export async function bodyFrom(words: string[], io: CliIo): Promise<string> {
  const body = words.join(' ');
  return body === '-' || (body === '' && !io.stdinIsTty) ? io.readStdin() : body;
}

export function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toTimeString().slice(0, 8);
}

/** A one-line field a peer controls, as shown in a row: no controls, newlines shown as \n. */
export const oneLine = oneLineForTerminal;

function who(from: Message['from']): string {
  return `${senderAddress(from)}${from.name ? `(${oneLine(from.name)})` : ''}`;
}

function indent(body: string): string {
  return body
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

export function formatMessageLine(message: Message, state?: StoredMessage['state']): string {
  const re = message.reply_to ? ` re ${message.reply_to}` : '';
  const tag = state ? ` [${state}]` : '';
  const to =
    message.scope === 'direct' ? message.to.join(',') : message.scope === 'project' ? `all@${oneLine(message.project ?? '')}` : '*';
  return `${clock(message.created_at)} ${message.id} ${who(message.from)} → ${to}${re}${tag}\n${indent(message.body)}`;
}

/** A message sent between other machines (the mesh's feed): its line, and where its text stays. */
export function formatFeedLine(entry: FeedEntry): string {
  const re = entry.reply_to ? ` re ${entry.reply_to}` : '';
  const from = `${entry.from.code}@${entry.machine}${entry.from.name ? `(${oneLine(entry.from.name)})` : ''}`;
  return `${clock(entry.created_at)} ${entry.id} ${from} → ${entry.to.join(',')}${re}\n    (${entry.chars} characters; the text stays on the machines it was sent between)`;
}

export function formatAgentRow(a: AgentView): string {
  const name = a.name ? ` ${oneLine(a.name)}` : '';
  const status = a.status ? `  "${oneLine(a.status)}"` : '';
  const claims = a.claims
    .map((c) => `\n    claims ${oneLine(c.pattern)}${c.reason ? `  "${oneLine(c.reason)}"` : ''}  until ${clock(c.expires_at)}`)
    .join('');
  const where = a.machine ? `  @${a.machine}` : '';
  return `${a.code}${name}  ${oneLine(a.project)}${where}  ${a.activity}  since ${clock(a.since)}${status}${a.you ? '  (you)' : ''}${claims}`;
}
