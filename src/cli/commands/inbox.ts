import { senderMailbox } from '../../intercom/post-office.ts';
import { defineCommand, jsonOption, output } from '../command.ts';
import { formatMessageLine } from '../io.ts';

export const inboxCommand = defineCommand({
  name: 'inbox',
  summary: 'show messages sent to you (the "human" mailbox), marking them seen',
  usage: 'intercom inbox [--json]\n  Shows every message not yet acked; ack with: intercom ack <id...> | --all',
  options: { ...jsonOption },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const box = senderMailbox(await deps.sender());
    const found = await store.peek(box, { all: true });
    return output(deps, values.json, { mailbox: box, messages: found.map((m) => ({ ...m.message, state: m.state })) }, () =>
      found.length ? found.map((m) => formatMessageLine(m.message, m.state)).join('\n') : `No messages for ${box}.`,
    );
  },
});
