import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const ackTool = defineTool({
  name: 'ack',
  title: 'Acknowledge messages',
  description: 'Marks messages as done: they leave your inbox and stay in history. Use after you have acted on a message.',
  kind: 'write',
  input: {
    ids: z
      .array(z.string())
      .min(1, 'must list at least one message id; peek lists yours, ack_all acks them all')
      .describe('ids of the messages to acknowledge'),
  },
  async handle({ ids }, ctx) {
    const acked = await ctx.store.mail.ack(ctx.self().code, ids);
    return { text: `Acked ${acked.join(', ')}.`, data: { acked } };
  },
});
