import type { AgentRecord } from '../store/index.ts';
import { PEER_NOTICE } from './format.ts';

/** Server instructions: what intercom is, sent once to the model at initialize. */
export function serverInstructions(self: AgentRecord | undefined): string {
  const you = self
    ? `You are agent ${self.code} on project ${self.project}.`
    : 'Your registration failed; every tool will say why.';
  return [
    `intercom connects this Claude Code session with the other Claude sessions on this machine. ${you}`,
    'Use who to see which agents are live and what they are doing; send to tell one (or "all" on your project) something; ' +
      'reply to answer a message; peek to read your inbox; ack when you are done with a message; set_status to say what you are working on.',
    'New messages are delivered to you automatically (between tool calls, with the next prompt, or by waking you when idle): you never need to poll.',
    PEER_NOTICE,
  ].join('\n');
}
