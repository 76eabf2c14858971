import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const replyTool = defineTool({
  name: 'reply',
  title: 'Reply to a message',
  description:
    'Answers a message you received: the reply goes to its sender in the same thread, and the original is acked. ' +
    'Use this (not send) to answer a question.',
  kind: 'send',
  input: {
    id: z.string().describe('id of the message you are answering'),
    body: z.string().describe('your answer'),
  },
  async handle({ id, body }, ctx) {
    const sent = await ctx.store.reply({ sender: { kind: 'agent', agent: ctx.self() }, id, body });
    return {
      text: `Replied to ${id} with ${sent.id} (sent to ${sent.to.join(', ')}); ${id} is acked.`,
      data: { id: sent.id, to: sent.to, thread: sent.thread },
    };
  },
});
