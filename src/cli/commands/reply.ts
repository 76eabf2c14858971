import { defineCommand, jsonOption, output, UsageError } from '../command.ts';
import { bodyFrom } from '../io.ts';

export const replyCommand = defineCommand({
  name: 'reply',
  summary: 'answer a message in your mailbox (goes to its sender, same thread; acks it)',
  usage: 'intercom reply <id> <text...> [--json]',
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [id, ...words] = positionals;
    const body = await bodyFrom(words, deps.io);
    if (!id || body === '') throw new UsageError('reply needs a message id and text: intercom reply <id> <text>');
    const sent = await (await deps.store()).reply({ sender: await deps.sender(), id, body });
    return output(
      deps,
      values.json,
      { id: sent.id, to: sent.to, thread: sent.thread },
      () => `replied ${sent.id} to ${sent.to.join(', ')}`,
    );
  },
});
