import { resolveCliSender } from '../../store/cli-identity.ts';
import type { Store } from '../../store/index.ts';
import type { CliDeps, Command } from '../command.ts';
import { jsonOption, printJson, UsageError } from '../command.ts';
import { formatMessageLine } from '../io.ts';

/** The CLI sees every message as the person who owns the store; as an agent, only that agent's. */
async function viewer(store: Store, deps: CliDeps): Promise<string | undefined> {
  const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
  return sender.kind === 'agent' ? sender.agent.code : undefined;
}

export const threadCommand: Command = {
  name: 'thread',
  summary: 'show the whole conversation a message belongs to',
  usage: 'intercom thread <id> [--json]',
  options: { ...jsonOption },
  async run({ values, positionals }, deps) {
    const [id] = positionals;
    if (!id) throw new UsageError('thread needs a message id: intercom thread <id>');
    const store = await deps.store();
    const messages = await store.history.thread(await viewer(store, deps), id);
    if (values.json) printJson(deps, { messages });
    else deps.io.out(messages.map((m) => formatMessageLine(m)).join('\n'));
    return 0;
  },
};

export const searchCommand: Command = {
  name: 'search',
  summary: 'find messages by text (including acked ones)',
  usage: 'intercom search <text...> [--from CODE|NAME] [--since 2h|3d|DATE] [--json]',
  options: { ...jsonOption, from: { type: 'string' }, since: { type: 'string' } },
  async run({ values, positionals }, deps) {
    const query = positionals.join(' ');
    if (!query) throw new UsageError('search needs text to look for: intercom search <text>');
    const store = await deps.store();
    const messages = await store.history.search(await viewer(store, deps), {
      query,
      from: typeof values.from === 'string' ? values.from : undefined,
      since: typeof values.since === 'string' ? values.since : undefined,
    });
    if (values.json) printJson(deps, { messages });
    else deps.io.out(messages.length ? messages.map((m) => formatMessageLine(m)).join('\n') : `No message contains "${query}".`);
    return 0;
  },
};
