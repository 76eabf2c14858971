import { defineCommand, jsonOption, option } from '../command.ts';
import { formatFeedLine, formatMessageLine } from '../io.ts';
import { describeError } from '../../core/errors.ts';
import { jsonForTerminal } from '../../core/text.ts';

export const tailCommand = defineCommand({
  name: 'tail',
  summary: 'follow every message between agents as it lands, on every machine of the mesh (Ctrl-C to stop)',
  usage:
    'intercom tail [--since ID] [--json]\n  --since ID   first show messages sent after message ID\n  --json       one JSON object per line',
  options: { ...jsonOption, since: option.messageId() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const onError = (error: unknown) => deps.io.err(`intercom tail: ${describeError(error, 'human')}`);
    const watch = await store.followLog({
      sinceId: values.since,
      onMessage: (message) => deps.io.out(values.json ? jsonForTerminal(JSON.stringify(message)) : formatMessageLine(message)),
      onError,
    });
    // Messages sent between other machines of the mesh (docs/relay.md): who, to whom, never the text.
    const feed = await store.followFeed({
      sinceId: values.since,
      onMessage: (entry) => deps.io.out(values.json ? jsonForTerminal(JSON.stringify(entry)) : formatFeedLine(entry)),
      onError,
    });
    deps.io.err(`following messages in ${store.layout.root} (Ctrl-C to stop)`);
    await deps.interrupted;
    watch.close();
    feed.close();
    return 0;
  },
});
