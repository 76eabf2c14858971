import { defineCommand, jsonOption, option } from '../command.ts';
import { formatMessageLine } from '../io.ts';
import { describeError } from '../../core/errors.ts';
import { jsonForTerminal } from '../../core/text.ts';

export const tailCommand = defineCommand({
  name: 'tail',
  summary: 'follow every message between agents as it lands (Ctrl-C to stop)',
  usage:
    'intercom tail [--since ID] [--json]\n  --since ID   first show messages sent after message ID\n  --json       one JSON object per line',
  options: { ...jsonOption, since: option.messageId() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const watch = await store.followLog({
      sinceId: values.since,
      onMessage: (message) => deps.io.out(values.json ? jsonForTerminal(JSON.stringify(message)) : formatMessageLine(message)),
      onError: (error) => deps.io.err(`intercom tail: ${describeError(error, 'human')}`),
    });
    deps.io.err(`following messages in ${store.layout.root} (Ctrl-C to stop)`);
    await deps.interrupted;
    watch.close();
    return 0;
  },
});
