import type { MessageStatus } from '../../intercom/index.ts';
import { senderMailbox } from '../../intercom/post-office.ts';
import { renderNote } from '../../core/next-step.ts';
import { defineCommand, jsonOption, output } from '../command.ts';
import { oneLine } from '../io.ts';

function statusLines(s: MessageStatus): string {
  return [
    `${s.id}  "${oneLine(s.body_preview)}"`,
    ...s.receipts.map((r) => `  ${r.to}: ${r.dead_letter ? 'DEAD LETTER' : r.state} — ${r.note}`),
  ].join('\n');
}

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'what became of messages, per recipient (new, delivered, seen, acked, replied, dead letter)',
  usage: 'intercom status [<id>...] [--json]\n  Without ids: the last 10 messages you sent.',
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const found = positionals.length
      ? await Promise.all(positionals.map((id) => store.receipts.status(id)))
      : await store.receipts.recent(senderMailbox(await deps.sender()));
    // Each receipt's note ends with what the person may do about it, as a command.
    const statuses = found.map((s) => ({ ...s, receipts: s.receipts.map((r) => renderNote(r, 'human')) }));
    return output(deps, values.json, { messages: statuses }, () =>
      statuses.length ? statuses.map(statusLines).join('\n') : 'Nothing sent (that is still on record).',
    );
  },
});
