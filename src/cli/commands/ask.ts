import { resolveCliSender } from '../../store/cli-identity.ts';
import type { Command } from '../command.ts';
import { jsonOption, numberOption, printJson, UsageError } from '../command.ts';

export const askCommand: Command = {
  name: 'ask',
  summary: 'ask an agent or session a question and wait for the answer',
  usage:
    'intercom ask <to> <question...> [--timeout SECONDS] [--json]\n' +
    '  <to>   agent code or name, or a Claude session id (see intercom sessions)\n' +
    '  An agent is woken and replies; a live session in tmux gets the question typed into its pane;\n' +
    '  a session that is not running is resumed headlessly (claude -p --resume). Default timeout 120 s, max 600.',
  options: { ...jsonOption, timeout: { type: 'string' } },
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    const question = words.join(' ');
    if (!to || !question) throw new UsageError('ask needs a recipient and a question: intercom ask <to> <question>');
    const store = await deps.store();
    const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
    const timeoutS = numberOption(values, 'timeout');
    const result = await store.ask({ sender, to, question, timeoutS });
    if (values.json) printJson(deps, result);
    else {
      deps.io.err(`answer from ${result.to} (via ${result.via})${result.complete ? '' : ', incomplete: the time ran out while it was answering'}:`);
      deps.io.out(result.answer);
    }
    return 0;
  },
};
