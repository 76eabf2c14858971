import { z } from 'zod';
import { PEER_NOTICE, frameMessage } from '../format.ts';
import { defineTool } from '../define-tool.ts';

export const searchTool = defineTool({
  name: 'search',
  title: 'Search messages',
  description: 'Finds messages you sent or received (including acked) whose text contains query, newest first.',
  kind: 'read',
  input: {
    query: z.string().describe('text to look for (case-insensitive)'),
    from: z.string().optional().describe('only from this agent code or name'),
    since: z.string().optional().describe('only newer: "2h", "3d" or a date'),
  },
  async handle({ query, from, since }, ctx) {
    const messages = await ctx.store.history.search(ctx.self().code, { query, from, since });
    const text = messages.length
      ? `${messages.length} match(es). ${PEER_NOTICE}\n\n${messages.map((m) => frameMessage(m)).join('\n\n')}`
      : `No message of yours contains "${query}".`;
    return { text, data: { notice: PEER_NOTICE, messages } };
  },
});
