import { resolveCliSender } from '../../store/cli-identity.ts';
import { senderMailbox } from '../../store/post-office.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson, UsageError } from '../command.ts';

export const ackCommand: Command = {
  name: 'ack',
  summary: 'acknowledge messages in your mailbox (they move to history)',
  usage: 'intercom ack <id...> | --all [--json]',
  options: { ...jsonOption, all: { type: 'boolean' } },
  async run({ values, positionals }, deps) {
    if (!values.all && positionals.length === 0) throw new UsageError('ack needs message ids or --all; see intercom inbox');
    const store = await deps.store();
    const box = senderMailbox(await resolveCliSender(store.agents, deps.config.identityOverride));
    const acked = values.all ? await store.ackAll(box) : await store.mail.ack(box, positionals);
    if (values.json) printJson(deps, { acked });
    else deps.io.out(acked.length ? `acked ${acked.join(', ')}` : 'nothing to ack');
    return 0;
  },
};
