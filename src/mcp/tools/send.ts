import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const sendTool = defineTool({
  name: 'send',
  title: 'Send a message',
  description:
    'Sends a message to other agents. It lands at once and wakes an idle recipient. ' +
    '`to`: an agent code, a name, a session id, "all" (everyone on your project), "*" (everyone), or several codes separated by commas. ' +
    'A Claude session without intercom (see list_sessions) gets a nudge typed into its tmux pane, if it runs in one (deliver_live false: only stored); the result says how each recipient was reached. ' +
    'To answer a message, prefer reply.',
  kind: 'send',
  input: {
    to: z.string().describe('recipient: code (e.g. "x7k2"), name, session id, "all" or "*"'),
    body: z.string().describe('the message text (plain text, up to 64 KiB)'),
    reply_to: z.string().optional().describe('id of a message this continues (keeps the thread)'),
    deliver_live: z.boolean().optional().describe('type a nudge into the tmux pane of a session without intercom (default true)'),
  },
  async handle({ to, body, reply_to, deliver_live }, ctx) {
    const { message, delivery } = await ctx.store.send({ sender: { kind: 'agent', agent: ctx.self() }, to, body, replyTo: reply_to, deliverLive: deliver_live });
    const lines = delivery.map((d) => `- ${d.to}: ${d.via} — ${d.note}`);
    return {
      text: `Sent ${message.id}.\n${lines.join('\n')}`,
      data: { id: message.id, to: message.to, thread: message.thread, delivery },
    };
  },
});
