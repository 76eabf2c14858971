import { PEER_NOTICE } from './format.ts';

/**
 * Server instructions: what intercom is, sent once to the model at initialize. They name no
 * agent code: initialize is answered before registration finishes (whoami tells the code).
 */
export function serverInstructions(): string {
  return [
    'intercom connects this Claude Code session with the other Claude sessions on this machine; each is an agent with a short code (whoami tells yours).',
    'Use who to see which agents are live and what they are doing; send to tell one (or "all" on your project) something; ' +
      'reply to answer a message; peek to read your inbox; ack when you are done with a message; set_status to say what you are working on.',
    'New messages are delivered to you automatically (between tool calls, with the next prompt, or by waking you when idle): you never need to poll.',
    PEER_NOTICE,
  ].join('\n');
}
