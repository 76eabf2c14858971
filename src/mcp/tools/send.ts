import { z } from 'zod';
import type { Delivery } from '../../intercom/index.ts';
import { fitList } from '../budget.ts';
import { defineTool } from '../define-tool.ts';
import { parseAddress } from '../../intercom/addressing.ts';
import { renderNote } from '../../core/next-step.ts';

export const sendTool = defineTool({
  name: 'send',
  title: 'Send a message',
  description:
    'Sends a message to other agents. It lands at once and wakes an idle recipient. ' +
    '`to`: an agent code, a name, a session id, "all" (everyone on your project), "*" (everyone), or several codes separated by commas. ' +
    'A Claude session without intercom (see list_sessions) gets a nudge typed into its tmux pane, if it runs in one (deliver_live false: only stored); the result says how each recipient was reached. ' +
    'To answer a message, prefer reply.',
  kind: 'send',
  input: {
    to: z.string().describe('recipient: code (e.g. "x7k2"; "x7k2@devbox" on another machine), name, session id, "all" or "*"'),
    body: z.string().describe('the message text (plain text, up to 64 KiB)'),
    reply_to: z.string().optional().describe('id of a message this continues (keeps the thread)'),
    deliver_live: z.boolean().optional().describe('type a nudge into the tmux pane of a session without intercom (default true)'),
  },
  async handle({ to, body, reply_to, deliver_live }, ctx) {
    const { message, delivery } = await ctx.store.send({
      to: parseAddress(to),
      sender: { kind: 'agent', agent: ctx.self() },
      body,
      replyTo: reply_to,
      deliverLive: deliver_live,
    });
    // A broadcast to hundreds lists how the first ones were reached and counts the rest.
    const rendered = delivery.map((d) => renderNote(d, 'model'));
    const { rows, data, left } = fitList(
      rendered,
      (d) => `- ${d.to}: ${d.via} — ${d.note}`,
      (d) => d,
    );
    const more =
      left > 0
        ? `${left} more recipient(s) not listed: ${summary(delivery.slice(rows.length))}; status ${message.id} has every receipt.`
        : '';
    return {
      text: [`Sent ${message.id}.`, ...rows, more].filter(Boolean).join('\n'),
      data: {
        id: message.id,
        to: left > 0 ? message.to.slice(0, rows.length) : message.to,
        thread: message.thread,
        delivery: data,
        ...(more ? { more } : {}),
      },
    };
  },
});

function summary(delivery: Delivery[]): string {
  const counts = new Map<string, number>();
  for (const d of delivery) counts.set(d.via, (counts.get(d.via) ?? 0) + 1);
  return [...counts].map(([via, n]) => `${n} via ${via}`).join(', ');
}
