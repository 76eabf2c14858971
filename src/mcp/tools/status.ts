import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const statusTool = defineTool({
  name: 'status',
  title: 'Message receipts',
  description:
    'Shows what became of messages you sent, per recipient: new, delivered (shown by a hook), seen, acked, replied, or a dead letter (recipient gone).',
  kind: 'read',
  input: {
    ids: z.array(z.string()).optional().describe('message ids; omit for your last 10 sent'),
  },
  async handle({ ids }, ctx) {
    const me = ctx.self();
    const statuses = ids?.length ? await Promise.all(ids.map((id) => ctx.store.receipts.status(id, me.code))) : await ctx.store.receipts.recent(me.code);
    const rows = statuses.map((s) => `${s.id} "${s.body_preview}": ${s.receipts.map((r) => `${r.to} ${r.dead_letter ? 'DEAD LETTER' : r.state}`).join(', ')}`);
    return { text: rows.length ? rows.join('\n') : 'You have sent nothing (that is still on record).', data: { messages: statuses } };
  },
});
