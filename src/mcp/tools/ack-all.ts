import { defineTool } from '../define-tool.ts';

/** Ids echoed back: enough to check a few, not a flood when thousands were acked. */
const IDS_SHOWN = 100;

export const ackAllTool = defineTool({
  name: 'ack_all',
  title: 'Acknowledge every message',
  description: 'Marks every message in your inbox as done (they stay in history). Use to clear your inbox.',
  kind: 'write',
  input: {},
  async handle(_args, ctx) {
    const acked = await ctx.store.ackAll(ctx.self().code);
    if (acked.length === 0) return { text: 'Your inbox was already empty.', data: { acked } };
    const shown = acked.slice(0, IDS_SHOWN);
    const rest = acked.length > IDS_SHOWN ? ` (ids of the first ${IDS_SHOWN} listed; thread and search still find them all)` : '';
    return { text: `Acked ${acked.length} message(s)${rest}.`, data: { acked: shown, acked_count: acked.length } };
  },
});
