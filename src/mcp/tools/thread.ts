import { z } from 'zod';
import { PEER_NOTICE, frameMessage } from '../format.ts';
import { defineTool } from '../define-tool.ts';

export const threadTool = defineTool({
  name: 'thread',
  title: 'Show a conversation',
  description: 'Returns every message of the conversation a message belongs to (yours, including acked), oldest first.',
  kind: 'read',
  input: { id: z.string().describe('any message id of the conversation') },
  async handle({ id }, ctx) {
    const messages = await ctx.store.history.thread(ctx.self().code, id);
    const text = `${messages.length} message(s). ${PEER_NOTICE}\n\n${messages.map((m) => frameMessage(m)).join('\n\n')}`;
    return { text, data: { notice: PEER_NOTICE, messages } };
  },
});
