import { senderMailbox } from '../../intercom/post-office.ts';
import { defineCommand, jsonOption, option, output, UsageError } from '../command.ts';

export const ackCommand = defineCommand({
  name: 'ack',
  summary: 'acknowledge messages in your mailbox (they move to history)',
  usage: 'intercom ack <id...> | --all [--json]',
  options: { ...jsonOption, all: option.flag() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    if (!values.all && positionals.length === 0) throw new UsageError('ack needs message ids or --all; `intercom inbox` lists them');
    if (values.all && positionals.length > 0)
      throw new UsageError(`--all acks every message: give ids or --all, not both (got "${positionals[0]}")`);
    const store = await deps.store();
    const box = senderMailbox(await deps.sender());
    const acked = values.all ? await store.ackAll(box) : await store.mail.ack(box, positionals);
    return output(deps, values.json, { acked }, () => (acked.length ? `acked ${acked.join(', ')}` : 'nothing to ack'));
  },
});
