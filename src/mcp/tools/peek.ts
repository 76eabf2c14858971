import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { PEER_NOTICE, frameMessage, messageData } from '../format.ts';

export const peekTool = defineTool({
  name: 'peek',
  title: 'Read new messages',
  description:
    'Returns your unread messages, oldest first, and marks them seen (they stay in your inbox until you ack or reply). ' +
    'Each has an id, sender and thread.',
  kind: 'write',
  input: {
    all: z.boolean().default(false).describe('also include messages you have already seen but not acked'),
  },
  async handle({ all }, ctx) {
    const found = await ctx.store.peek(ctx.self().code, { all });
    if (found.length === 0) return { text: 'No new messages.', data: { messages: [] } };
    const next = 'Answer with reply; ack a message once you are done with it.';
    const text = `${found.length} message(s). ${PEER_NOTICE}\n\n${found.map((m) => frameMessage(m.message)).join('\n\n')}\n\n${next}`;
    // Claude Code hands the model the structured data rather than the text, so the framing
    // travels in the data too.
    return { text, data: { notice: PEER_NOTICE, messages: found.map(messageData), next } };
  },
});
