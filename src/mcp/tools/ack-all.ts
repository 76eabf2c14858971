import { defineTool } from '../define-tool.ts';

export const ackAllTool = defineTool({
  name: 'ack_all',
  title: 'Acknowledge every message',
  description: 'Marks every message in your inbox as done (they stay in history). Use to clear your inbox.',
  kind: 'write',
  input: {},
  async handle(_args, ctx) {
    const acked = await ctx.store.ackAll(ctx.self().code);
    return { text: acked.length ? `Acked ${acked.length} message(s).` : 'Your inbox was already empty.', data: { acked } };
  },
});
