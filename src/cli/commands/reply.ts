import { resolveCliSender } from '../../store/cli-identity.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson, UsageError } from '../command.ts';

export const replyCommand: Command = {
  name: 'reply',
  summary: 'answer a message in your mailbox (goes to its sender, same thread; acks it)',
  usage: 'intercom reply <id> <text...> [--json]',
  options: { ...jsonOption },
  async run({ values, positionals }, deps) {
    const [id, ...words] = positionals;
    let body = words.join(' ');
    if (body === '-' || (body === '' && !deps.io.stdinIsTty)) body = await deps.io.readStdin();
    if (!id || body === '') throw new UsageError('reply needs a message id and text: intercom reply <id> <text>');
    const store = await deps.store();
    const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
    const sent = await store.reply({ sender, id, body });
    if (values.json) printJson(deps, { id: sent.id, to: sent.to, thread: sent.thread });
    else deps.io.out(`replied ${sent.id} to ${sent.to.join(', ')}`);
    return 0;
  },
};
