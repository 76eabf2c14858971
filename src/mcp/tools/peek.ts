import { z } from 'zod';
import { IntercomError } from '../../core/errors.ts';
import type { StoredMessage } from '../../intercom/index.ts';
import { createBudget, moreNote } from '../budget.ts';
import { offsetInput } from '../inputs.ts';
import { defineTool } from '../define-tool.ts';
import type { ToolResult } from '../define-tool.ts';
import { PEER_NOTICE, fitMessage } from '../format.ts';
import type { RenderedMessage } from '../format.ts';
import type { ToolContext } from '../tool-context.ts';

const NEXT = 'Answer with reply; ack a message once you are done with it.';

export const peekTool = defineTool({
  name: 'peek',
  title: 'Read new messages',
  description:
    'Returns your unread messages, oldest first, and marks them seen (they stay in your inbox until you ack or reply). ' +
    'Each has an id, sender and thread. Returns what fits ~24k characters and says how many more wait (call again); a cut body says how to read on.',
  kind: 'write',
  input: {
    all: z.boolean().default(false).describe('also include messages you have already seen but not acked'),
    id: z.string().optional().describe('read just this message (any of yours, also acked or sent)'),
    offset: offsetInput('with id: body character to start from (see the cut note)'),
  },
  async handle({ all, id, offset }, ctx) {
    if (id !== undefined) return readOne(ctx, id, offset);
    if (offset > 0) throw new IntercomError('BAD_INPUT', 'offset needs the id of the message to read on; pass the id from the cut note');
    return readPage(ctx, all);
  },
});

/** A page of the inbox: what fits the budget, oldest first; the first message is cut rather than left out. */
async function readPage(ctx: ToolContext, all: boolean): Promise<ToolResult> {
  const budget = createBudget();
  const shown = new Map<string, RenderedMessage>();
  const fits = (m: StoredMessage, index: number) => {
    const rendered = fitMessage(m, budget, { cut: index === 0 });
    if (rendered) shown.set(m.message.id, rendered);
    return rendered !== undefined;
  };
  const { messages, left } = await ctx.store.peekPage(ctx.self().code, { all, fits });
  const more = moreNote(left, all ? 'message(s) in your inbox' : 'unread message(s) waiting', `call peek${all ? ' with all' : ''} again`);
  if (messages.length === 0) return { text: 'No new messages.', data: { messages: [] } };
  const parts = messages.map((m) => shown.get(m.message.id)!);
  const text = `${messages.length} message(s). ${PEER_NOTICE}\n\n${parts.map((p) => p.text).join('\n\n')}\n\n${[more, NEXT].filter(Boolean).join('\n')}`;
  // Claude Code hands the model the structured data rather than the text, so the framing and
  // the paging note travel in the data too.
  return { text, data: { notice: PEER_NOTICE, messages: parts.map((p) => p.data), ...(left > 0 ? { more } : {}), next: NEXT } };
}

/** One message by id, from `offset`: the way to read a body that was cut. Marks it seen if it was unread. */
async function readOne(ctx: ToolContext, id: string, offset: number): Promise<ToolResult> {
  const code = ctx.self().code;
  const found = await ctx.store.history.message(code, id);
  const length = found.message.body.length;
  if (offset >= length && offset > 0) {
    throw new IntercomError(
      'BAD_INPUT',
      `offset ${offset} is past the end of message ${id} (${length} characters); read it from offset 0 or a smaller offset`,
    );
  }
  if (found.state === 'new' || found.state === 'delivered') await ctx.store.mail.markSeen(code, [id]);
  const rendered = fitMessage(found, createBudget(), { offset, cut: true })!;
  return { text: `${PEER_NOTICE}\n\n${rendered.text}\n\n${NEXT}`, data: { notice: PEER_NOTICE, messages: [rendered.data], next: NEXT } };
}
