import { z } from 'zod';
import { PEER_NOTICE, frameAnswer } from '../format.ts';
import { defineTool } from '../define-tool.ts';
import { parseAddress } from '../../intercom/addressing.ts';
import { ASK_TIMEOUT_S } from '../../core/ranges.ts';
import { numberIn } from '../inputs.ts';

export const askTool = defineTool({
  name: 'ask',
  title: 'Ask and wait for the answer',
  description:
    'Puts a question to one agent or session and waits for its answer (up to timeout_s). An intercom agent is woken and replies; ' +
    'a session without intercom gets it typed into its tmux pane, or is resumed headlessly if not running. Use send instead when you need no answer now.',
  kind: 'send',
  input: {
    to: z.string().describe('one agent code (code@machine on another machine), name, or Claude session id (see who / list_sessions)'),
    question: z.string().describe('the question, self-contained'),
    timeout_s: numberIn(ASK_TIMEOUT_S, 'to wait longer, use send: the answer lands in your inbox').describe(
      'seconds to wait for the answer',
    ),
  },
  async handle({ to, question, timeout_s }, ctx) {
    const result = await ctx.store.ask({
      to: parseAddress(to),
      sender: { kind: 'agent', agent: ctx.self() },
      question,
      timeoutS: timeout_s,
    });
    const partial = result.complete ? '' : ' (time ran out while it was still answering: this is what it had written)';
    const cut = result.truncated ? ' (cut at 4,000 characters)' : '';
    return {
      text: `Answer from ${result.to} via ${result.via}${partial}${cut}. ${PEER_NOTICE}\n\n${frameAnswer(result)}`,
      data: { ...result, notice: PEER_NOTICE },
    };
  },
});
