import { z } from 'zod';
import { createBudget, moreNote } from '../budget.ts';
import { PEER_NOTICE, fitMessage } from '../format.ts';
import type { RenderedMessage } from '../format.ts';
import { defineTool } from '../define-tool.ts';

export const threadTool = defineTool({
  name: 'thread',
  title: 'Show a conversation',
  description:
    'Returns the conversation a message belongs to (yours, including acked), oldest first; a long one, its latest messages and how to page back.',
  kind: 'read',
  input: {
    id: z.string().describe('any message id of the conversation'),
    before: z.string().optional().describe('only messages older than this id (to page back)'),
  },
  async handle({ id, before }, ctx) {
    const all = await ctx.store.history.thread(ctx.self().code, id, { before });
    // The latest messages matter most: fill the budget newest first, then show them in order.
    const budget = createBudget();
    const shown: RenderedMessage[] = [];
    for (const message of [...all].reverse()) {
      const rendered = fitMessage({ message }, budget, { cut: shown.length === 0 });
      if (!rendered) break;
      shown.unshift(rendered);
    }
    const left = all.length - shown.length;
    const oldest = shown[0]?.data.id;
    const more = moreNote(left, 'earlier message(s) of this conversation', `call thread with id "${id}" and before "${oldest}"`);
    const head =
      shown.length === 0
        ? 'No message of this conversation is older than that.'
        : `${shown.length} message(s)${left > 0 ? `, the latest of ${all.length}` : ''}.`;
    const text = `${head} ${PEER_NOTICE}\n\n${shown.map((r) => r.text).join('\n\n')}${more ? `\n\n${more}` : ''}`;
    return { text, data: { notice: PEER_NOTICE, messages: shown.map((r) => r.data), ...(more ? { more } : {}) } };
  },
});
