import { renderNote } from '../../core/next-step.ts';
import { defineCommand, jsonOption, option, output, UsageError } from '../command.ts';
import { parseAddress } from '../../intercom/addressing.ts';
import { bodyFrom } from '../io.ts';

export const sendCommand = defineCommand({
  name: 'send',
  summary: 'send a message to an agent, a name, "all" (this project) or "*"',
  usage:
    'intercom send <to> <text...> [--reply-to ID] [--store-only] [--json]\n' +
    '  <to>     agent code, name, session id, "all" (agents on the current project) or "*" (everyone)\n' +
    '  <text>   the message; "-" or nothing reads it from stdin\n' +
    '  --store-only  do not type a nudge into the tmux pane of a session without intercom',
  options: { ...jsonOption, 'reply-to': option.messageId(), 'store-only': option.flag() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    if (!to) throw new UsageError('send needs a recipient: intercom send <to> <text>');
    const body = await bodyFrom(words, deps.io);
    if (body === '') throw new UsageError('send needs a message: intercom send <to> <text>, or pipe it on stdin');
    const store = await deps.store();
    const sent = await store.send({
      sender: await deps.sender(),
      to: parseAddress(to),
      body,
      replyTo: values['reply-to'],
      deliverLive: !values['store-only'],
    });
    // Each note ends with what the person may do next, as a command.
    const delivery = sent.delivery.map((d) => renderNote(d, 'human'));
    return output(deps, values.json, { id: sent.message.id, thread: sent.message.thread, delivery }, () =>
      [`sent ${sent.message.id}`, ...delivery.map((d) => `  ${d.to}: ${d.via} — ${d.note}`)].join('\n'),
    );
  },
});
