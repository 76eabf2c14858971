import { z } from 'zod';
import type { MessageStatus } from '../../intercom/index.ts';
import { fitList, moreNote } from '../budget.ts';
import { defineTool } from '../define-tool.ts';
import { quoted } from '../../core/peer-text.ts';
import { renderNote } from '../../core/next-step.ts';

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
    const found = ids?.length
      ? await Promise.all(ids.map((id) => ctx.store.receipts.status(id, me.code)))
      : await ctx.store.receipts.recent(me.code);
    // Each receipt's note ends with what the model may do about it, as a tool.
    const statuses = found.map((s) => ({ ...s, receipts: s.receipts.map((r) => renderNote(r, 'model')) }));
    if (statuses.length === 0) return { text: 'You have sent nothing (that is still on record).', data: { messages: [] } };
    const { rows, data, left } = fitList(statuses.map(fewerReceipts), row, (s) => s);
    const rest = statuses.slice(rows.length).map((s) => s.id);
    const more = moreNote(
      left,
      'message(s)',
      `call status with ids ${JSON.stringify(rest.slice(0, 20))}${rest.length > 20 ? ' (and so on)' : ''}`,
    );
    return { text: [...rows, more].filter(Boolean).join('\n'), data: { messages: data, ...(more ? { more } : {}) } };
  },
});

/** Receipts listed per message: a broadcast to hundreds gets the first ones and a count per state. */
const RECEIPTS_PER_MESSAGE = 50;

function fewerReceipts(s: MessageStatus): MessageStatus & { receipt_counts?: Record<string, number> } {
  if (s.receipts.length <= RECEIPTS_PER_MESSAGE) return s;
  const counts: Record<string, number> = {};
  for (const r of s.receipts) counts[r.dead_letter ? 'dead_letter' : r.state] = (counts[r.dead_letter ? 'dead_letter' : r.state] ?? 0) + 1;
  return { ...s, to: s.to.slice(0, RECEIPTS_PER_MESSAGE), receipts: s.receipts.slice(0, RECEIPTS_PER_MESSAGE), receipt_counts: counts };
}

function row(s: ReturnType<typeof fewerReceipts>): string {
  const counts = s.receipt_counts
    ? ` (all recipients: ${Object.entries(s.receipt_counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')})`
    : '';
  return `${s.id} ${quoted(s.body_preview)}: ${s.receipts.map((r) => `${r.to} ${r.dead_letter ? 'DEAD LETTER' : r.state}`).join(', ')}${counts}`;
}
