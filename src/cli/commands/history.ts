import type { Message } from '../../intercom/index.ts';
import type { CommandDeps } from '../command.ts';
import { defineCommand, jsonOption, option, output, UsageError } from '../command.ts';
import { formatMessageLine } from '../io.ts';

/** The CLI sees every message as the person who owns the store; as an agent, only that agent's. */
async function viewer(deps: CommandDeps): Promise<string | undefined> {
  const sender = await deps.sender();
  return sender.kind === 'agent' ? sender.agent.code : undefined;
}

const lines = (messages: Message[]) => messages.map((m) => formatMessageLine(m)).join('\n');

export const threadCommand = defineCommand({
  name: 'thread',
  summary: 'show the whole conversation a message belongs to',
  usage: 'intercom thread <id> [--json]',
  options: { ...jsonOption },
  maxPositionals: 1,
  async run({ values, positionals }, deps) {
    const [id] = positionals;
    if (!id) throw new UsageError('thread needs a message id: intercom thread <id>');
    const messages = await (await deps.store()).history.thread(await viewer(deps), id);
    return output(deps, values.json, { messages }, () => lines(messages));
  },
});

export const searchCommand = defineCommand({
  name: 'search',
  summary: 'find messages by text (including acked ones)',
  usage: 'intercom search <text...> [--from CODE|NAME] [--since 2h|3d|DATE] [--json]',
  options: { ...jsonOption, from: option.string(), since: option.since() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const query = positionals.join(' ');
    if (!query) throw new UsageError('search needs text to look for: intercom search <text>');
    const messages = await (await deps.store()).history.search(await viewer(deps), { query, from: values.from, since: values.since });
    return output(deps, values.json, { messages }, () => (messages.length ? lines(messages) : `No message contains "${query}".`));
  },
});
