import { defineCommand, jsonOption, option, printJson, UsageError } from '../command.ts';
import { ASK_TIMEOUT_S } from '../../core/ranges.ts';
import { parseAddress } from '../../intercom/addressing.ts';

export const askCommand = defineCommand({
  name: 'ask',
  summary: 'ask an agent or session a question and wait for the answer',
  usage:
    'intercom ask <to> <question...> [--timeout SECONDS] [--json]\n' +
    '  <to>   agent code or name, or a Claude session id (see intercom sessions)\n' +
    '  An agent is woken and replies; a live session in tmux gets the question typed into its pane;\n' +
    `  a session that is not running is resumed headlessly (claude -p --resume). Default timeout ${ASK_TIMEOUT_S.default} s, max ${ASK_TIMEOUT_S.max}.`,
  options: { ...jsonOption, timeout: option.number(ASK_TIMEOUT_S) },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    const question = words.join(' ');
    if (!to || !question) throw new UsageError('ask needs a recipient and a question: intercom ask <to> <question>');
    const store = await deps.store();
    const result = await store.ask({ sender: await deps.sender(), to: parseAddress(to), question, timeoutS: values.timeout });
    if (values.json) printJson(deps, result);
    else {
      deps.io.err(
        `answer from ${result.to} (via ${result.via})${result.complete ? '' : ', incomplete: the time ran out while it was answering'}:`,
      );
      deps.io.out(result.answer);
    }
    return 0;
  },
});
