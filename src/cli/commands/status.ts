import { resolveCliSender } from '../../store/cli-identity.ts';
import { senderMailbox } from '../../store/post-office.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson } from '../command.ts';
import { oneLine } from '../io.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'what became of messages, per recipient (new, delivered, seen, acked, replied, dead letter)',
  usage: 'intercom status [<id>...] [--json]\n  Without ids: the last 10 messages you sent.',
  options: { ...jsonOption },
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const statuses = positionals.length
      ? await Promise.all(positionals.map((id) => store.receipts.status(id)))
      : await store.receipts.recent(senderMailbox(await resolveCliSender(store.agents, deps.config.identityOverride)));
    if (values.json) return printJson(deps, { messages: statuses }), 0;
    if (statuses.length === 0) deps.io.out('Nothing sent (that is still on record).');
    for (const s of statuses) {
      deps.io.out(`${s.id}  "${oneLine(s.body_preview)}"`);
      for (const r of s.receipts) deps.io.out(`  ${r.to}: ${r.dead_letter ? 'DEAD LETTER' : r.state} — ${r.note}`);
    }
    return 0;
  },
};
