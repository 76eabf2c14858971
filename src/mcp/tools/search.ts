import { z } from 'zod';
import { SEARCH_LIMIT } from '../../core/ranges.ts';
import { createBudget, moreNote } from '../budget.ts';
import { numberIn, sinceInput } from '../inputs.ts';
import { PEER_NOTICE, fitMessage } from '../format.ts';
import type { RenderedMessage } from '../format.ts';
import { defineTool } from '../define-tool.ts';

export const searchTool = defineTool({
  name: 'search',
  title: 'Search messages',
  description:
    'Finds messages you sent or received (including acked) whose text contains query, newest first; says how to get older matches.',
  kind: 'read',
  input: {
    query: z.string().describe('text to look for (case-insensitive)'),
    from: z.string().optional().describe('only from this agent code or name'),
    since: sinceInput().describe('only newer: "2h", "3d" or a date'),
    before: z.string().optional().describe('only older than this message id (next page)'),
    limit: numberIn(SEARCH_LIMIT).describe('return at most this many'),
  },
  async handle({ query, from, since, before, limit }, ctx) {
    const page = await ctx.store.history.searchPage(ctx.self().code, {
      query,
      from,
      since,
      before,
      limit,
    });
    const budget = createBudget();
    const shown: RenderedMessage[] = [];
    for (const message of page.messages) {
      const rendered = fitMessage({ message }, budget, { cut: shown.length === 0 });
      if (!rendered) break;
      shown.push(rendered);
    }
    const left = page.messages.length - shown.length;
    const last = shown.at(-1)?.data.id;
    const how = `call search again with the same query and before "${last}"`;
    const more = left > 0 ? moreNote(left, 'match(es)', how) : page.more ? `Older matches exist: ${how}.` : '';
    if (shown.length === 0)
      return {
        text: `No message of yours contains "${query}"${before ? ` before ${before}` : ''}.`,
        data: { notice: PEER_NOTICE, messages: [] },
      };
    const text = `${shown.length} match(es), newest first. ${PEER_NOTICE}\n\n${shown.map((r) => r.text).join('\n\n')}${more ? `\n\n${more}` : ''}`;
    return { text, data: { notice: PEER_NOTICE, messages: shown.map((r) => r.data), ...(more ? { more } : {}) } };
  },
});
