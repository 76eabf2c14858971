import { resolveCliSender } from '../../store/cli-identity.ts';
import { forHumans } from '../for-humans.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson, UsageError } from '../command.ts';

export const sendCommand: Command = {
  name: 'send',
  summary: 'send a message to an agent, a name, "all" (this project) or "*"',
  usage:
    'intercom send <to> <text...> [--reply-to ID] [--store-only] [--json]\n' +
    '  <to>     agent code, name, session id, "all" (agents on the current project) or "*" (everyone)\n' +
    '  <text>   the message; "-" or nothing reads it from stdin\n' +
    '  --store-only  do not type a nudge into the tmux pane of a session without intercom',
  options: { ...jsonOption, 'reply-to': { type: 'string' }, 'store-only': { type: 'boolean' } },
  async run({ values, positionals }, deps) {
    const [to, ...words] = positionals;
    if (!to) throw new UsageError('send needs a recipient: intercom send <to> <text>');
    let body = words.join(' ');
    if (body === '-' || (body === '' && !deps.io.stdinIsTty)) body = await deps.io.readStdin();
    if (body === '') throw new UsageError('send needs a message: intercom send <to> <text>, or pipe it on stdin');
    const store = await deps.store();
    const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
    const replyTo = typeof values['reply-to'] === 'string' ? values['reply-to'] : undefined;
    const { message, delivery } = await store.send({ sender, to, body, replyTo, deliverLive: values['store-only'] !== true });
    if (values.json) printJson(deps, { id: message.id, thread: message.thread, delivery });
    else deps.io.out([`sent ${message.id}`, ...delivery.map((d) => `  ${d.to}: ${d.via} — ${forHumans(d.note)}`)].join('\n'));
    return 0;
  },
};
