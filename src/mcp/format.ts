// How messages and agents are shown to the model. Peer text is always framed as data from
// another session, never as an instruction from the user.
import type { AgentView, StoredMessage } from '../store/index.ts';

export { PEER_NOTICE, frameMessage } from '../store/presentation.ts';

export function messageData(m: StoredMessage) {
  const msg = m.message;
  return {
    id: msg.id,
    from: msg.from.code,
    ...(msg.from.name ? { from_name: msg.from.name } : {}),
    ...(msg.from.project ? { from_project: msg.from.project } : {}),
    thread: msg.thread,
    ...(msg.reply_to ? { reply_to: msg.reply_to } : {}),
    ...(msg.expects_reply ? { expects_reply: true } : {}),
    sent_at: msg.created_at,
    state: m.state,
    body: msg.body,
  };
}

export function formatAgent(a: AgentView): string {
  const name = a.name ? ` ${a.name}` : '';
  const status = a.status ? ` — "${a.status}"` : '';
  const claims = a.claims.length ? `; claims ${a.claims.map(claimText).join(', ')}` : '';
  return `${a.code}${name} [${a.project}] ${a.activity} since ${a.since}${status}${a.you ? ' (you)' : ''}${claims}`;
}

function claimText(c: AgentView['claims'][number]): string {
  return `${c.pattern}${c.reason ? ` ("${c.reason}")` : ''} until ${c.expires_at}`;
}
