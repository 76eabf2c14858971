import { resolveCliSender } from '../../store/cli-identity.ts';
import { senderMailbox } from '../../store/post-office.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson } from '../command.ts';
import { formatMessageLine } from '../io.ts';

export const inboxCommand: Command = {
  name: 'inbox',
  summary: 'show messages sent to you (the "human" mailbox), marking them seen',
  usage: 'intercom inbox [--json]\n  Shows every message not yet acked; ack with: intercom ack <id...> | --all',
  options: { ...jsonOption },
  async run({ values }, deps) {
    const store = await deps.store();
    const box = senderMailbox(await resolveCliSender(store.agents, deps.config.identityOverride));
    const found = await store.peek(box, { all: true });
    if (values.json) printJson(deps, { mailbox: box, messages: found.map((m) => ({ ...m.message, state: m.state })) });
    else if (found.length === 0) deps.io.out(`No messages for ${box}.`);
    else deps.io.out(found.map((m) => formatMessageLine(m.message, m.state)).join('\n'));
    return 0;
  },
};
